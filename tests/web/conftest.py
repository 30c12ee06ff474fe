"""Personas for the workbench: users of the Xia County bureau, of its city above, and of an unrelated county;
and a page of Debian's Chromium for the browser tests."""

import os
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client

from anjian.accounts.models import Membership, Role
from anjian.registry.models import Agency
from tests.second_factor import signed_in

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "Anquan-2025x"  # test fixture


def make_user(username: str, agency: Agency, role: str):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def client_for(user) -> Client:
    """Signed in; the 三员 also past their second factor (tests/second_factor.py)."""
    return signed_in(user)


@pytest.fixture
def other_county(db):
    city = Agency.objects.create(name="太原市应急管理局", code="taiyuan", level="city", region_code="140100")
    return Agency.objects.create(
        name="清徐县应急管理局", code="qingxu", level="county", parent=city, region_code="140121"
    )


@pytest.fixture
def people(xia_plan, other_county):
    county = xia_plan.plan.agency
    return {
        "head": client_for(make_user("xia_head", county, Role.OFFICE_HEAD)),
        "leader": client_for(make_user("xia_leader", county, Role.LEADER)),
        "city": client_for(make_user("city_head", county.parent, Role.OFFICE_HEAD)),
        "stranger": client_for(make_user("qingxu_head", other_county, Role.OFFICE_HEAD)),
        "auditor": client_for(make_user("xia_auditor", county, Role.AUDIT_ADMIN)),
    }


@pytest.fixture(autouse=True)
def jobs_inline(settings):
    """A compile or schedule started from a page runs before the response, so its result can be asserted."""
    settings.ANJIAN_JOBS_INLINE = True


@pytest.fixture(autouse=True)
def uploads_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setattr("anjian.web.registry.imports.UPLOAD_DIR", tmp_path / "uploads")
    monkeypatch.setattr("anjian.web.plans.setup.PLAN_FILES_DIR", tmp_path / "plans")


@pytest.fixture
def browser_page():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made meanwhile are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        browser.close()
        # ORM calls made while Playwright's loop runs get a connection of their own; PostgreSQL would refuse to
        # drop the test database at the end of the session while it stays open.
        connections.close_all()
