"""The 三员 log in with a second factor (TOTP) that the 安全管理员 enrols (等保 2.0 level 3)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from anjian.accounts.models import Membership, Role
from anjian.audit.models import AuditEvent
from anjian.web.accounts.second_factor import OTP_WRONG
from tests.second_factor import signed_in

PASSWORD = "Anquan-2025x"


def member(username, agency, role):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def code_now(user) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def password_login(username: str) -> Client:
    client = Client(HTTP_HOST="localhost")
    assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_an_administrator_needs_the_one_time_code_after_the_password(county_bureau, role):
    user = member("guan", county_bureau, role)
    call_command("otp", "enrol", "--username", "guan", stdout=io.StringIO())
    client = password_login("guan")
    response = client.get("/audit/")
    assert response.status_code == 302 and response.url.startswith("/otp/?next=")
    wrong = client.post("/otp/", {"token": "000000", "next": "/audit/"})
    assert OTP_WRONG in wrong.content.decode()
    # a wrong code throttles the device (1 s, doubling); let the next try through at once
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert client.get("/accounts/").status_code == 302
    done = client.post("/otp/", {"token": code_now(user), "next": "/audit/"})
    assert done.status_code == 302 and done.url == "/audit/"
    assert client.get("/audit/").status_code in (200, 403)  # past the second factor: the role decides


def test_an_administrator_without_a_device_is_told_who_enrols_one(county_bureau):
    member("guan", county_bureau, Role.SYSTEM_ADMIN)
    page = password_login("guan").get("/otp/").content.decode()
    assert "尚未绑定动态口令" in page and "安全管理员" in page


def test_business_roles_log_in_with_the_password_alone(county_bureau):
    member("wang", county_bureau, Role.OFFICE_HEAD)
    assert password_login("wang").get("/enterprises/").status_code == 200


def test_the_security_admin_enrols_another_account_and_sees_its_secret_once(county_bureau):
    sec = signed_in(member("sec", county_bureau, Role.SECURITY_ADMIN))
    sysadmin = signed_in(member("sys", county_bureau, Role.SYSTEM_ADMIN))
    auditor = member("shen", county_bureau, Role.AUDIT_ADMIN)
    pk = auditor.membership.pk
    assert sysadmin.post(f"/accounts/{pk}/otp/").status_code == 403
    page = sec.post(f"/accounts/{pk}/otp/").content.decode()
    device = TOTPDevice.objects.get(user=auditor)
    assert "otpauth://totp/" in page and device.config_url.split("secret=")[1].split("&")[0] in page
    assert AuditEvent.objects.filter(action="otp_enrol", object_id=str(auditor.pk), actor="sec").exists()
    own = get_user_model().objects.get(username="sec").membership.pk
    assert sec.post(f"/accounts/{own}/otp/").status_code == 403


@pytest.mark.parametrize(
    ("role", "page"),
    [(Role.SYSTEM_ADMIN, "/accounts/"), (Role.SECURITY_ADMIN, "/accounts/"), (Role.AUDIT_ADMIN, "/audit/")],
)
def test_the_three_administrators_land_on_their_own_page_after_the_second_factor(county_bureau, role, page):
    user = member("guan", county_bureau, role)
    call_command("otp", "enrol", "--username", "guan", stdout=io.StringIO())
    client = password_login("guan")
    done = client.post("/otp/", {"token": code_now(user), "next": "/"}, follow=True)
    assert done.redirect_chain[-1][0] == page and done.status_code == 200
