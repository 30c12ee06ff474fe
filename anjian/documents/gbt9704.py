"""GB/T 9704-2012 page set-up: A4, margins, the 22 × 28 grid, odd/even page numbers "— n —".

Contract: `new_document()` returns a python-docx Document whose first section is a GB/T 9704 portrait page
with
the official paragraph styles (see `styles.py`) and page-number footers; `add_section()` starts a new page in
portrait or landscape with the same type area (a landscape page keeps the 156 × 225 mm type area in the same
physical place, turned, so tables fit). Footers are defined once and inherited by later sections.
All numbers are those of domain.md §10 (GB/T 9704-2012 §5.2, §7.5).
"""

from __future__ import annotations

import math

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt

from anjian.documents.styles import PAGE_NUMBER, apply, install_styles

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BINDING_MM = 28  # left on portrait pages
TYPE_AREA_WIDTH_MM = 156
TYPE_AREA_HEIGHT_MM = 225
MARGIN_RIGHT_MM = PAGE_WIDTH_MM - MARGIN_BINDING_MM - TYPE_AREA_WIDTH_MM  # 26
MARGIN_BOTTOM_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - TYPE_AREA_HEIGHT_MM  # 35
MARGIN_TOLERANCE_MM = 1

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_SIZE_PT = 16  # 三号
TITLE_SIZE_PT = 22  # 二号
PAGE_NUMBER_SIZE_PT = 14  # 四号
TABLE_SIZE_PT = 12  # 小四
PAGE_NUMBER_GAP_MM = 7  # the dash line's top lies 7 mm under the type area

_PT_PER_MM = 72 / 25.4
# Line pitch in twentieths of a point, rounded down so 22 lines always fit (579 = 28.95 pt).
LINE_PITCH_TWIPS = math.floor(TYPE_AREA_HEIGHT_MM * _PT_PER_MM * 20 / LINES_PER_PAGE)
CHAR_PITCH_PT = TYPE_AREA_WIDTH_MM * _PT_PER_MM / CHARS_PER_LINE  # 15.79 pt
# 28 characters of 3号 (16 pt) need 448 pt but the line is 442.2 pt. Word narrows a "linesAndChars" grid's
# cells to 15.79 pt, but LibreOffice (and WPS documents opened there) puts each 16 pt character into two such
# cells: 14 characters a line. So the section declares a line grid only and the Normal style tracks every
# character by −0.25 pt (w:spacing, in twentieths of a point): 15.75 pt, 28 characters in 441 pt, the same
# line breaks in Word, WPS and LibreOffice.
CHAR_TRACKING_TWIPS = -5
CHAR_ADVANCE_PT = BODY_SIZE_PT + CHAR_TRACKING_TWIPS / 20
# Footer distance from the page bottom: the page-number line (exact 14 pt) starts about half an em above its
# dash.
FOOTER_DISTANCE_MM = round(
    MARGIN_BOTTOM_MM
    - PAGE_NUMBER_GAP_MM
    + PAGE_NUMBER_SIZE_PT / 2 / _PT_PER_MM
    - PAGE_NUMBER_SIZE_PT / _PT_PER_MM,
    1,
)
HEADER_DISTANCE_MM = 15


def chars(count: float) -> Length:
    """A distance of `count` grid characters (indents are counted in characters in official documents)."""
    return Pt(CHAR_PITCH_PT * count)


def lines(count: float) -> Length:
    """A distance of `count` grid lines."""
    return Pt(LINE_PITCH_TWIPS / 20 * count)


def portrait_margins_mm() -> dict[str, float]:
    return {
        "top": MARGIN_TOP_MM,
        "bottom": MARGIN_BOTTOM_MM,
        "left": MARGIN_BINDING_MM,
        "right": MARGIN_RIGHT_MM,
    }


def landscape_margins_mm() -> dict[str, float]:
    """The portrait type area turned a quarter clockwise: the binding edge becomes the landscape top."""
    return {
        "top": MARGIN_BINDING_MM,
        "bottom": MARGIN_RIGHT_MM,
        "left": MARGIN_BOTTOM_MM,
        "right": MARGIN_TOP_MM,
    }


def new_document() -> DocxDocument:
    """An empty GB/T 9704 document: styles, first section set up as portrait, odd/even page-number footers."""
    doc = Document()
    install_styles(doc, tracking_twips=CHAR_TRACKING_TWIPS)
    doc.settings.odd_and_even_pages_header_footer = True
    _set_language(doc)
    section = doc.sections[0]
    setup_section(section, landscape=False)
    _add_page_number(section.footer.paragraphs[0], odd=True)
    _add_page_number(section.even_page_footer.paragraphs[0], odd=False)
    # Keep the (empty) headers: Word shows a header line otherwise only when a header style asks for one.
    return doc


def add_section(doc: DocxDocument, *, landscape: bool) -> Section:
    """Start a new page in a new section; footers are inherited from the previous section."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    setup_section(section, landscape=landscape)
    return section


def setup_section(section: Section, *, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
        margins = landscape_margins_mm()
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        margins = portrait_margins_mm()
    section.top_margin = Mm(margins["top"])
    section.bottom_margin = Mm(margins["bottom"])
    section.left_margin = Mm(margins["left"])
    section.right_margin = Mm(margins["right"])
    section.gutter = Mm(0)
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM if not landscape else margins["bottom"] - 10)
    _set_doc_grid(section, landscape=landscape)


def _set_doc_grid(section: Section, *, landscape: bool) -> None:
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        # docGrid follows every sectPr child python-docx writes; only printerSettings/sectPrChange come after
        # it.
        sect_pr.append(grid)
    for attr in ("w:type", "w:linePitch", "w:charSpace"):
        grid.attrib.pop(qn(attr), None)
    # Table pages (landscape) have no grid: rows take the height of their text. Text pages snap to the
    # 22-line grid; the 28 characters come from the Normal style's tracking (see CHAR_TRACKING_TWIPS).
    if not landscape:
        grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def _set_language(doc: DocxDocument) -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def _add_page_number(paragraph, *, odd: bool) -> None:
    """Page number "— n —" in 4号 半角宋体: odd pages right, even pages left, one character in."""
    apply(paragraph, PAGE_NUMBER)
    fmt = paragraph.paragraph_format
    one_char = Pt(PAGE_NUMBER_SIZE_PT)
    if odd:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.right_indent = one_char
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.left_indent = one_char
    paragraph.add_run("— ")
    _add_field(paragraph, "PAGE")
    paragraph.add_run(" —")


def _add_field(paragraph, instruction: str) -> None:
    """A complex field (fldChar begin/instrText/separate/end): Word, WPS and LibreOffice update it."""

    def fld_char(kind: str):
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
        return run

    fld_char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld_char("separate")
    paragraph.add_run("1")
    fld_char("end")
