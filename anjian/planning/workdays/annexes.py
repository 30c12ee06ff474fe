"""Reading the data printed beside a workday sheet: the staffing table (人员配置情况表) and the plan's
unit counts, shares and quarter windows, which the review compares with the sheet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anjian.planning.workdays.inputs import (
    KIND_ALIASES,
    SECTOR_ALIASES,
    SHEET_BAD_KIND,
    SHEET_BAD_QUARTER,
    SHEET_BAD_SECTOR,
    InputReader,
    where_of,
)
from anjian.planning.workdays.model import (
    STAFFING_COLUMNS,
    PlanFigures,
    PlanUnits,
    StaffingRow,
    StaffingTable,
    WindowGroup,
)

STAFFING_FIELDS = {"team", "source", "rows", "stated"}
ROW_FIELDS = {"name", "group", "note", "_where", *STAFFING_COLUMNS}
PLAN_FIELDS = {"source", "units", "windows", "stated_key_share", "stated_general_share", "share_wording"}
PLAN_UNIT_FIELDS = {"kind", "sector", "units", "visits", "note", "_where"}
WINDOW_FIELDS = {"sector", "rows", "visits", "quarters", "note", "_where"}


def read_staffing(r: InputReader, data: Mapping[str, Any], where: str, default_team: str) -> StaffingTable:
    r.fields(data, STAFFING_FIELDS, where)

    def row(d: Mapping[str, Any], w: str, name_required: bool = True) -> StaffingRow:
        r.fields(d, ROW_FIELDS, w)
        return StaffingRow(
            name=r.text(d, "name", w, required=name_required),
            group=r.text(d, "group", w),
            note=r.text(d, "note", w),
            **{c: r.integer(d, c, w) for c in STAFFING_COLUMNS},
        )

    rows = tuple(
        row(d, where_of(r, d, f"{where}.rows[{i}]", str(d.get("name", ""))))
        for i, d in enumerate(r.tables(data, "rows", where), 1)
    )
    stated = row(data["stated"], f"{r.file} {where}.stated", False) if "stated" in data else None
    return StaffingTable(
        r.text(data, "team", where) or default_team, rows, stated, r.text(data, "source", where)
    )


def read_plan(r: InputReader, data: Mapping[str, Any], where: str) -> PlanFigures:
    r.fields(data, PLAN_FIELDS, where)
    units, windows = [], []
    for i, d in enumerate(r.tables(data, "units", where), 1):
        w = where_of(r, d, f"{where}.units[{i}]")
        r.fields(d, PLAN_UNIT_FIELDS, w)
        kind = r.alias(r.text(d, "kind", w, True), KIND_ALIASES, "sheet_bad_kind", w, SHEET_BAD_KIND)
        sector = r.alias(
            r.text(d, "sector", w, True), SECTOR_ALIASES, "sheet_bad_sector", w, SHEET_BAD_SECTOR
        )
        n, v = r.integer(d, "units", w, True), r.integer(d, "visits", w, True)
        if kind and sector and n is not None and v is not None:
            units.append(PlanUnits(kind, sector, n, v, r.text(d, "note", w)))
    for i, d in enumerate(r.tables(data, "windows", where), 1):
        w = where_of(r, d, f"{where}.windows[{i}]", str(d.get("rows", "")))
        r.fields(d, WINDOW_FIELDS, w)
        sector = r.alias(
            r.text(d, "sector", w, True), SECTOR_ALIASES, "sheet_bad_sector", w, SHEET_BAD_SECTOR
        )
        visits = r.integer(d, "visits", w, True)
        quarters = d.get("quarters", [])
        quarters = quarters if isinstance(quarters, list) else [quarters]
        for q in quarters:
            if isinstance(q, bool) or not isinstance(q, int) or not 1 <= q <= 4:
                r.fail("sheet_bad_quarter", w, SHEET_BAD_QUARTER, value=q)
        if sector and visits is not None:
            valid = tuple(sorted({q for q in quarters if isinstance(q, int) and 1 <= q <= 4}))
            windows.append(WindowGroup(sector, r.text(d, "rows", w), visits, valid, r.text(d, "note", w)))
    return PlanFigures(
        units=tuple(units),
        windows=tuple(windows),
        stated_key_share=r.number(data, "stated_key_share", where),
        stated_general_share=r.number(data, "stated_general_share", where),
        share_wording=r.text(data, "share_wording", where),
        source=r.text(data, "source", where),
    )
