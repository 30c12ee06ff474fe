"""A fast, streaming, values-only .xlsx reader for imports of 100,000 rows.

openpyxl's read-only mode spends most of an import's time building cell objects; here each worksheet is
streamed with lxml (already required by python-docx; entities and network access off) and each row comes
out as a tuple of plain values: str,
int, float, bool, datetime (numbers in a date-formatted cell), None, or UNCACHED_FORMULA for a formula cell
saved without its computed value (which a row reader reports instead of reading it as blank). Only what an import needs is read:
sheet names and order, shared strings (rich text flattened, phonetic runs dropped), the date styles and the
cell values. `table.py` falls back to openpyxl when a workbook's structure is not understood here.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import from_excel

from .cells import UNCACHED_FORMULA

# Built-in formats Chinese (East Asian) Excel/WPS show as dates, e.g. 31 = yyyy"年"m"月"d"日".
EAST_ASIAN_DATE_FORMATS = frozenset(range(27, 37)) | frozenset(range(50, 59))
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


Element = Any  # an lxml element


def _text(element: Element) -> str:
    """The text of a shared-string item or inline string: plain <t>, or the <t> of each rich-text run."""
    if len(element) == 1 and element[0].tag.endswith("t"):  # the usual single <t>
        return element[0].text or ""
    parts = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts += [t.text or "" for t in child if _local(t.tag) == "t"]
    return "".join(parts)


def _column(reference: str) -> int:
    index = 0
    for char in reference:
        if not char.isalpha():
            break
        index = index * 26 + (ord(char.upper()) - 64)
    return index - 1


class XlsxBook:
    """Open with the path; `sheets` lists (title, member); `rows(member)` streams (row number, values)."""

    def __init__(self, path: str):
        self.zip = zipfile.ZipFile(path)
        try:
            self.sheets = self._sheets()
            self.strings = self._shared_strings()
            self.date_styles = self._date_styles()
        except Exception:
            self.zip.close()
            raise

    def close(self) -> None:
        self.zip.close()

    def _parse(self, member: str) -> Element:
        with self.zip.open(member) as f:
            return etree.parse(f, _PARSER).getroot()

    def _sheets(self) -> list[tuple[str, str]]:
        rels = self._parse("xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): r.get("Target", "") for r in rels}
        sheets = []
        for element in self._parse("xl/workbook.xml").iter():
            if _local(element.tag) == "sheet":
                target = targets[element.get(REL_ID)]
                member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                sheets.append((element.get("name", ""), member))
        return sheets

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.zip.namelist():
            return []
        strings = []
        with self.zip.open("xl/sharedStrings.xml") as f:
            for _, element in etree.iterparse(
                f, events=("end",), tag="{*}si", resolve_entities=False, no_network=True, huge_tree=True
            ):
                strings.append(_text(element))
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
        return strings

    def _date_styles(self) -> frozenset[int]:
        if "xl/styles.xml" not in self.zip.namelist():
            return frozenset()
        root = self._parse("xl/styles.xml")
        formats = dict(BUILTIN_FORMATS)
        dates = set()
        for element in root.iter():
            if _local(element.tag) == "numFmt":
                formats[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
        for section in root:
            if _local(section.tag) == "cellXfs":
                for index, xf in enumerate(section):
                    fmt = int(xf.get("numFmtId", "0"))
                    if fmt in EAST_ASIAN_DATE_FORMATS or is_date_format(formats.get(fmt, "")):
                        dates.add(index)
        return frozenset(dates)

    def rows(self, member: str) -> Iterator[tuple[int, tuple[object, ...]]]:
        strings, dates = self.strings, self.date_styles
        columns: dict[str, int] = {}
        with self.zip.open(member) as f:
            number = 0
            v_tag = ""
            for _, row in etree.iterparse(
                f, events=("end",), tag="{*}row", resolve_entities=False, no_network=True, huge_tree=True
            ):
                number = int(row.get("r") or number + 1)
                values: dict[int, object] = {}
                position = -1
                for cell in row:
                    if not v_tag:
                        v_tag = cell.tag[: -len(_local(cell.tag))] + "v"
                    reference = cell.get("r")
                    if reference:
                        letters = reference.rstrip("0123456789")
                        position = columns.get(letters, -1)
                        if position < 0:
                            position = columns.setdefault(letters, _column(letters))
                    else:
                        position += 1
                    kind = cell.get("t")
                    if kind == "inlineStr":
                        values[position] = (_text(cell[0]) if len(cell) else "") or None
                        continue
                    raw = cell.findtext(v_tag)
                    if raw and (raw.strip() or kind in ("s", "str", "inlineStr")):
                        values[position] = _value(raw, kind, cell.get("s"), strings, dates)
                    elif len(cell) and any(_local(child.tag) == "f" for child in cell):
                        values[position] = UNCACHED_FORMULA  # a formula saved without its computed value
                row.clear()
                while row.getprevious() is not None:  # keep memory flat on 100,000-row sheets
                    del row.getparent()[0]
                if values:
                    yield number, tuple(values.get(i) for i in range(max(values) + 1))


def _value(
    raw: str, kind: str | None, style: str | None, strings: list[str], dates: frozenset[int]
) -> object:
    if kind == "s":
        return strings[int(raw)]
    if kind in ("str", "e"):
        return raw
    if kind == "b":
        return raw == "1"
    if kind == "d":
        return dt.datetime.fromisoformat(raw)
    number = float(raw)
    if style and int(style) in dates:
        return from_excel(number)
    return int(number) if number.is_integer() and "." not in raw and "E" not in raw.upper() else number
