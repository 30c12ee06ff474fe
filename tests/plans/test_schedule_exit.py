"""A schedule that is not final (the validator finds hard violations, nothing saved as final) makes
`anjian plan schedule` exit 1 after printing what it found, in text and in --json, so scripts can detect it."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from anjian.plans.models import OfficerAbsence
from anjian.registry.models import Officer

SCHEDULE = ("plan", "schedule", "--agency", "xiaxian", "--year", "2025", "--time-limit", "10")


@pytest.fixture
def everyone_on_leave(xia_plan):
    officers = Officer.objects.filter(office__agency=xia_plan.plan.agency)
    OfficerAbsence.objects.bulk_create(
        OfficerAbsence(officer=o, kind="leave", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
        for o in officers
    )
    return xia_plan


def test_an_impossible_schedule_prints_its_violations_and_exits_1(everyone_on_leave):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="排程未定稿：校验发现 \\d+ 处硬约束违反，未保存为定稿") as e:
        call_command(*SCHEDULE, stdout=out, stderr=err)
    assert e.value.returncode == 1
    assert "[违反]" in out.getvalue()
    assert not everyone_on_leave.visits.filter(is_final=True).exists()


def test_an_impossible_schedule_still_prints_its_json_then_exits_1(everyone_on_leave):
    out = StringIO()
    with pytest.raises(CommandError, match="排程未定稿"):
        call_command(*SCHEDULE, "--json", stdout=out, stderr=StringIO())
    data = json.loads(out.getvalue())
    assert data["final"] is False and data["violations"] == len(data["violations_list"]) > 0


def test_a_final_schedule_exits_0(xia_plan):
    out = StringIO()
    call_command(*SCHEDULE, "--json", stdout=out, stderr=StringIO())
    assert json.loads(out.getvalue())["final"] is True
