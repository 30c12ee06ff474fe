"""Every workbook the system writes goes out through here: text stays text, never a formula.

Contract: `save_workbook(wb)` returns the XLSX bytes of `wb` after `neutralize(wb)`: every text cell that
begins with = + - @ (what a spreadsheet would take for a formula, or a "CSV injection" would use) is stored as a
text cell (t="inlineStr") with Excel's quote prefix, so neither opening nor editing the cell evaluates it; control
characters a worksheet cannot hold (U+0000–U+001F except tab, line feed, carriage return) are removed instead
of failing the save. Numbers, dates and booleans are untouched. A workbook with a cell of data type "f" (a
formula) after this never leaves the system.
"""

from __future__ import annotations

import io
import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_text(value: str) -> tuple[str, bool]:
    """(the text a cell may hold, whether it must be forced to text)."""
    cleaned = _ILLEGAL.sub("", value)
    risky = cleaned != value or cleaned.startswith(FORMULA_STARTS) or cleaned[:1] in ("\t", "\r", "\n")
    return cleaned, risky


def neutralize(wb: Any) -> int:
    """Force every risky text cell of every sheet of `wb` to text; returns how many cells were changed."""
    changed = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                text, risky = safe_text(cell.value)
                if risky or cell.data_type == "f":
                    cell.value = text
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    changed += 1
    return changed


def save_workbook(wb: Any) -> bytes:
    neutralize(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
