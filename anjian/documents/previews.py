"""PNG previews of the plan for docs/images: the first page and the first key-unit table page.

`write_previews(snapshot, folder)` renders with LibreOffice (render.docx_to_pdf) and poppler at 80 dpi and
returns the paths written: plan-page1.png and plan-key-units.png. `sample_previews(docx, folder, prefix)` renders
an exported DOCX as it is and writes its first page (版头), its first annex page and its last page (版记):
{prefix}-first.png, {prefix}-annex.png, {prefix}-imprint.png.
"""

from __future__ import annotations

import re
from pathlib import Path

from anjian.documents import render
from anjian.documents.annex_tables import key_section_heading
from anjian.documents.plan_docx import plan_docx
from anjian.documents.snapshot import PlanSnapshot

PREVIEW_DPI = 80


def key_units_page(pdf: bytes, heading: str) -> int:
    """The first page whose text holds `heading` followed by table rows."""
    for page in range(1, render.pdf_page_count(pdf) + 1):
        if heading in render.pdf_text(pdf, first=page, last=page).replace(" ", ""):
            return page
    raise LookupError(heading)


def write_previews(plan: PlanSnapshot, folder: Path | str) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pdf = render.docx_to_pdf(plan_docx(plan))
    first = folder / "plan-page1.png"
    first.write_bytes(render.pdf_page_png(pdf, 1, dpi=PREVIEW_DPI))
    written = [first]
    if plan.key_sections:
        # The annex's first page: "附件n", the title, the first sector's counted sub-header and its rows.
        page = key_units_page(pdf, key_section_heading(plan.key_sections[0]))
        key = folder / "plan-key-units.png"
        key.write_bytes(render.pdf_page_png(pdf, page, dpi=PREVIEW_DPI))
        written.append(key)
    return written


SAMPLE_DPI = 60


def sample_previews(docx: bytes, folder: Path | str, prefix: str) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pdf = render.docx_to_pdf(docx)
    pages = render.pdf_page_count(pdf)
    annex = next(
        p
        for p in range(1, pages + 1)
        if re.sub(r"\s+", "", render.pdf_text(pdf, first=p, last=p)).startswith("附件1")
    )
    written = []
    for name, page in (("first", 1), ("annex", annex), ("imprint", pages)):
        path = folder / f"{prefix}-{name}.png"
        path.write_bytes(render.pdf_page_png(pdf, page, dpi=SAMPLE_DPI))
        written.append(path)
    return written
