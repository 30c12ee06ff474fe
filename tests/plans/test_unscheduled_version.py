"""A plan version without a schedule (e.g. right after a recompile): validate says so in Chinese and exits 1,
a final export is refused, a draft export says which annex (任务分解表) it leaves out. Validate names every
violation by its Chinese label, never by the rule's code."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from anjian.plans.exports import PlanExportIncomplete, plan_export
from anjian.plans.models import OfficerAbsence
from anjian.plans.scheduling import plan_schedule

ARGS = ("--agency", "xiaxian", "--year", "2025")
ENGLISH = re.compile(r"[A-Za-z_]{4,}")


def run(*args):
    out = StringIO()
    call_command("plan", *args, *ARGS, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_validate_of_an_unscheduled_version_says_so_and_exits_1(xia_plan):
    with pytest.raises(CommandError) as e:
        run("validate")
    assert "第 1 版尚未排程" in str(e.value)
    assert "anjian plan schedule --agency xiaxian --year 2025" in str(e.value)
    assert e.value.returncode == 1
    with pytest.raises(CommandError, match="尚未排程"):
        run("validate", "--json")


def test_validate_names_violations_in_chinese(xia_plan):
    plan_schedule(version=xia_plan, time_limit_s=30)
    visit = xia_plan.visits.prefetch_related("officers").first()
    officer = visit.officers.first()
    OfficerAbsence.objects.create(officer=officer, kind="leave", start=visit.date, end=visit.date)
    out = StringIO()
    with pytest.raises(CommandError, match="排程校验未通过"):
        call_command("plan", "validate", *ARGS, stdout=out, stderr=StringIO())
    lines = [line for line in out.getvalue().splitlines() if line.startswith("  [")]
    assert any(line.startswith("  [执法人员请假或下乡]") for line in lines), lines
    assert [line for line in lines if ENGLISH.search(line)] == []


def test_final_export_of_an_unscheduled_version_is_refused(xia_plan, tmp_path):
    with pytest.raises(CommandError, match="尚未排程，不能导出正式文件"):
        run("export", "--final", "--out", str(tmp_path))
    with pytest.raises(PlanExportIncomplete):
        plan_export(version=xia_plan, out_dir=tmp_path, formats=("docx",), final=True)
    assert not list(tmp_path.iterdir())


def test_draft_export_of_an_unscheduled_version_names_the_annex_it_leaves_out(xia_plan, tmp_path):
    text = run("export", "--format", "docx", "--out", str(tmp_path / "draft"))
    annex = re.search(r"本版尚未排程，附件(\d+)（任务分解表）未列入", text)
    assert annex, text
    (draft,) = (tmp_path / "draft").iterdir()
    assert not any("任务分解表" in p.text for p in Document(str(draft)).paragraphs)
    plan_schedule(version=xia_plan, time_limit_s=30)
    text = run("export", "--format", "docx", "--final", "--out", str(tmp_path / "final"))
    assert "未列入" not in text
    (final,) = (tmp_path / "final").iterdir()
    paragraphs = [p.text for p in Document(str(final)).paragraphs]
    at = paragraphs.index(f"附件{annex.group(1)}")
    assert any(t.endswith("任务分解表") for t in paragraphs[at + 1 : at + 3])
