"""`anjian plan visit-plan`: the 现场检查方案 of a scheduled visit, from the stored schedule."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from anjian.documents.layout import check_docx
from anjian.plans.scheduling import plan_schedule


def test_visit_plan_prints_the_enterprise_day_and_certified_officers_of_the_visit(xia_plan, tmp_path, capsys):
    plan_schedule(version=xia_plan, time_limit_s=5)
    visit = xia_plan.visits.order_by("date", "pk").first()
    out = tmp_path / "方案.docx"
    call_command("plan", "visit-plan", "--agency", "xiaxian", "--year", "2025", "--visit", str(visit.pk),
                 "--out", str(out))  # fmt: skip
    assert visit.enterprise.name in capsys.readouterr().out
    data = out.read_bytes()
    assert check_docx(data) == []
    cells = [c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells]
    assert visit.enterprise.name in cells
    for officer in visit.officers.all():
        assert any(officer.certificate_no in c and officer.name in c for c in cells)
    assert any("重大事故隐患排查治理情况" in c for c in cells)


def test_unknown_visit_is_refused_in_chinese(xia_plan, tmp_path):
    with pytest.raises(CommandError, match="没有编号为 999999 的排程检查"):
        call_command("plan", "visit-plan", "--agency", "xiaxian", "--year", "2025", "--visit", "999999",
                     "--out", str(tmp_path / "x.docx"))  # fmt: skip
    assert not (tmp_path / "x.docx").exists()
