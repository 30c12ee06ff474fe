"""Writing the xlsx workday template, empty or filled with a sheet; `read_xlsx(write_xlsx(s))` gives
the sheet back. Bytes out: the caller writes the file.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from anjian.planning.workdays.model import (
    CATEGORY_LABELS,
    FACTORS,
    KIND_LABELS,
    SECTION_SEPARATOR,
    SECTOR_LABELS,
    WorkdaySheet,
)
from anjian.planning.workdays.xlsx_layout import (
    INFO,
    INSTRUCTIONS,
    ITEMS,
    PLAN_UNITS,
    SECTIONS,
    STAFFING,
    STAFFING_TOTAL_ROW,
    TEAMS,
    WINDOWS,
)
from anjian.planning.xlsx_safe import safe_text, save_workbook


def _cell(value: Decimal | int | str | None) -> Decimal | int | str | None:
    if isinstance(value, str):
        return safe_text(value)[0]
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def _write(wb: Workbook, spec: tuple[str, dict[str, str]], rows: list[dict[str, Any]]) -> None:
    name, columns = spec
    ws = wb.create_sheet(name)
    ws.append(list(columns))
    for row in rows:
        ws.append([_cell(row.get(field)) for field in columns.values()])
    for i, header in enumerate(columns, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = max(10, 2 * len(header) + 2)


def _choices(ws: Any, column: int, values: list[str]) -> None:
    dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    letter = ws.cell(1, column).column_letter
    dv.add(f"{letter}2:{letter}2000")
    ws.add_data_validation(dv)


def write_xlsx(sheet: WorkdaySheet | None = None) -> bytes:
    """The template (sheet=None) or a sheet in the template's form; `read_xlsx(write_xlsx(s))` gives s back
    (except teams that came from included files, which are written too)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "说明"
    for line in INSTRUCTIONS:
        ws.append([line])
    ws.column_dimensions["A"].width = 120
    s = sheet
    info: dict[str, Any] = {
        "year": s.year if s else None,
        "pack": s.pack if s else "",
        "agency": s.agency if s else "",
        "title": s.title if s else "",
        "source": s.source if s else "",
    }
    cal = s.stated_calendar if s else None
    plan = s.plan if s else None
    for field in ("days_in_year", "weekend_days", "holidays", "statutory_workdays"):
        info[f"cal.{field}"] = getattr(cal, field) if cal else None
    info["plan.stated_key_share"] = plan.stated_key_share if plan else None
    info["plan.stated_general_share"] = plan.stated_general_share if plan else None
    info["plan.share_wording"] = plan.share_wording if plan else ""
    info["plan.source"] = plan.source if plan else ""
    info["staffing.source"] = s.staffing[0].source if s and s.staffing else ""
    _write(
        wb,
        ("基本信息", {"项目": "key", "值": "value"}),
        [{"key": label, "value": info[field]} for label, field in INFO[1].items()],
    )
    teams, items, sections = [], [], []
    for t in s.teams if s else ():
        teams.append(
            {
                "id": t.id,
                "name": t.name,
                "officers": t.officers,
                "staff": t.staff,
                "staff_label": t.staff_label,
                "enforcement_team": "是" if t.is_enforcement_team else "否",
                "source": t.source,
                **{f"stated.{k}": getattr(t.stated, k) for k in t.stated.__dataclass_fields__},
            }
        )
        for i in t.items:
            items.append(
                {
                    "team": t.id,
                    "category": CATEGORY_LABELS[i.category].removesuffix("工作日"),
                    "section": SECTION_SEPARATOR.join(i.section),
                    "number": i.number,
                    "label": i.label,
                    "kind": KIND_LABELS.get(i.kind, i.kind),
                    "sector": SECTOR_LABELS.get(i.sector, i.sector),
                    "codes": "、".join(i.codes),
                    "lump": i.lump,
                    "stated": i.stated,
                    "text": i.text,
                    "note": i.note,
                    "counts": "；".join(f"{k}={v}" for k, v in i.counts),
                    **{f: i.factor(f) for f in FACTORS},
                }
            )
        for sec in t.sections:
            sections.append(
                {
                    "team": t.id,
                    "category": CATEGORY_LABELS[sec.category].removesuffix("工作日"),
                    "path": SECTION_SEPARATOR.join(sec.path),
                    "number": sec.number,
                    "stated": sec.stated,
                    "note": sec.note,
                }
            )
    _write(wb, TEAMS, teams)
    _write(wb, ITEMS, items)
    _choices(wb[ITEMS[0]], 2, ["监督检查", "其他执法", "非执法"])
    _choices(wb[ITEMS[0]], 6, list(KIND_LABELS.values()))
    _choices(wb[ITEMS[0]], 7, list(SECTOR_LABELS.values()))
    _write(wb, SECTIONS, sections)
    staffing = []
    for table in s.staffing if s else ():
        staffing += [{"team": table.team_id, **r.__dict__} for r in table.rows]
        if table.stated:
            staffing.append({"team": table.team_id, **table.stated.__dict__, "name": STAFFING_TOTAL_ROW})
    _write(wb, STAFFING, staffing)
    _write(
        wb,
        PLAN_UNITS,
        [
            {
                **u.__dict__,
                "kind": KIND_LABELS.get(u.kind, u.kind),
                "sector": SECTOR_LABELS.get(u.sector, u.sector),
            }
            for u in (plan.units if plan else ())
        ],
    )
    _write(
        wb,
        WINDOWS,
        [
            {
                **w.__dict__,
                "sector": SECTOR_LABELS.get(w.sector, w.sector),
                "quarters": ",".join(str(q) for q in w.quarters),
            }
            for w in (plan.windows if plan else ())
        ],
    )
    return save_workbook(wb)
