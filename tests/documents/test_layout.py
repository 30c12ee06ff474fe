"""The layout checker passes our documents and names what a tampered copy breaks (docs/business-rules.md §10)."""

import io

from docx import Document
from docx.shared import Mm

from anjian.documents import layout as L
from anjian.documents.visit_plan_docx import visit_plan_docx
from tests.documents.factories import sample_visit_plan

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _tampered(data: bytes, change) -> bytes:
    doc = Document(io.BytesIO(data))
    change(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _codes(findings) -> set[str]:
    return {f.code for f in findings}


def test_plan_document_passes_the_layout_checker(plan_bytes):
    assert L.check_docx(plan_bytes) == []


def test_visit_plan_passes_the_layout_checker():
    assert L.check_docx(visit_plan_docx(sample_visit_plan())) == []


def test_grid_is_22_lines_of_28_characters_in_word_and_in_libreoffice(plan_document):
    assert L.grid_capacity(plan_document, plan_document.sections[0]) == (22, 28, 28)


def test_a_character_grid_that_libreoffice_halves_is_reported(plan_bytes):
    """Word's usual "linesAndChars" grid with 3号 characters: 28 a line in Word, 14 in LibreOffice."""

    def word_grid(doc):
        grid = doc.sections[0]._sectPr.find(f"{W}docGrid")
        grid.set(f"{W}type", "linesAndChars")
        grid.set(f"{W}charSpace", "-848")
        for style in doc.styles.element.findall(f"{W}style"):
            if style.get(f"{W}styleId") == "Normal":
                spacing = style.find(f"{W}rPr").find(f"{W}spacing")
                spacing.getparent().remove(spacing)

    bad = _tampered(plan_bytes, word_grid)
    assert L.grid_capacity(Document(io.BytesIO(bad)), Document(io.BytesIO(bad)).sections[0]) == (22, 28, 14)
    assert "section 1" in [f.location for f in L.check_docx(bad) if f.code == "layout.grid"]


def test_wrong_margin_is_reported_with_its_side(plan_bytes):
    bad = _tampered(plan_bytes, lambda d: setattr(d.sections[0], "top_margin", Mm(25)))
    findings = [f for f in L.check_docx(bad) if f.code == "layout.margins"]
    assert [f.location for f in findings] == ["section 1 top"]
    assert findings[0].message == L.MARGIN.format(section=1, side="上", actual=25.0, expected=37, tolerance=1)


def test_missing_odd_even_footers_are_reported(plan_bytes):
    bad = _tampered(plan_bytes, lambda d: setattr(d.settings, "odd_and_even_pages_header_footer", False))
    assert "layout.page_number" in _codes(L.check_docx(bad))


def test_page_number_without_field_is_reported(plan_bytes):
    def drop_field(doc):
        p = doc.sections[0].footer.paragraphs[0]
        for r in p.runs:
            r.text = r.text.replace("1", "7")
        for instr in p._p.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText"):
            instr.text = " NUMPAGES "

    assert "layout.page_number" in _codes(L.check_docx(_tampered(plan_bytes, drop_field)))


def test_body_style_in_a_non_official_font_is_reported(plan_bytes):
    def swap(doc):
        doc.styles["一级标题"].element.rPr.rFonts.set(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "微软雅黑"
        )

    findings = L.check_docx(_tampered(plan_bytes, swap))
    assert [f.location for f in findings if f.code == "layout.font"] == ["style GbHeading1"]


def test_first_level_heading_in_body_style_is_reported(plan_bytes):
    def demote(doc):
        for p in doc.paragraphs:
            if p.text.startswith("三、重点检查安排"):
                p._p.style = "GbBody"

    assert "layout.heading" in _codes(L.check_docx(_tampered(plan_bytes, demote)))


def test_grid_changed_to_fewer_lines_is_reported(plan_bytes):
    def loosen(doc):
        grid = doc.sections[0]._sectPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docGrid"
        )
        grid.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}linePitch", "620")

    assert "layout.grid" in _codes(L.check_docx(_tampered(plan_bytes, loosen)))
