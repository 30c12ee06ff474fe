"""GB/T 9704-2012 page set-up: A4, margins, the 22 × 28 grid, odd/even page numbers "— n —".

Contract: `new_document()` returns a python-docx Document whose first section is a GB/T 9704 portrait page
with
the official paragraph styles (see `styles.py`) and page-number footers; `add_section()` starts a new page in
portrait or landscape with the same type area (a landscape page keeps the 156 × 225 mm type area in the same
physical place, turned, so tables fit). Footers are defined once and inherited by later sections.
All numbers are those of docs/business-rules.md §10 (GB/T 9704-2012 §5.2, §7.5).
"""

from __future__ import annotations

import math

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Length, Mm, Pt
from docx.text.paragraph import Paragraph

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
    """Start a new page in a new section, with the page numbers of its orientation.

    A portrait section after a portrait one inherits its footers; any other gets its own (a landscape page's
    number stands where a portrait page has it once the sheet is turned back, see `_add_turned_page_number`).
    """
    previous_landscape = doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    setup_section(section, landscape=landscape)
    if landscape or previous_landscape:
        for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            for child in list(paragraph._p):
                if child.tag != qn("w:pPr"):
                    paragraph._p.remove(child)
            if landscape:
                _add_turned_page_number(paragraph, odd=odd, box_id=1000 + 2 * len(doc.sections) + odd)
            else:
                _add_page_number(paragraph, odd=odd)
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


def _add_turned_page_number(paragraph, *, odd: bool, box_id: int) -> None:
    """A landscape page's "— n —" where the portrait pages have it once the sheet is turned back upright.

    GB/T 9704 keeps the page numbers of a turned table page in the portrait places. The table's head lies on
    the binding side, so the portrait bottom edge is the landscape left edge: the number is a text box in the
    left margin, its text turned a quarter clockwise (vert), its top 7 mm outside the type area, 1 character
    in from the type area's end (odd pages, lower end) or start (even pages, upper end). (LibreOffice ignores
    a framed paragraph in a footer, so a DrawingML text box, which Word, WPS and LibreOffice all place.)
    """
    inner = OxmlElement("w:p")
    _add_page_number(Paragraph(inner, paragraph._parent), odd=odd)
    # Positioned by alignment, not offsets: LibreOffice drops the offsets of a footer shape on the first page
    # of a section that starts on an even page. The box fills the left margin (its right edge on the type
    # area) and spans the type area's height; a right inset keeps the text 7 mm clear of the type area.
    line_w = round(PAGE_NUMBER_SIZE_PT * 1.3 / _PT_PER_MM * _EMU_PER_MM)  # one 4号 line
    gap = round(PAGE_NUMBER_GAP_MM * _EMU_PER_MM)
    h = round(TYPE_AREA_WIDTH_MM * _EMU_PER_MM)
    xml = _TEXT_BOX.format(w=line_w + gap, h=h, gap=gap, id=box_id, name=f"页码{box_id}")
    run = parse_xml(xml)
    run.find(".//" + qn("w:txbxContent")).append(inner)
    paragraph._p.append(run)


_EMU_PER_MM = 36000
_TEXT_BOX = (
    f"<w:r {nsdecls('w', 'wp', 'a')} "
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing>'
    '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" '
    'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="leftMargin"><wp:align>right</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="margin"><wp:align>top</wp:align></wp:positionV>'
    '<wp:extent cx="{w}" cy="{h}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="{id}" name="{name}"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{w}" cy="{h}"/>'
    '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
    "<wps:txbx><w:txbxContent/></wps:txbx>"
    '<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="{gap}" bIns="0" anchor="b" '
    'anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
    "</w:drawing></w:r>"
)


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
