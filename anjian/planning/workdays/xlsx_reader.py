"""Reading the xlsx workday template: rows become the same mapping the TOML form uses (each row
remembers its sheet and row number for error messages), then `reader.sheet_from_mapping` builds the
sheet. Bytes in: the caller reads the file.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from anjian.planning.workdays.inputs import InputProblem, SheetInputError
from anjian.planning.workdays.model import WorkdaySheet
from anjian.planning.workdays.reader import sheet_from_mapping
from anjian.planning.workdays.xlsx_layout import (
    INFO,
    ITEMS,
    PLAN_UNITS,
    SECTIONS,
    STAFFING,
    STAFFING_TOTAL_ROW,
    TEAMS,
    WINDOWS,
    XLSX_BAD_COUNTS,
    XLSX_BAD_FILE,
    XLSX_MISSING_SHEET,
    XLSX_UNCACHED_FORMULA,
    XLSX_UNKNOWN_COLUMN,
    XLSX_UNKNOWN_TEAM,
    YES,
)


def _uncached(wb: Any, formulas: Any, name: str, file: str, problems: list[InputProblem]) -> None:
    """A formula cell saved without its computed value (a file written by a program, never opened in Excel/WPS)
    reads as blank; it is reported instead, so that no total silently drops a line."""
    rows = wb[name].iter_rows(values_only=True)
    header: list[str] = []
    texts_of = formulas[name].iter_rows(values_only=True)
    for number, (values, texts) in enumerate(zip(rows, texts_of, strict=False), start=1):
        if number == 1:
            header = [str(h).strip() if h is not None else "" for h in values]
        for index, (value, text) in enumerate(zip(values, texts, strict=False)):
            if value is None and isinstance(text, str) and text.startswith("="):
                column = (
                    header[index] if index < len(header) and header[index] else get_column_letter(index + 1)
                )
                where = f"工作表「{name}」第 {number} 行"
                problems.append(InputProblem("xlsx_uncached_formula", where, XLSX_UNCACHED_FORMULA.format(
                    file=file, where=where, column=column, formula=text)))  # fmt: skip


def _mapping_rows(
    wb: Any, spec: tuple[str, dict[str, str]], file: str, problems: list[InputProblem], required: bool
) -> list[dict[str, Any]]:
    name, columns = spec
    if name not in wb.sheetnames:
        if required:
            problems.append(
                InputProblem("xlsx_missing_sheet", file, XLSX_MISSING_SHEET.format(file=file, sheet=name))
            )
        return []
    rows = list(wb[name].iter_rows(values_only=True))
    if not rows:
        return []
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    for h in header:
        if h and h not in columns:
            problems.append(
                InputProblem(
                    "xlsx_unknown_column", file, XLSX_UNKNOWN_COLUMN.format(file=file, sheet=name, column=h)
                )
            )
    out = []
    for number, row in enumerate(rows[1:], start=2):
        record = {
            columns[h]: v
            for h, v in zip(header, row, strict=False)
            if h in columns and v is not None and str(v).strip() != ""
        }
        if record:
            record["_where"] = f"工作表「{name}」第 {number} 行"
            out.append(record)
    return out


def _nest(record: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    return {k[len(prefix) + 1 :]: v for k, v in record.items() if k.startswith(prefix + ".")}


def _codes(value: Any) -> list[str]:
    return [c for c in re.split(r"[、,，;；\s]+", str(value)) if c]


def _counts(value: Any, where: str, file: str, problems: list[InputProblem]) -> dict[str, Any]:
    counts = {}
    for part in _codes(value):
        name, sep, number = part.partition("=")
        if not sep:
            problems.append(
                InputProblem("xlsx_bad_counts", where, XLSX_BAD_COUNTS.format(file=file, where=where))
            )
            return {}
        counts[name.strip()] = number.strip()
    return counts


def read_xlsx(data: bytes, file: str = "", included: tuple[WorkdaySheet, ...] = ()) -> WorkdaySheet:
    """Read the template's worksheets; raises SheetInputError listing every problem with its
    file, sheet, row and field."""
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
        formulas = load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    except Exception:  # openpyxl raises many types for a damaged or foreign file
        raise SheetInputError(
            [InputProblem("xlsx_bad_file", file, XLSX_BAD_FILE.format(file=file))]
        ) from None
    problems: list[InputProblem] = []
    for name in wb.sheetnames:
        _uncached(wb, formulas, name, file, problems)
    if problems:
        raise SheetInputError(problems)
    info_rows = _mapping_rows(wb, ("基本信息", {"项目": "key", "值": "value"}), file, problems, True)
    info = {INFO[1].get(str(r.get("key", "")).strip(), "?"): r["value"] for r in info_rows if "value" in r}
    teams = {}
    for r in _mapping_rows(wb, TEAMS, file, problems, True):
        team = {k: v for k, v in r.items() if "." not in k}
        team["stated"] = _nest(r, "stated")
        team["enforcement_team"] = str(r.get("enforcement_team", "")).strip() in YES
        team["items"], team["sections"] = [], []
        teams[str(r.get("id", "")).strip()] = team
    for spec, key in ((ITEMS, "items"), (SECTIONS, "sections")):
        for r in _mapping_rows(wb, spec, file, problems, spec is ITEMS):
            team_id = str(r.pop("team", "")).strip()
            if team_id not in teams:
                problems.append(
                    InputProblem(
                        "xlsx_unknown_team",
                        r["_where"],
                        XLSX_UNKNOWN_TEAM.format(file=file, where=r["_where"], team=team_id),
                    )
                )
                continue
            if "codes" in r:
                r["codes"] = _codes(r["codes"])
            if "counts" in r:
                r["counts"] = _counts(r["counts"], r["_where"], file, problems)
            teams[team_id][key].append(r)
    mapping: dict[str, Any] = {k: v for k, v in info.items() if "." not in k and k != "?"}
    mapping["teams"] = list(teams.values())
    if cal := _nest(info, "cal"):
        mapping["stated_calendar"] = cal
    staffing = _mapping_rows(wb, STAFFING, file, problems, False)
    if staffing:
        totals = [r for r in staffing if str(r.get("name", "")).strip() == STAFFING_TOTAL_ROW]
        rows = [r for r in staffing if r not in totals]
        team_id = str(rows[0].pop("team", "")) if rows else ""
        for r in rows:
            r.pop("team", None)
        mapping["staffing"] = {"team": team_id, "rows": rows, **_nest(info, "staffing")}
        if totals:
            totals[0].pop("team", None)
            mapping["staffing"]["stated"] = {k: v for k, v in totals[0].items() if k != "_where"}
    units = _mapping_rows(wb, PLAN_UNITS, file, problems, False)
    windows = _mapping_rows(wb, WINDOWS, file, problems, False)
    plan = _nest(info, "plan")
    if units or windows or plan:
        for w in windows:
            w["quarters"] = [int(q) for q in _codes(w.get("quarters", "")) if q.isdigit()]
        mapping["plan"] = {**plan, "units": units, "windows": windows}
    if problems:
        raise SheetInputError(problems)
    return sheet_from_mapping(mapping, file=file, included=included)
