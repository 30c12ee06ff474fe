"""Plan services on the real database: overrides kept with their reason, verifiable draws, exports, the CLI."""

import datetime as dt
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from anjian.planning.draw_record import draw_record_from_json, verify_draw
from anjian.plans import services
from anjian.plans.exports import plan_export
from anjian.plans.models import EntryOverride


def test_staff_override_to_general_is_kept_with_its_reason_on_recompile(lvliang_plan):
    plan = lvliang_plan.plan
    unit = lvliang_plan.entries.get(enterprise__name="山西杏花古杏酒业有限公司").enterprise
    EntryOverride.objects.create(
        plan=plan, enterprise=unit, category="general", reason="已转产，不再涉及粉尘", created_by="张科长"
    )
    version = services.plan_compile(agency=plan.agency, year=2024, by="张科长", reason="调整重点单位")
    assert version.number == 2
    entries = version.entries
    assert not entries.filter(enterprise=unit, category="key").exists()
    assert version.summary["key_units"] == 102
    assert lvliang_plan.entries.filter(enterprise=unit, category="key").exists()  # version 1 untouched


def test_stored_draw_record_replays_and_a_tampered_result_is_caught(lvliang_plan):
    draw = lvliang_plan.draws.get()
    record = draw_record_from_json(json.dumps(draw.record))
    assert verify_draw(record) == []
    assert len(record.result) == lvliang_plan.summary["general_units"]
    data = dict(draw.record)
    data["result"] = list(reversed(data["result"]))
    assert verify_draw(draw_record_from_json(json.dumps(data)))


def test_unknown_unit_in_the_key_arrangement_becomes_an_error_finding(lvliang_plan):
    plan = lvliang_plan.plan
    plan.settings["key_arrangement"][0]["enterprise_name"] = "不存在的煤矿"
    plan.save()
    version = services.plan_compile(agency=plan.agency, year=2024)
    finding = version.findings.get(code="arrangement_unknown_unit")
    assert finding.severity == "error" and "不存在的煤矿" in finding.message


def test_export_writes_a_workbook_whose_key_tables_hold_all_103_units(lvliang_plan, tmp_path):
    files = plan_export(version=lvliang_plan, out_dir=tmp_path, formats=("docx", "xlsx"))
    assert [f.suffix for f in files] == [".docx", ".xlsx"]
    book = openpyxl.load_workbook(files[1])
    names = {
        c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)
    }
    key_names = set(lvliang_plan.entries.filter(category="key").values_list("enterprise__name", flat=True))
    assert len(key_names) == 103 and key_names <= names


def test_plan_show_json_gives_the_summary_and_sheets(lvliang_plan, capsys):
    call_command("plan", "show", "--agency", "lvliang", "--year", "2024", "--json")
    data = json.loads(capsys.readouterr().out)
    assert (data["key_units"], data["key_visits"], data["general_units"]) == (103, 144, 101)
    assert {s["team"]: s["overtime_days"] for s in data["sheets"]} == {
        "市应急局机关": "6.00",
        "市执法支队": "14.00",
    }


def test_review_of_a_compiled_plan_lists_its_stored_findings_most_severe_first(lvliang_plan, capsys):
    with pytest.raises(CommandError, match="审查发现") as exited:  # errors found: exit status 1
        call_command("review", "--agency", "lvliang", "--year", "2024", "--json")
    assert exited.value.returncode == 1
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["error"] >= 2 and data["findings"][0]["severity"] == "error"
    assert {"staffing_column_sum", "overtime"} <= {f["code"] for f in data["findings"]}


def test_export_from_the_command_line_is_audited(lvliang_plan, tmp_path, capsys):
    from anjian.audit.models import AuditEvent

    call_command(
        "plan", "export", "--agency", "lvliang", "--year", "2024", "--out", str(tmp_path), "--by", "李四"
    )
    events = AuditEvent.objects.filter(action="export")
    assert events.count() == 2 and {e.actor for e in events} == {"李四"}


def test_the_key_scope_in_the_document_takes_the_slope_threshold_from_the_rule_pack(lvliang_plan, tmp_path):
    import docx

    path = plan_export(version=lvliang_plan, out_dir=tmp_path, formats=("docx",))[0]
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "采场或者排土场边坡高度200米以上的露天矿山" in text


def drawn_of(version):
    return set(version.entries.filter(drawn=True).values_list("enterprise_id", flat=True))


def test_a_recompile_replays_the_last_draw_and_only_redraw_draws_again(lvliang_plan):
    plan = lvliang_plan.plan
    first = lvliang_plan.draws.get()
    again = services.plan_compile(agency=plan.agency, year=2024, by="测试", reason="修改工作日测算")
    assert again.draws.get().record["seed"] == first.record["seed"]
    assert again.draws.get().commitment == first.commitment
    assert drawn_of(again) == drawn_of(lvliang_plan)
    fresh = services.plan_compile(agency=plan.agency, year=2024, by="测试", reason="重新抽取", redraw=True)
    assert fresh.draws.get().commitment != first.commitment
    assert len(drawn_of(fresh)) == len(drawn_of(lvliang_plan))  # the same quotas, another draw
    assert verify_draw(draw_record_from_json(json.dumps(fresh.draws.get().record))) == []


def test_a_submitted_plan_is_recompiled_only_as_an_adjustment(xia_plan, capsys):
    from django.core.management.base import CommandError

    from anjian.execution.adjustments import plan_adjust
    from anjian.plans.models import Plan
    from anjian.plans.services import PLAN_NOT_DRAFT, PlanNotDraft

    plan = xia_plan.plan
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ISSUED)
    plan.refresh_from_db()
    with pytest.raises(PlanNotDraft) as refused:
        services.plan_compile(agency=plan.agency, year=2025, by="测试")
    assert str(refused.value) == PLAN_NOT_DRAFT.format(plan=plan, status="已印发")
    with pytest.raises(CommandError):
        call_command("plan", "compile", "--agency", "xiaxian", "--year", "2025")
    adjustment = plan_adjust(plan=plan, reason="更正责任股室", decision_date=dt.date(2025, 6, 3))
    assert adjustment.new_version.number == 2
