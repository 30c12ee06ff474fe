"""等保 2.0 level 3: password history, and the audit of password changes, role changes and refused requests."""

import pytest
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.test import Client

from anjian.accounts.history import PASSWORD_REUSED
from anjian.accounts.models import Membership, Role
from anjian.audit.models import AuditEvent

PASSWORDS = [f"Kouling-{n}x" for n in range(7)]


@pytest.fixture
def clerk(county_bureau):
    user = get_user_model().objects.create_user(username="li", password=PASSWORDS[0])
    Membership.objects.create(user=user, agency=county_bureau, role=Role.OFFICE_HEAD)
    return user


def change(user, password: str) -> None:
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()


def test_a_new_password_may_not_repeat_any_of_the_last_five(clerk):
    for password in PASSWORDS[1:5]:
        change(clerk, password)
    for reused in PASSWORDS[0:5]:  # the current one and the four before it
        with pytest.raises(ValidationError) as error:
            change(clerk, reused)
        assert PASSWORD_REUSED.format(n=5) in error.value.messages
    change(clerk, PASSWORDS[5])
    change(clerk, PASSWORDS[0])  # six changes ago: allowed again


def test_a_password_change_is_audited_without_the_password(clerk):
    change(clerk, PASSWORDS[1])
    event = AuditEvent.objects.filter(action="password_change", object_id=str(clerk.pk)).get()
    assert event.agency_id == clerk.membership.agency_id
    assert "pbkdf2" not in str(event.before) + str(event.after)


def test_a_role_change_is_audited_with_before_and_after(clerk):
    membership = clerk.membership
    membership.role = Role.LEADER
    membership.save()
    event = AuditEvent.objects.filter(action="update", object_type="accounts.Membership").latest("id")
    assert event.before == {"role": "office_head"} and event.after == {"role": "leader"}


def test_granting_staff_rights_to_a_user_is_audited(clerk):
    clerk.is_staff = True
    clerk.save()
    event = AuditEvent.objects.filter(action="update", object_type="auth.User", object_id=str(clerk.pk)).get()
    assert event.after == {"is_staff": True} and event.agency_id == clerk.membership.agency_id


def test_refused_requests_of_a_signed_in_user_are_audited(clerk):
    client = Client(HTTP_HOST="localhost", REMOTE_ADDR="10.0.0.9")
    client.force_login(clerk)
    assert client.get("/accounts/").status_code == 403
    assert client.get("/enterprises/999999/").status_code == 404
    denied = AuditEvent.objects.filter(action="denied", actor="li").order_by("id")
    assert [(e.object_repr, e.after["status"]) for e in denied] == [
        ("GET /accounts/", 403),
        ("GET /enterprises/999999/", 404),
    ]
    assert {e.ip_address for e in denied} == {"10.0.0.9"}


def test_an_anonymous_post_without_csrf_token_is_audited(db):
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    assert client.post("/login/", {"username": "x", "password": "y"}).status_code == 403
    assert AuditEvent.objects.filter(action="denied", actor="匿名", object_repr="POST /login/").exists()
