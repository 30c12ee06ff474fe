"""The plan rendered by LibreOffice: fonts embedded, no fallback glyphs, 22 × 28 grid, figures in the text.

Skipped with a visible reason when LibreOffice or poppler is missing (scripts/install_libreoffice.sh).
"""

import warnings

import pytest

from anjian.documents import render
from anjian.documents.fonts import FontFallbackWarning
from anjian.documents.layout import check_pdf
from anjian.documents.numerals import format_number
from anjian.documents.pdf_layout import body_page_metrics, family_of
from anjian.documents.tables_xlsx import tables_xlsx
from tests.documents.conftest import NEEDS_LIBREOFFICE


def _expected_texts(plan) -> list[str]:
    texts = [
        plan.title,
        plan.doc_number,
        "需加班6个工作日方能完成计划工作任务。",
        "需加班14个工作日方能完成计划工作任务。",
        f"全年重点检查生产经营单位{plan.key_units}户，{plan.key_visits}次",
    ]
    for team in plan.teams:
        texts += [
            f"总法定工作日为{format_number(team.total_days)}天",
            f"监督检查工作日为{format_number(team.supervision_days)}天",
            f"其他执法工作日为{format_number(team.other_enforcement_days)}天",
            f"非执法工作日为{format_number(team.non_enforcement_days)}天",
        ]
    return texts


def test_rendered_plan_passes_the_pdf_checks(plan_pdf, luliang):
    findings = check_pdf(
        plan_pdf, expected_texts=_expected_texts(luliang), pages=(30, 60), grid_pages=range(2, 9)
    )
    assert findings == []


def test_body_pages_fill_the_grid_to_22_lines_of_28_characters(plan_pdf):
    lines, width = body_page_metrics(plan_pdf, 2)
    assert lines == 22
    assert 27.5 <= width <= 28.05


def test_every_pdf_font_is_a_documented_stand_in(plan_pdf):
    families = {family_of(f["name"]) for f in render.pdf_fonts(plan_pdf)}
    assert families <= {
        "Noto Serif CJK SC",
        "Noto Sans CJK SC",
        "AR PL UKai CN",
        "AR PL UMing CN",
        "仿宋_GB2312",
        "楷体_GB2312",
        "方正小标宋简体",
        "黑体",
        "宋体",
    }
    assert "Noto Sans CJK SC" in families or "黑体" in families  # 黑体 headings really drawn


def test_page_numbers_alternate_sides(plan_pdf):
    odd = render.pdf_text(plan_pdf, first=3, last=3, layout=True).rstrip().splitlines()[-1]
    even = render.pdf_text(plan_pdf, first=2, last=2, layout=True).rstrip().splitlines()[-1]
    assert odd.strip().replace(" ", "") == "—3—" and len(odd) - len(odd.lstrip()) > 20
    assert even.strip().replace(" ", "") == "—2—" and len(even) - len(even.lstrip()) < 5


def test_workbook_renders_without_fallback_fonts(luliang):
    if not (render.soffice_available() and render.poppler_available()):
        pytest.skip(NEEDS_LIBREOFFICE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FontFallbackWarning)
        pdf = render.office_to_pdf(tables_xlsx(luliang), ".xlsx")
    assert check_pdf(pdf, expected_texts=["吕梁市应急管理局2024年重点检查安排表"], pages=(11, 40)) == []


def _page_number_boxes(pdf: bytes):
    """(page, landscape, page-number bbox in mm) of every page, read from pdftotext -bbox."""
    from xml.etree import ElementTree

    xhtml = render.pdf_text(pdf, bbox=True)
    root = ElementTree.fromstring(xhtml.encode())
    for n, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), 1):
        landscape = float(page.get("width")) > float(page.get("height"))
        words = [w for w in page.iter("{http://www.w3.org/1999/xhtml}word") if w.text == str(n)]
        boxes = [tuple(float(w.get(k)) * 25.4 / 72 for k in ("xMin", "yMin", "xMax", "yMax")) for w in words]
        yield n, landscape, boxes


def test_landscape_pages_carry_their_number_where_a_portrait_page_has_it_once_turned(plan_pdf):
    """GB/T 9704: a turned table page keeps its number in the portrait place: the landscape left margin,
    near the lower end on odd pages and the upper end on even pages (7 mm outside the type area)."""
    seen = 0
    for n, landscape, boxes in _page_number_boxes(plan_pdf):
        if not landscape:
            continue
        seen += 1
        in_margin = [b for b in boxes if b[2] < 35 - 5]
        assert len(in_margin) == 1, f"page {n}: {boxes}"
        x0, y0, x1, y1 = in_margin[0]
        assert x1 > 20, f"page {n}: {boxes}"
        if n % 2:
            assert 150 < y1 < 184
        else:
            assert 28 < y0 < 60
    assert seen >= 5
