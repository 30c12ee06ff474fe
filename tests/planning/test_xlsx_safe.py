"""Text that looks like a formula stays text in every workbook the system writes."""

import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

from anjian.planning.xlsx_safe import safe_text, save_workbook

ANJIAN = Path(__file__).resolve().parents[2] / "anjian"


def _sheet_xml(data: bytes) -> str:
    z = zipfile.ZipFile(io.BytesIO(data))
    return "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_formula_like_text_is_stored_as_text_with_its_characters_kept():
    wb = Workbook()
    evil = ['=HYPERLINK("http://x","点我")', "+1+1", "-2+3", "@SUM(A1)", "\x01=1+1", "正常文字"]
    for i, text in enumerate(evil, 1):
        wb.active.cell(row=i, column=1, value=safe_text(text)[0])  # what the sheet writers do
    wb.active.cell(row=1, column=2, value=42)
    data = save_workbook(wb)
    assert "<f>" not in _sheet_xml(data)
    back = load_workbook(io.BytesIO(data)).active
    assert [back.cell(row=i, column=1).value for i in range(1, 7)] == [*evil[:4], "=1+1", "正常文字"]
    assert all(back.cell(row=i, column=1).data_type == "s" for i in range(1, 7))
    assert back.cell(row=1, column=1).quotePrefix and back.cell(row=1, column=2).value == 42


def test_no_workbook_is_saved_except_through_save_workbook():
    offenders = []
    for path in ANJIAN.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if (
            "openpyxl" in text
            and path.name != "xlsx_safe.py"
            and re.search(r"\b(wb|book|workbook)\.save\(", text)
        ):
            offenders.append(str(path.relative_to(ANJIAN)))
    assert offenders == []
