"""The public draw page (no login): a tampered or unreadable record is shown as failing, with the reason in
Chinese; the JSON download is the stored record, replays to a pass offline, and is audited."""

import copy
import hashlib
import json

import pytest
from django.test import Client
from django.urls import reverse

from anjian.audit.models import AuditEvent
from anjian.planning.draw_record import (
    DRAW_COMMITMENT_NOT_PUBLISHED,
    DRAW_RECORD_MISSING_FIELD,
    draw_record_from_json,
    verify_draw,
)
from anjian.planning.lottery import commitment

VERIFIED = 'id="draw-verified"'


@pytest.fixture
def public():
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def draw(xia_plan):
    return xia_plan.draws.first()


def page(public, draw) -> str:
    response = public.get(reverse("web:draw_public", args=[draw.commitment]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_untouched_draw_passes(public, draw):
    assert VERIFIED in page(public, draw)


def test_a_unit_struck_from_the_stored_result_fails_with_the_replay_difference(public, draw):
    record = copy.deepcopy(draw.record)
    struck = record["result"].pop(0)
    draw.record = record
    draw.save()
    html = page(public, draw)
    assert VERIFIED not in html and "不通过" in html
    name = next(p["name"] for p in record["pool"] if p["enterprise_id"] == struck["enterprise_id"])
    assert (
        "按记录的种子和名录库重放，结果与记录不符" in html and f"重放抽中而记录中没有的单位：{name}" in html
    )


def test_a_record_redrawn_under_a_new_seed_fails_against_the_published_commitment(public, draw):
    record = copy.deepcopy(draw.record)
    record["seed"] = "another seed chosen after seeing the pool"
    record["commitment"] = commitment(record["seed"])
    draw.record = record
    draw.save()
    html = page(public, draw)
    assert VERIFIED not in html
    assert (
        DRAW_COMMITMENT_NOT_PUBLISHED.format(recorded=record["commitment"], published=draw.commitment) in html
    )


def test_an_unreadable_record_is_reported_not_crashed_on(public, draw):
    record = copy.deepcopy(draw.record)
    del record["officers"]
    draw.record = record
    draw.save()
    html = page(public, draw)
    assert VERIFIED not in html
    assert DRAW_RECORD_MISSING_FIELD.format(field="officers") in html


def test_an_unknown_or_malformed_commitment_is_not_found(public, draw):
    unknown = hashlib.sha256(b"never published").hexdigest()
    assert public.get(reverse("web:draw_public", args=[unknown])).status_code == 404
    assert public.get(reverse("web:draw_public", args=[draw.commitment[:20]])).status_code == 404
    assert public.get(reverse("web:draw_public_json", args=[unknown])).status_code == 404


def test_the_json_download_is_the_stored_record_and_replays_to_a_pass(public, draw):
    before = AuditEvent.objects.filter(action="export").count()
    response = public.get(reverse("web:draw_public_json", args=[draw.commitment]))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="draw-{draw.commitment[:12]}.json"'
    text = response.content.decode("utf-8")
    assert json.loads(text) == draw.record
    record = draw_record_from_json(text)
    assert (
        verify_draw(record, published_commitment=draw.commitment, published_pool_digest=draw.pool_digest)
        == []
    )
    assert AuditEvent.objects.filter(action="export").count() == before + 1
    event = AuditEvent.objects.filter(action="export").latest("id")
    assert event.object_id == str(draw.pk) and event.agency_id == draw.version.plan.agency_id
