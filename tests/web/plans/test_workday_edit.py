"""The workday-sheet editor on the Lüliang sample: live totals, save with a reason, read-only and other agencies."""

from decimal import Decimal as D

import pytest

from anjian.plans.models import WorkdayLineEdit
from anjian.plans.workday_edits import WORKDAY_EDIT_NEEDS_REASON
from anjian.web.plans.workday_edit import WORKDAY_EDIT_SAVED, WORKDAY_VALUE_NOT_NUMBER

from ..conftest import client_for, make_user

MINES_UNITS = "0-units"  # line 0 of the bureau sheet: 1 重点检查矿井, 41 mines


@pytest.fixture
def lv(lvliang_plan, other_county):
    agency = lvliang_plan.plan.agency
    return {
        "head": client_for(make_user("lv_head", agency, "office_head")),
        "officer": client_for(make_user("lv_officer", agency, "officer")),
        "province": client_for(make_user("sx_head", agency.parent, "office_head")),
        "stranger": client_for(make_user("qingxu_head", other_county, "office_head")),
        "url": f"/plans/{lvliang_plan.plan_id}/workdays/",
    }


def post(lv, who, action, **data):
    return lv[who].post(lv["url"] + action, {"team": "bureau", "version": "1", **data})


def test_editor_page_gives_each_line_inputs_with_stable_ids(lv):
    page = lv["head"].get(lv["url"]).content.decode()
    assert 'id="line-bureau-0-units" name="0-units" data-factor="units" value="41"' in page
    assert 'data-line-title="1 重点检查矿井"' in page and 'id="line-bureau-39-lump"' in page
    assert 'id="sheet-bureau-supervision">3178<' in page and 'id="sheet-bureau-save"' in page


def test_preview_returns_the_changed_totals_highlighted_and_saves_nothing(lv, lvliang_plan):
    page = post(lv, "head", "preview/", **{MINES_UNITS: "40"}).content.decode()
    assert 'class="num warn" id="sheet-bureau-supervision" data-changed="1">3128<' in page
    assert 'id="sheet-bureau-overtime" data-changed="1">0<' in page
    assert 'id="sheet-bureau-total">11295<' in page  # capacity unchanged, not highlighted
    assert "「1 重点检查矿井」2050 → <span" in page
    assert not WorkdayLineEdit.objects.exists() and lvliang_plan.plan.versions.count() == 1


def test_preview_names_a_value_that_is_not_a_number(lv):
    page = post(lv, "head", "preview/", **{MINES_UNITS: "四十"}).content.decode()
    message = WORKDAY_VALUE_NOT_NUMBER.format(
        team="市应急局机关", title="1 重点检查矿井", label="户数", value="四十"
    )
    assert message in page


def test_save_stores_the_edit_and_recompiles_into_a_new_version(lv, lvliang_plan):
    response = post(lv, "head", "save/", reason="两座矿井关闭", **{MINES_UNITS: "39"})
    assert response.status_code == 302
    edit = WorkdayLineEdit.objects.get()
    assert (edit.factors["units"], edit.reason, edit.created_by) == ("39", "两座矿井关闭", "lv_head")
    page = lv["head"].get(lv["url"]).content.decode()
    assert WORKDAY_EDIT_SAVED.format(team="市应急局机关", count=1, number=2) in page
    assert 'id="sheet-bureau-supervision">3078<' in page and "两座矿井关闭" in page
    sheet = lvliang_plan.plan.current_version().sheets.get(team="市应急局机关")
    assert sheet.supervision_days == D(3078)


def test_save_without_a_reason_is_refused(lv, lvliang_plan):
    post(lv, "head", "save/", reason=" ", **{MINES_UNITS: "39"})
    assert WORKDAY_EDIT_NEEDS_REASON in lv["head"].get(lv["url"]).content.decode()
    assert not WorkdayLineEdit.objects.exists() and lvliang_plan.plan.versions.count() == 1


def test_read_only_users_see_no_inputs_and_cannot_post(lv):
    page = lv["province"].get(lv["url"]).content.decode()
    assert "1 重点检查矿井" in page and "line-bureau-0-units" not in page
    assert lv["officer"].get(lv["url"]).status_code == 403  # an officer's part of the plan is their schedule
    for who in ("officer", "province"):
        assert post(lv, who, "preview/", **{MINES_UNITS: "40"}).status_code == 403
        assert post(lv, who, "save/", reason="x", **{MINES_UNITS: "40"}).status_code == 403
    assert not WorkdayLineEdit.objects.exists()


def test_another_agency_gets_404(lv):
    assert post(lv, "stranger", "preview/", **{MINES_UNITS: "40"}).status_code == 404
    assert post(lv, "stranger", "save/", reason="x", **{MINES_UNITS: "40"}).status_code == 404
