"""The lockout after 5 failures lasts 15 minutes, then the right password works again; a session idle for 30
minutes is logged out, while one in use stays alive."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from anjian.accounts.models import Membership, Role

GOOD = "Anquan-2025x"  # test value


@pytest.fixture
def wang(county_bureau):
    user = get_user_model().objects.create_user(username="wang", password=GOOD)
    Membership.objects.create(user=user, agency=county_bureau, role=Role.OFFICE_HEAD)
    return user


def login(client, password, ip="10.0.0.7"):
    return client.post("/login/", {"username": "wang", "password": password}, REMOTE_ADDR=ip)


def lock(client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong-Password1")
    assert login(client, GOOD).status_code == 429


def age_attempts(minutes: float) -> None:
    """As if the failures happened `minutes` ago."""
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=minutes))


def test_the_lockout_still_holds_just_before_fifteen_minutes(wang):
    client = Client(HTTP_HOST="localhost")
    lock(client)
    age_attempts(14)
    assert login(client, GOOD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_released_after_fifteen_minutes(wang):
    client = Client(HTTP_HOST="localhost")
    lock(client)
    age_attempts(15.5)
    response = login(client, GOOD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(wang.pk)


def logged_in(wang) -> Client:
    client = Client(HTTP_HOST="localhost")
    assert login(client, GOOD).status_code == 302
    assert client.get("/enterprises/").status_code == 200
    return client


def test_a_session_idle_past_the_timeout_is_logged_out(wang):
    client = logged_in(wang)
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    Session.objects.update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )  # 30 minutes without a request
    response = client.get("/enterprises/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_each_request_restarts_the_idle_clock(wang):
    client = logged_in(wang)
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(minutes=1))  # 29 minutes idle
    assert client.get("/enterprises/").status_code == 200
    (session,) = Session.objects.all()
    left = session.expire_date - timezone.now()
    assert dt.timedelta(minutes=29) < left <= dt.timedelta(minutes=30)


def test_failures_from_several_addresses_lock_the_account_everywhere(wang):
    client = Client(HTTP_HOST="localhost")
    for i in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong-Password1", ip=f"10.0.0.{10 + i}")
    assert login(client, GOOD, ip="10.0.9.9").status_code == 429
    assert "_auth_user_id" not in client.session
