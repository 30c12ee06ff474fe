"""The annual plan as a GB/T 9704 official document with its annexes: `plan_docx(snapshot) -> bytes`.

Contract: pure (no database, no clock, no randomness: the same snapshot gives the same text); the body
follows file
004 (`plan_text.body_blocks`), each annex starts a new page — portrait for text and narrow tables, landscape
for wide
tables — with "附件n" in 3号黑体 at its top left; `plan_annexes()` lists the annexes the snapshot gives rise
to, in
the order the body cites them.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from anjian.documents import annex_tables as T
from anjian.documents import gbt9704
from anjian.documents import styles as S
from anjian.documents.numerals import chinese_date
from anjian.documents.ooxml import paragraph_border
from anjian.documents.package import finish_package
from anjian.documents.paragraphs import add_block, add_blocks
from anjian.documents.plan_text import Block, body_blocks
from anjian.documents.sheet_text import sheet_blocks
from anjian.documents.snapshot import PlanSnapshot
from anjian.documents.widths import display_width

RED = "E60012"
DRAFT_MARK = "草稿"
# Characters of 2号 (22 pt) that fit on a line (156 mm portrait: 20, 225 mm landscape: 29), less one or two
# for
# proportional digits and fonts with wider punctuation.
ANNEX_TITLE_EMS = {False: 19, True: 27}
ISSUER_MARK_MAX_PT = 42


@dataclass(frozen=True)
class Annex:
    key: str  # staffing / key / general / sheet:<i> / ledger / breakdown
    title: str
    landscape: bool
    write: Callable[[DocxDocument, PlanSnapshot], None]


def plan_annexes(plan: PlanSnapshot) -> tuple[Annex, ...]:
    annexes = []
    short, agency, year = plan.agency_short_name, plan.agency_name, plan.year
    if plan.staffing:
        annexes.append(Annex("staffing", f"{short}安全生产执法人员配置情况表", False, T.write_staffing))
    if plan.key_sections:
        annexes.append(
            Annex(
                "key",
                f"{agency}{year}年重点检查安排表（生产经营单位{plan.key_units}户）",
                True,
                T.write_key_units,
            )
        )
    if plan.general_sections:
        annexes.append(
            Annex(
                "general",
                f"{agency}{year}年一般检查安排表（生产经营单位{plan.general_units}户）",
                True,
                T.write_general_units,
            )
        )
    for i, team in enumerate(plan.teams):
        annexes.append(Annex(f"sheet:{i}", f"{team.name}行政执法工作日测算说明", False, _sheet_writer(i)))
    annexes.append(Annex("ledger", f"{short}安全生产监管执法检查台账", True, T.write_ledger))
    if plan.breakdown:
        annexes.append(Annex("breakdown", f"{agency}{year}年监督检查任务分解表", True, T.write_breakdown))
    return tuple(annexes)


def _sheet_writer(index: int) -> Callable[[DocxDocument, PlanSnapshot], None]:
    def write(doc: DocxDocument, plan: PlanSnapshot) -> None:
        add_blocks(doc, sheet_blocks(plan.teams[index]))

    return write


def plan_docx(plan: PlanSnapshot) -> bytes:
    doc = gbt9704.new_document()
    _set_properties(doc, plan)
    annexes = plan_annexes(plan)
    refs = {a.key: i for i, a in enumerate(annexes, 1)}
    if plan.draft:
        _write_draft_mark(doc)
    _write_head(doc, plan)
    add_blocks(doc, body_blocks(plan, refs))
    last_body = doc.paragraphs[-1]
    _write_attachment_note(doc, annexes)
    _write_signature(doc, plan)
    _keep_closing_together(doc, last_body)
    for number, annex in enumerate(annexes, 1):
        gbt9704.add_section(doc, landscape=annex.landscape)
        add_block(doc, Block(S.ANNEX_LABEL, f"附件{number}"))
        title = add_block(doc, Block(S.ANNEX_TITLE, ""))
        _add_lines(title, split_title(annex.title, ANNEX_TITLE_EMS[annex.landscape]))
        annex.write(doc, plan)
    if plan.printing_office:
        _write_imprint(doc, plan)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _write_draft_mark(doc: DocxDocument) -> None:
    """草稿 in 3号黑体 at the top right: the frame is incomplete, the document must not be sealed."""
    mark = add_block(doc, Block(S.ANNEX_LABEL, DRAFT_MARK))
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _set_properties(doc: DocxDocument, plan: PlanSnapshot) -> None:
    """Core properties: the agency and the export day (the issue date, or 1 January, when none is given)."""
    on = plan.exported_on or plan.issue_date or dt.date(plan.year, 1, 1)
    finish_package(doc, author=plan.agency_name, on=on, title=plan.title, subject=plan.doc_number)
    doc.core_properties.keywords = "安全生产监督检查计划"


def issuer_mark_size_pt(mark: str) -> float:
    """The largest size up to 42 pt at which the red mark fits the 156 mm type area with 10 % to spare."""
    width_pt = gbt9704.TYPE_AREA_WIDTH_MM * 72 / 25.4 * 0.9
    return min(ISSUER_MARK_MAX_PT, int(width_pt / max(len(mark), 1)))


def _write_head(doc: DocxDocument, plan: PlanSnapshot) -> None:
    if plan.doc_number:
        mark_text = plan.issuer_mark or f"{plan.agency_name}文件"
        mark = add_block(doc, Block(S.ISSUER_MARK, mark_text))
        mark.runs[0].font.size = Pt(issuer_mark_size_pt(mark_text))
        mark.paragraph_format.space_before = Mm(35)  # top of the mark 35 mm under the type area's top
        mark.paragraph_format.space_after = gbt9704.lines(2)  # 发文字号 two lines below the mark
        number = add_block(doc, Block(S.DOC_NUMBER, plan.doc_number))
        paragraph_border(number._p.get_or_add_pPr(), "bottom", color=RED, size_eighths=12, space_pt=11)
    title = add_block(doc, Block(S.TITLE, ""))
    title.paragraph_format.space_before = gbt9704.lines(2) if plan.doc_number else 0
    title.paragraph_format.space_after = gbt9704.lines(1)
    _add_lines(title, _split_title(plan))
    if plan.recipients:
        recipients = plan.recipients if plan.recipients.endswith("：") else plan.recipients + "："
        add_block(doc, Block(S.RECIPIENT, recipients))


def _split_title(plan: PlanSnapshot) -> list[str]:
    """Two lines, issuer then subject, as GB/T 9704 titles of this length are set (夏应急发〔2025〕6号)."""
    if plan.title.startswith(plan.agency_name) and len(plan.title) > len(plan.agency_name):
        return [plan.agency_name, plan.title[len(plan.agency_name) :]]
    return split_title(plan.title, ANNEX_TITLE_EMS[False])


def split_title(title: str, max_ems: float) -> list[str]:
    """A title too long for one line breaks before its parenthesis (never leaving "户）" alone on a line)."""
    if display_width(title) <= max_ems or "（" not in title:
        return [title]
    head, _, tail = title.partition("（")
    return [head, "（" + tail]


def _add_lines(paragraph, lines: list[str]) -> None:
    for i, line in enumerate(lines):
        if i:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        paragraph.add_run(line)


def _write_attachment_note(doc: DocxDocument, annexes: tuple[Annex, ...]) -> None:
    """ "附件：1.…" one line under the body, indented two characters; later items align under "1."."""
    for i, annex in enumerate(annexes, 1):
        p = add_block(doc, Block(S.ATTACHMENT_NOTE, ("附件：" if i == 1 else "") + f"{i}.{annex.title}"))
        fmt = p.paragraph_format
        # Wrapped lines align with the annex name, after "附件：" (3 characters) and "n." (about one).
        fmt.left_indent = gbt9704.chars(6)
        fmt.first_line_indent = gbt9704.chars(-4 if i == 1 else -1)
        if i == 1:
            fmt.space_before = gbt9704.lines(1)


def _write_signature(doc: DocxDocument, plan: PlanSnapshot) -> None:
    if plan.issue_date is None:
        return
    signatory = plan.signatory or plan.agency_name
    sig = add_block(doc, Block(S.SIGNATURE, signatory))
    sig.paragraph_format.space_before = gbt9704.lines(3)  # room for the seal
    date = add_block(doc, Block(S.SIGNATURE, chinese_date(plan.issue_date)))
    # The mark centres over the date: shift whichever is shorter by half the difference.
    diff = (len(signatory) - len(date.text)) / 2
    if diff > 0:
        date.paragraph_format.right_indent = gbt9704.chars(4 + diff)
    else:
        sig.paragraph_format.right_indent = gbt9704.chars(4 - diff)


def _keep_closing_together(doc: DocxDocument, last_body) -> None:
    """附件说明, 署名 and 成文日期 stay on one page (no signature-only page); the seal then lies within one
    line of the note, as GB/T 9704 7.3.5 asks. (A longer chain, from the last body paragraph, is more than
    LibreOffice keeps together: it then breaks between 署名 and 成文日期.)"""
    chain = False
    for p in doc.paragraphs:
        if chain:
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.keep_together = True
        if p._p is last_body._p:
            chain = True
    doc.paragraphs[-1].paragraph_format.keep_with_next = False


def _write_imprint(doc: DocxDocument, plan: PlanSnapshot) -> None:
    """版记 on the last page, an even page (the section starts on one), without a page number: 抄送 and
    印发机关／印发日期 between a thick first and last rule and thin inner rules, ending on the type area's
    bottom edge."""
    section = gbt9704.add_section(doc, landscape=False)
    section.start_type = WD_SECTION.EVEN_PAGE
    for footer in (section.footer, section.even_page_footer):
        footer.is_linked_to_previous = False
        for p in footer.paragraphs:
            for child in list(p._p):
                if child.tag != qn("w:pPr"):
                    p._p.remove(child)
    rows = []
    if plan.copy_to:
        rows.append(("抄送：" + plan.copy_to.rstrip("。") + "。", ""))
    printed = chinese_date(plan.print_date) + "印发" if plan.print_date else ""
    rows.append((plan.printing_office, printed))
    spacer = S.apply(doc.add_paragraph(), S.IMPRINT)
    spacer.paragraph_format.space_before = Mm(gbt9704.TYPE_AREA_HEIGHT_MM - 12 * len(rows) - 12)
    for i, (left, right) in enumerate(rows):
        p = S.apply(doc.add_paragraph(), S.IMPRINT)
        p.add_run(left)
        if right:
            p.add_run("\t" + right)
            p.paragraph_format.tab_stops.add_tab_stop(
                Mm(gbt9704.TYPE_AREA_WIDTH_MM - 5), alignment=WD_TAB_ALIGNMENT.RIGHT
            )
        ppr = p._p.get_or_add_pPr()
        if i == 0:
            paragraph_border(ppr, "top", color="000000", size_eighths=8, space_pt=4)
        paragraph_border(
            ppr, "bottom", color="000000", size_eighths=8 if i == len(rows) - 1 else 4, space_pt=4
        )
