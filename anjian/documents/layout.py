"""The GB/T 9704 layout checker: reads a DOCX back (and, when LibreOffice is here, its PDF) and lists what is
off.

Contract: `check_docx(data)` and `check_pdf(pdf, …)` return findings, never raise on a bad document; a
finding has a
`code`, a `location` and a Chinese `message` built from a module-level template. An empty list means the
document
passed: A4 pages with the GB/T 9704 margins, the 22 × 28 grid, fonts and sizes by level, "— n —" page numbers
right on odd and left on even pages, annexes on new pages under a 黑体 "附件n"; in the PDF every font
embedded and
none a last-resort face, the expected texts present, at most 22 lines of at most 28 characters on body pages.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from anjian.documents import gbt9704 as G
from anjian.documents import styles as S
from anjian.documents.fonts import GB_FONTS, rendering_families
from anjian.documents.pdf_layout import body_page_metrics, family_of

PAGE_SIZE = "第{section}节页面不是A4（{width:.1f}×{height:.1f}毫米）。"
MARGIN = "第{section}节{side}边距为{actual:.1f}毫米，应为{expected}±{tolerance}毫米。"
GRID = "第{section}节版心排版为{actual}，应为每页{lines}行、每行{chars}字（3号字）。"
STYLE_FONT = "样式“{style}”字体为{actual}，应为{expected}。"
RUN_FONT = "第{paragraph}段文字使用了非公文字体“{font}”。"
HEADING = "第{paragraph}段“{text}”是{level}标题，应使用样式“{expected}”。"
PAGE_NUMBER = "{which}页码应为“— n —”、{side}、{indent}缩进一字（4号宋体）。"
ODD_EVEN = "未设置奇偶页不同的页脚，页码无法奇数页居右、偶数页居左。"
ANNEX_LABEL = "附件标注“{text}”应在新的一页左上角，使用3号黑体。"
ATTACHMENT_NOTE = "附件说明“{text}”格式不符（应为“附件：1.名称”，名称后不加标点）。"
PDF_FONT_NOT_EMBEDDED = "PDF字体“{font}”未嵌入。"
PDF_FONT_FALLBACK = "PDF中出现非预期字体“{font}”，说明有字形回退（可能显示为方框）。"
PDF_TEXT_MISSING = "PDF文本中找不到“{text}”。"
PDF_PAGE_COUNT = "PDF共{pages}页，不在合理范围{low}—{high}页内。"
PDF_GRID = "PDF第{page}页有{lines}行、最宽一行占{chars}字宽，超过每页{max_lines}行、每行{max_chars}字。"
_LAST_RESORT = re.compile(r"LastResort|Unifont|Tofu|NotDef|\.notdef", re.I)
_HEADING1 = re.compile(r"^[一二三四五六七八九十]+、")
_HEADING2 = re.compile(r"^（[一二三四五六七八九十]+）[^。]{1,20}$")


@dataclass(frozen=True)
class LayoutFinding:
    code: str
    location: str
    message: str


def _mm(length) -> float:
    return length / 36000 if length is not None else 0.0


def check_docx(data: bytes) -> list[LayoutFinding]:
    doc = Document(io.BytesIO(data))
    findings: list[LayoutFinding] = []
    findings += _check_sections(doc)
    findings += _check_styles(doc)
    findings += _check_paragraphs(doc)
    findings += _check_page_numbers(doc)
    return findings


def _check_sections(doc) -> Iterable[LayoutFinding]:
    for i, sec in enumerate(doc.sections, 1):
        w, h = _mm(sec.page_width), _mm(sec.page_height)
        landscape = w > h
        if abs(min(w, h) - G.PAGE_WIDTH_MM) > 0.5 or abs(max(w, h) - G.PAGE_HEIGHT_MM) > 0.5:
            yield LayoutFinding(
                "layout.page_size", f"section {i}", PAGE_SIZE.format(section=i, width=w, height=h)
            )
        expected = G.landscape_margins_mm() if landscape else G.portrait_margins_mm()
        actual = {
            "top": sec.top_margin,
            "bottom": sec.bottom_margin,
            "left": sec.left_margin,
            "right": sec.right_margin,
        }
        names = {"top": "上", "bottom": "下", "left": "左", "right": "右"}
        for side, value in actual.items():
            if abs(_mm(value) - expected[side]) > G.MARGIN_TOLERANCE_MM:
                yield LayoutFinding(
                    "layout.margins",
                    f"section {i} {side}",
                    MARGIN.format(
                        section=i,
                        side=names[side],
                        actual=_mm(value),
                        expected=expected[side],
                        tolerance=G.MARGIN_TOLERANCE_MM,
                    ),
                )
        if not landscape:
            yield from _check_grid(i, doc, sec)


def _normal_advance_pt(doc) -> float:
    """The advance of one 3号 character of Normal: its size plus its tracking (w:spacing), in points."""
    normal = None
    size, tracking = float(G.BODY_SIZE_PT), 0.0
    for style in doc.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == S.NORMAL:
            normal = style
    rpr = None if normal is None else normal.find(qn("w:rPr"))
    if rpr is not None:
        sz, spacing = rpr.find(qn("w:sz")), rpr.find(qn("w:spacing"))
        size = int(sz.get(qn("w:val"))) / 2 if sz is not None else size
        tracking = int(spacing.get(qn("w:val"))) / 20 if spacing is not None else 0.0
    return size + tracking


def grid_capacity(doc, sec) -> tuple[int, int, int]:
    """(lines a page, characters a line in Word, characters a line in LibreOffice/WPS) of a portrait section.

    A "linesAndChars" grid gives Word cells of (Normal size + charSpace / 4096) pt; LibreOffice puts a
    character wider than a cell into two cells. A "lines" grid leaves characters at their advance.
    """
    grid = sec._sectPr.find(qn("w:docGrid"))
    attrs = {} if grid is None else {k.split("}")[1]: v for k, v in grid.attrib.items()}
    height_pt = (_mm(sec.page_height) - _mm(sec.top_margin) - _mm(sec.bottom_margin)) * 72 / 25.4
    width_pt = (_mm(sec.page_width) - _mm(sec.left_margin) - _mm(sec.right_margin)) * 72 / 25.4
    kind = attrs.get("type", "default")
    if kind not in ("lines", "linesAndChars", "snapToChars") or not attrs.get("linePitch"):
        return 0, 0, 0
    lines = int(height_pt * 20 // int(attrs["linePitch"]))
    advance = _normal_advance_pt(doc)
    if kind == "lines":
        chars = int(width_pt // advance + 0.001)
        return lines, chars, chars
    cell = G.BODY_SIZE_PT + int(attrs.get("charSpace", "0")) / 4096
    word = int(width_pt // cell + 0.001)
    return lines, word, word if advance <= cell else int(width_pt // (2 * cell))


def _check_grid(i: int, doc, sec) -> Iterable[LayoutFinding]:
    lines, word, other = grid_capacity(doc, sec)
    if (lines, word, other) != (G.LINES_PER_PAGE, G.CHARS_PER_LINE, G.CHARS_PER_LINE):
        actual = (
            "无文档网格" if not lines else f"每页{lines}行、每行{word}字（LibreOffice/WPS中每行{other}字）"
        )
        yield LayoutFinding(
            "layout.grid",
            f"section {i}",
            GRID.format(section=i, actual=actual, lines=G.LINES_PER_PAGE, chars=G.CHARS_PER_LINE),
        )


def _style_font(style) -> tuple[str | None, float | None]:
    rpr = style.element.rPr
    font = None if rpr is None or rpr.rFonts is None else rpr.rFonts.get(qn("w:eastAsia"))
    size = style.font.size.pt if style.font.size is not None else None
    return font, size


def _check_styles(doc) -> Iterable[LayoutFinding]:
    by_id = {s.style_id: s for s in doc.styles}
    for style_id, (name, font, size) in S.ROLE_FONTS.items():
        style = by_id.get(style_id)
        if style is None and style_id != S.NORMAL:
            continue  # a hand-made document names its styles its own way; its runs are checked below
        actual = _style_font(style) if style is not None else (None, None)
        if actual[0] != font or (size and actual[1] != size):
            shown = f"{actual[0] or '未设置字体'} {f'{actual[1]:g}pt' if actual[1] else '未设置字号'}"
            yield LayoutFinding(
                "layout.font",
                f"style {style_id}",
                STYLE_FONT.format(
                    style=name, actual=shown, expected=f"{font} {f'{size:g}pt' if size else '字号不限'}"
                ),
            )


def _check_paragraphs(doc) -> Iterable[LayoutFinding]:
    previous_had_break = True  # the first paragraph starts the first page
    note_started = False
    for n, p in enumerate(doc.paragraphs, 1):
        style_id = p._p.style or S.NORMAL
        text = p.text
        for r in p.runs:
            rfonts = r._r.rPr.rFonts if r._r.rPr is not None else None
            font = None if rfonts is None else rfonts.get(qn("w:eastAsia"))
            if font is not None and font not in GB_FONTS:
                yield LayoutFinding("layout.font", f"paragraph {n}", RUN_FONT.format(paragraph=n, font=font))
        if style_id in (S.BODY, S.HEADING1, S.HEADING2) and _HEADING1.match(text) and style_id != S.HEADING1:
            yield LayoutFinding(
                "layout.heading",
                f"paragraph {n}",
                HEADING.format(paragraph=n, text=text[:12], level="一级", expected=S.style_name(S.HEADING1)),
            )
        if style_id == S.BODY and _HEADING2.match(text) and not p.runs[0]._r.style:
            yield LayoutFinding(
                "layout.heading",
                f"paragraph {n}",
                HEADING.format(paragraph=n, text=text[:12], level="二级", expected=S.style_name(S.HEADING2)),
            )
        if style_id == S.ANNEX_LABEL and (not re.fullmatch(r"附件\d+", text) or not previous_had_break):
            yield LayoutFinding("layout.annex_label", f"paragraph {n}", ANNEX_LABEL.format(text=text))
        if style_id == S.ATTACHMENT_NOTE:
            bad = (not note_started and not re.match(r"^附件：1\.\S", text)) or re.search(
                r"[。；，.、]$", text
            )
            note_started = True
            if bad:
                yield LayoutFinding(
                    "layout.attachment_note", f"paragraph {n}", ATTACHMENT_NOTE.format(text=text)
                )
        previous_had_break = p._p.pPr is not None and p._p.pPr.find(qn("w:sectPr")) is not None


def _check_page_numbers(doc) -> Iterable[LayoutFinding]:
    if not doc.settings.odd_and_even_pages_header_footer:
        yield LayoutFinding("layout.page_number", "settings", ODD_EVEN)
        return
    section = doc.sections[0]
    for which, footer, align, side in (
        ("奇数", section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "居右"),
        ("偶数", section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "居左"),
    ):
        paragraphs = [p for p in footer.paragraphs if p.text.strip()]
        ok = len(paragraphs) == 1
        if ok:
            p = paragraphs[0]
            xml = p._p.xml
            indent = (
                p.paragraph_format.right_indent
                if align == WD_ALIGN_PARAGRAPH.RIGHT
                else p.paragraph_format.left_indent
            )
            font, size = _style_font(doc.styles[S.style_name(S.PAGE_NUMBER)])
            ok = (
                p.alignment == align
                and indent is not None
                and abs(indent.pt - G.PAGE_NUMBER_SIZE_PT) < 0.5
                and p._p.style == S.PAGE_NUMBER
                and font == "宋体"
                and size == Pt(G.PAGE_NUMBER_SIZE_PT).pt
                and re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", xml) is not None
                and p.text.startswith("— ")
                and p.text.endswith(" —")
            )
        if not ok:
            yield LayoutFinding(
                "layout.page_number",
                f"footer {which}",
                PAGE_NUMBER.format(
                    which=which, side=side, indent="右" if align == WD_ALIGN_PARAGRAPH.RIGHT else "左"
                ),
            )


def check_pdf(
    pdf: bytes,
    *,
    expected_texts: Iterable[str] = (),
    pages: tuple[int, int] = (1, 500),
    grid_pages: Iterable[int] = (),
) -> list[LayoutFinding]:
    """Fonts embedded and expected, texts present, page count in `pages`, grid kept on `grid_pages`."""
    from anjian.documents.render import pdf_fonts, pdf_page_count, pdf_text

    findings = []
    allowed = rendering_families()
    for font in pdf_fonts(pdf):
        name = font["name"]
        if font["embedded"] != "yes":
            findings.append(
                LayoutFinding("pdf.font_not_embedded", name, PDF_FONT_NOT_EMBEDDED.format(font=name))
            )
        if _LAST_RESORT.search(name) or family_of(name) not in allowed:
            findings.append(LayoutFinding("pdf.font_fallback", name, PDF_FONT_FALLBACK.format(font=name)))
    text = re.sub(r"\s+", "", pdf_text(pdf))
    for expected in expected_texts:
        if re.sub(r"\s+", "", expected) not in text:
            findings.append(
                LayoutFinding("pdf.text_missing", expected, PDF_TEXT_MISSING.format(text=expected))
            )
    count = pdf_page_count(pdf)
    if not pages[0] <= count <= pages[1]:
        findings.append(
            LayoutFinding(
                "pdf.page_count", "document", PDF_PAGE_COUNT.format(pages=count, low=pages[0], high=pages[1])
            )
        )
    for page in grid_pages:
        lines, chars = body_page_metrics(pdf, page)
        if lines > G.LINES_PER_PAGE or chars > G.CHARS_PER_LINE + 0.05:
            findings.append(
                LayoutFinding(
                    "pdf.grid",
                    f"page {page}",
                    PDF_GRID.format(
                        page=page,
                        lines=lines,
                        chars=chars,
                        max_lines=G.LINES_PER_PAGE,
                        max_chars=G.CHARS_PER_LINE,
                    ),
                )
            )
    return findings
