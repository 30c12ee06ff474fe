"""The paragraph and character styles of a GB/T 9704 document (fonts and sizes by level).

Each style has an ASCII id (what the layout checker looks up) and a Chinese name (what Word/WPS users see).
`ROLE_FONTS` states, per style id, the east-asian font and size the checker requires.
Body text is 3号仿宋 on an exact 28.95 pt line (the 22-line grid), indented two characters.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from anjian.documents.fonts import FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG
from anjian.documents.ooxml import insert_in_order, no_snap_to_grid

NORMAL = "Normal"
ISSUER_MARK = "GbIssuerMark"  # 发文机关标志
DOC_NUMBER = "GbDocNumber"  # 发文字号
TITLE = "GbTitle"  # 标题
RECIPIENT = "GbRecipient"  # 主送机关
BODY = "GbBody"  # 正文
HEADING1 = "GbHeading1"  # 一、
HEADING2 = "GbHeading2"  # （一）
HEADING3 = "GbHeading3"  # 1.
ATTACHMENT_NOTE = "GbAttachmentNote"  # 附件说明
SIGNATURE = "GbSignature"  # 发文机关署名、成文日期
ANNEX_LABEL = "GbAnnexLabel"  # 附件1
ANNEX_TITLE = "GbAnnexTitle"  # 附件标题
TABLE_CAPTION = "GbTableCaption"  # 表内分表标题
TABLE_HEAD = "GbTableHead"  # 表头
TABLE_TEXT = "GbTableText"  # 表格文字
PAGE_NUMBER = "GbPageNumber"  # 页码
IMPRINT = "GbImprint"  # 版记
RUN_IN = "GbRunIn"  # character style: run-in heading（一）… in 楷体

_LINE = Twips(579)  # must equal gbt9704.LINE_PITCH_TWIPS (a test checks it)
_CHAR = Twips(316)  # one grid character (15.79 pt) for indents
_RED = RGBColor(0xE6, 0x00, 0x12)

# style id → (Chinese name, east-asian font, size pt)
ROLE_FONTS: dict[str, tuple[str, str, float]] = {
    NORMAL: ("正文", FANGSONG, 16),
    ISSUER_MARK: ("发文机关标志", XIAOBIAOSONG, 0),  # size set per document so the mark fits the type area
    DOC_NUMBER: ("发文字号", FANGSONG, 16),
    TITLE: ("公文标题", XIAOBIAOSONG, 22),
    RECIPIENT: ("主送机关", FANGSONG, 16),
    BODY: ("公文正文", FANGSONG, 16),
    HEADING1: ("一级标题", HEITI, 16),
    HEADING2: ("二级标题", KAITI, 16),
    HEADING3: ("三级标题", FANGSONG, 16),
    ATTACHMENT_NOTE: ("附件说明", FANGSONG, 16),
    SIGNATURE: ("署名日期", FANGSONG, 16),
    ANNEX_LABEL: ("附件标注", HEITI, 16),
    ANNEX_TITLE: ("附件标题", XIAOBIAOSONG, 22),
    TABLE_CAPTION: ("分表标题", HEITI, 14),
    TABLE_HEAD: ("表头", HEITI, 12),
    TABLE_TEXT: ("表格文字", FANGSONG, 12),
    PAGE_NUMBER: ("页码", SONGTI, 14),
    IMPRINT: ("版记", FANGSONG, 14),
    RUN_IN: ("段首标题", KAITI, 16),
}


def set_fonts(rpr_parent, name: str) -> None:
    """Write `name` into every rFonts slot (ascii, hAnsi, eastAsia, cs) of a style's or run's rPr."""
    rfonts = rpr_parent.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), name)
    rfonts.set(qn("w:hint"), "eastAsia")


def _no_snap(style) -> None:
    no_snap_to_grid(style.element.get_or_add_pPr())


_RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                      "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                      "w:eastAsianLayout", "w:specVanish", "w:oMath")  # fmt: skip


def set_tracking(rpr_parent, twips: int) -> None:
    """Character spacing (w:spacing, twentieths of a point) in a style's or run's rPr, in schema order."""
    rpr = rpr_parent.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    el = OxmlElement("w:spacing")
    el.set(qn("w:val"), str(twips))
    insert_in_order(rpr, el, _RPR_AFTER_SPACING)


def install_styles(doc: DocxDocument, *, tracking_twips: int = 0) -> None:
    """Define Normal and every Gb* style in `doc` (idempotent only on a fresh Document).

    `tracking_twips` narrows every character of Normal (and so of every style based on it); see
    gbt9704.CHAR_TRACKING_TWIPS for why the 28-character line needs it.
    """
    styles = doc.styles
    normal = styles[NORMAL]
    _apply(normal, FANGSONG, 16)
    if tracking_twips:
        set_tracking(normal.element, tracking_twips)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = _LINE
    pf.space_before = pf.space_after = Pt(0)
    pf.widow_control = False  # a page holds exactly 22 lines
    normal.font.color.rgb = RGBColor(0, 0, 0)

    for style_id, (name, font, size) in ROLE_FONTS.items():
        if style_id in (NORMAL, RUN_IN):
            continue
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), style_id)
        style.base_style = normal
        style.quick_style = True
        _apply(style, font, size)
        _layout(style, style_id)

    run_in = styles.add_style(ROLE_FONTS[RUN_IN][0], WD_STYLE_TYPE.CHARACTER)
    run_in.element.set(qn("w:styleId"), RUN_IN)
    _apply(run_in, KAITI, 16)


def _apply(style, font: str, size: float) -> None:
    set_fonts(style.element, font)
    if size:
        style.font.size = Pt(size)
    style.font.bold = False


def _layout(style, style_id: str) -> None:
    pf = style.paragraph_format
    if style_id in (BODY, HEADING1, HEADING2, HEADING3):
        pf.first_line_indent = _CHAR * 2
        ind = style.element.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), "200")
    if style_id in (HEADING1, HEADING2):
        pf.keep_with_next = True
    if style_id in (TITLE, DOC_NUMBER, ISSUER_MARK, ANNEX_TITLE, TABLE_CAPTION, TABLE_HEAD):
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if style_id == ISSUER_MARK:
        style.font.color.rgb = _RED
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        _no_snap(style)
    if style_id == ANNEX_LABEL:
        pf.page_break_before = False  # each annex starts a new section instead
    if style_id in (TITLE, ANNEX_TITLE):
        _no_snap(style)  # a 22 pt line keeps its exact 28.95 pt pitch instead of taking two grid lines
    if style_id == ANNEX_TITLE:
        pf.space_before = _LINE
        pf.space_after = _LINE
        pf.keep_with_next = True
    if style_id == TABLE_CAPTION:
        pf.space_before = Pt(6)
        pf.space_after = Pt(6)
        pf.keep_with_next = True
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        _no_snap(style)
    if style_id in (TABLE_HEAD, TABLE_TEXT):
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(16)
        _no_snap(style)
    if style_id == SIGNATURE:
        pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        pf.right_indent = _CHAR * 4
    if style_id == PAGE_NUMBER:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(14)
        _no_snap(style)
    if style_id == IMPRINT:
        pf.left_indent = Pt(14)
        pf.right_indent = Pt(14)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(24)
        _no_snap(style)


def apply(paragraph, style_id: str):
    """Give `paragraph` a style by id at XML level (python-docx's lookup by name scans every style)."""
    paragraph._p.style = None if style_id == NORMAL else style_id
    return paragraph


def apply_run(run, style_id: str):
    run._r.style = style_id
    return run


def style_name(style_id: str) -> str:
    """The user-visible name python-docx looks styles up by ("Normal" keeps its built-in name)."""
    return "Normal" if style_id == NORMAL else ROLE_FONTS[style_id][0]
