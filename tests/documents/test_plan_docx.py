"""The plan DOCX read back with python-docx: every figure equals the snapshot's (the Lüliang 2024 plan layout)."""

import dataclasses
import io
import re

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from anjian.documents import styles as S
from anjian.documents.annex_tables import key_section_heading, staffing_totals
from anjian.documents.numerals import format_number
from anjian.documents.plan_docx import plan_annexes, plan_docx


def _text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def _body_text(doc) -> str:
    """The letter itself: everything before 附件1."""
    lines = []
    for p in doc.paragraphs:
        if p._p.style == S.ANNEX_LABEL:
            break
        lines.append(p.text)
    return "\n".join(lines)


def _blocks(doc):
    """Paragraphs and tables in document order."""
    for child in doc.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, doc)
        elif child.tag.endswith("}tbl"):
            yield Table(child, doc)


def _ints(pattern: str, text: str) -> list[int]:
    return [int(m) for m in re.findall(pattern, text)]


def test_head_prints_doc_number_title_and_recipients(plan_document, luliang):
    by_style = {}
    for p in plan_document.paragraphs:
        by_style.setdefault(p._p.style, []).append(p.text)
    assert by_style[S.ISSUER_MARK] == ["吕梁市应急管理局文件"]
    assert by_style[S.DOC_NUMBER] == ["吕应急发〔2024〕6号"]
    assert by_style[S.TITLE][0].replace("\n", "") == luliang.title
    assert by_style[S.RECIPIENT] == ["局机关各科室，市应急管理综合行政执法支队："]


def test_each_team_prints_its_four_workday_figures_and_overtime(plan_document, luliang):
    text = _body_text(plan_document)
    teams = luliang.teams
    assert _ints(r"总法定工作日为(\d+)天", text) == [int(t.total_days) for t in teams]
    assert _ints(r"监督检查工作日为(\d+)天", text) == [int(t.supervision_days) for t in teams]
    assert _ints(r"其他执法工作日为(\d+)天", text) == [int(t.other_enforcement_days) for t in teams]
    assert _ints(r"非执法工作日为(\d+)天", text) == [int(t.non_enforcement_days) for t in teams]
    assert _ints(r"实际所需工作日为(\d+)天", text) == [int(t.need_days) for t in teams]
    assert _ints(r"需加班(\d+)个工作日方能完成计划工作任务。", text) == [6, 14]


def test_key_and_general_counts_and_shares_come_from_the_snapshot(plan_document, luliang):
    text = _body_text(plan_document)
    key = re.search(
        r"全年重点检查生产经营单位(\d+)户，(\d+)次，按检查次数计，占年度监督检查总次数的([\d.]+%)", text
    )
    assert key.groups() == ("103", "144", "58.8%")
    general = re.search(
        r"全年一般检查生产经营单位(\d+)户，(\d+)次，按检查次数计，占年度监督检查总次数的([\d.]+%)", text
    )
    assert general.groups() == ("101", "101", "41.2%")
    for sec in luliang.key_sections:
        assert f"{sec.sector}{sec.units}{sec.unit_word}，{sec.visits}次。" in text


def test_key_unit_tables_list_every_unit_under_a_counted_subheader(plan_document, luliang):
    """Seed 004 annex 2: one table per sector under "煤矿企业重点检查安排表（生产经营单位41家）"."""
    caption, tables = None, {}
    for block in _blocks(plan_document):
        if isinstance(block, Paragraph) and block._p.style == S.TABLE_CAPTION:
            caption = block.text
        elif isinstance(block, Table) and caption:
            tables[caption] = block
            caption = None
    for sec in luliang.key_sections:
        table = tables[key_section_heading(sec)]
        rows = table.rows[1:]
        assert len(rows) == sec.units
        assert [r.cells[1].text for r in rows] == [r.name for r in sec.rows]
        assert [r.cells[2].text for r in rows] == [r.responsible for r in sec.rows]
        assert [c.text for c in table.rows[0].cells][:3] == ["序号", "企业名称", sec.responsible_label]
    assert "煤矿企业重点检查安排表（生产经营单位41家）" in tables
    assert "培训机构重点检查安排表（安全生产培训机构7户）" in tables


def test_staffing_table_total_row_sums_the_rows(plan_document, luliang):
    """Seed 004 annex 1: 39 / 31 / 48 (printed 49, domain §12 item 9) / 14."""
    table = plan_document.tables[0]
    last = [c.text for c in table.rows[-1].cells]
    assert last[0] == "合计"
    assert [int(x) for x in last[2:6]] == list(staffing_totals(luliang)) == [39, 31, 48, 14]


def test_workday_annexes_print_totals_need_and_overtime(plan_document, luliang):
    text = _text(plan_document)
    for team in luliang.teams:
        assert (
            f"安全生产执法人员总数={team.statutory_workdays}天×{team.officers}人={format_number(team.total_days)}"
            in text
        )
        assert (
            f"需加班工作日=实际所需工作日-总法定工作日={format_number(team.need_days)}-"
            f"{format_number(team.total_days)}={format_number(team.overtime_days)}天"
        ) in text
        assert f"可用于监督检查的工作日为{format_number(team.residual_supervision_days)}天" in text
    assert "41座×2次×5人×2组×2.5天=2050天" in text
    assert _ints(r"三、监督检查工作日(\d+)天", text) == [3178, 3110]
    assert _ints(r"四、其他执法工作日(\d+)天", text) == [4132, 2032]
    assert _ints(r"五、非执法工作日(\d+)天", text) == [3991, 2402]
    assert _ints(r"（一）煤矿有关科室(\d+)天", text) == [2682]


def test_breakdown_tables_total_the_snapshot_breakdown(plan_document, luliang):
    totals = [
        int(t.rows[-1].cells[-1].text)
        for t in plan_document.tables
        if t.rows[-1].cells[0].text == "合计" and t.rows[0].cells[-1].text == "合计"
    ]
    expected = {
        k: sum(r.visits for r in luliang.breakdown if r.period_kind == k)
        for k in ("quarter", "month", "week")
    }
    assert totals[-3:] == [expected["quarter"], expected["month"], expected["week"]]


def test_every_annex_starts_a_new_section_under_its_label(plan_document, luliang):
    annexes = plan_annexes(luliang)
    labels = [p.text for p in plan_document.paragraphs if p._p.style == S.ANNEX_LABEL]
    assert labels == [f"附件{i}" for i in range(1, len(annexes) + 1)]
    assert len(plan_document.sections) == 1 + len(annexes) + 1  # body, annexes, 版记 page
    landscape = [s.page_width > s.page_height for s in plan_document.sections[1:-1]]
    assert landscape == [a.landscape for a in annexes]


def test_attachment_note_lists_the_annexes_in_order(plan_document, luliang):
    notes = [p.text for p in plan_document.paragraphs if p._p.style == S.ATTACHMENT_NOTE]
    assert notes[0] == "附件：1.市应急局安全生产执法人员配置情况表"
    assert [re.sub(r"^(附件：)?\d+\.", "", n) for n in notes] == [a.title for a in plan_annexes(luliang)]


def test_draft_without_doc_number_has_no_red_head(luliang):
    doc = Document(io.BytesIO(plan_docx(dataclasses.replace(luliang, doc_number=""))))
    styles = {p._p.style for p in doc.paragraphs}
    assert S.ISSUER_MARK not in styles and S.DOC_NUMBER not in styles and S.TITLE in styles


def test_same_snapshot_gives_the_same_text(luliang, plan_document):
    again = Document(io.BytesIO(plan_docx(luliang)))
    assert _text(again) == _text(plan_document)
