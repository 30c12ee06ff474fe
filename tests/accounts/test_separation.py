"""三员分立 on the accounts page: the system admin creates accounts, the security admin assigns roles."""

import pytest
from django.contrib.auth import get_user_model

from anjian.accounts.models import Membership, Role
from tests.second_factor import signed_in

PASSWORD = "Anquan-2025x"  # test value


def member(username, agency, role):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(user=user, agency=agency, role=role)
    return signed_in(user), user


@pytest.fixture
def admins(county_bureau):
    return {
        "system": member("sys", county_bureau, Role.SYSTEM_ADMIN),
        "security": member("sec", county_bureau, Role.SECURITY_ADMIN),
        "head": member("head", county_bureau, Role.OFFICE_HEAD),
    }


def test_system_admin_creates_an_account_with_a_policy_password(admins, county_bureau):
    client, _ = admins["system"]
    data = {"username": "zhang", "agency": county_bureau.pk, "password": "weakpass"}
    assert "口令须包含" in client.post("/accounts/", data).content.decode()
    data["password"] = "Zhang-San-2025"
    assert client.post("/accounts/", data).status_code == 302
    assert Membership.objects.get(user__username="zhang").role == Role.OFFICER


def test_system_admin_cannot_assign_roles_and_security_admin_can(admins):
    _, head = admins["head"]
    pk = head.membership.pk
    assert admins["system"][0].post(f"/accounts/{pk}/role/", {"role": "leader"}).status_code == 403
    assert admins["security"][0].post(f"/accounts/{pk}/role/", {"role": "leader"}).status_code == 302
    assert Membership.objects.get(pk=pk).role == Role.LEADER


def test_security_admin_cannot_change_own_role(admins):
    client, sec = admins["security"]
    assert client.post(f"/accounts/{sec.membership.pk}/role/", {"role": "audit_admin"}).status_code == 403


def test_office_head_has_no_accounts_page(admins):
    assert admins["head"][0].get("/accounts/").status_code == 403
