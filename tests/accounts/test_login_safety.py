"""Login safety: password policy, lockout after 5 failures, no default password, expiry."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from anjian.accounts.models import Membership, Role
from anjian.accounts.validators import PASSWORD_TOO_FEW_CLASSES
from anjian.audit.models import AuditEvent

GOOD = "Anquan-2025x"  # test value


@pytest.mark.parametrize("password", ["Ab1-xyz", "abcdefgh12", "ABCDEFGH-", "anquanjihua"])
def test_password_policy_rejects_short_or_two_class_passwords(db, password):
    with pytest.raises(ValidationError):
        password_validation.validate_password(password)


def test_password_policy_names_the_three_classes_rule(db):
    with pytest.raises(ValidationError) as error:
        password_validation.validate_password("zhongguoanquan2025")
    assert PASSWORD_TOO_FEW_CLASSES.format(n=3) in error.value.messages


def test_password_with_three_classes_and_eight_characters_passes(db):
    password_validation.validate_password(GOOD)


@pytest.fixture
def officer(county_bureau):
    user = get_user_model().objects.create_user(username="wang", password=GOOD)
    Membership.objects.create(user=user, agency=county_bureau, role=Role.OFFICE_HEAD)
    return user


def login(client, password):
    return client.post("/login/", {"username": "wang", "password": password}, REMOTE_ADDR="10.0.0.7")


def test_five_failed_logins_lock_the_account_even_for_the_right_password(officer):
    client = Client(HTTP_HOST="localhost")
    for _ in range(5):
        login(client, "wrong-Password1")
    response = login(client, GOOD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login_failed", actor="wang", ip_address="10.0.0.7").count() >= 5


def test_a_retry_during_the_lockout_does_not_restart_the_fifteen_minutes(officer):
    from axes.models import AccessAttempt

    client = Client(HTTP_HOST="localhost")
    for _ in range(5):
        login(client, "wrong-Password1")

    def minutes_ago(minutes: int) -> None:
        AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=minutes))

    minutes_ago(10)
    assert login(client, "wrong-Password1").status_code == 429  # retried 10 minutes into the lockout
    assert login(client, GOOD).status_code == 429
    # 16 minutes after the lockout began (6 after the retries), the right password works again
    assert AccessAttempt.objects.get().attempt_time < timezone.now() - dt.timedelta(minutes=9)
    minutes_ago(16)
    assert login(client, GOOD).status_code == 302


def test_four_failures_then_the_right_password_logs_in_and_is_audited(officer):
    client = Client(HTTP_HOST="localhost")
    for _ in range(4):
        login(client, "wrong-Password1")
    assert login(client, GOOD).status_code == 302
    assert AuditEvent.objects.filter(action="login", actor="wang").exists()
    client.post("/logout/")
    assert AuditEvent.objects.filter(action="logout", actor="wang").exists()


def test_expired_password_sends_the_user_to_change_it(officer):
    Membership.objects.filter(user=officer).update(
        password_changed_at=timezone.now() - dt.timedelta(days=400)
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(officer)
    response = client.get("/enterprises/")
    assert response.status_code == 302 and response.url.startswith("/password/")


def test_changing_the_password_restarts_the_expiry_clock(officer):
    old = timezone.now() - dt.timedelta(days=400)
    Membership.objects.filter(user=officer).update(password_changed_at=old)
    officer.set_password("Xin-Kouling-9")
    officer.save()
    assert Membership.objects.get(user=officer).password_changed_at > old


def test_createadmin_asks_for_the_password_and_enforces_the_policy(county_bureau, monkeypatch):
    answers = iter(["Guanli-Yuan-1", "Guanli-Yuan-1"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("createadmin", "--username", "admin1", "--agency", "xiaxian", stdout=io.StringIO())
    user = get_user_model().objects.get(username="admin1")
    assert user.check_password("Guanli-Yuan-1") and user.membership.role == Role.SYSTEM_ADMIN


def test_createadmin_refuses_a_weak_password(county_bureau, monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "password")
    with pytest.raises(CommandError):
        call_command("createadmin", "--username", "admin2", "--agency", "xiaxian", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="admin2").exists()


def test_pages_carry_security_headers(db):
    response = Client(HTTP_HOST="localhost").get("/login/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
