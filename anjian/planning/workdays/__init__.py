"""Workday sheets (工作日测算): line items, teams, bottom-up and residual totals, overtime, shares.

The public surface: the model (`LineItem`, `Team`, `WorkdaySheet` ...), `compute_sheet`, the readers
(`sheet_from_mapping`, `parse_toml`, `read_xlsx`), `write_xlsx`, and `supervision_items` for building
supervision lines from a compiled plan's visit demands.
"""

from anjian.planning.workdays.compute import SheetResult, TeamResult, Totals, compute_sheet, compute_team
from anjian.planning.workdays.demands import OfficeDemand, VisitEffort, effort_table, supervision_items
from anjian.planning.workdays.inputs import InputProblem, SheetInputError
from anjian.planning.workdays.model import (
    Category,
    LineItem,
    PlanFigures,
    PlanUnits,
    Section,
    StaffingRow,
    StaffingTable,
    StatedCalendar,
    Team,
    TeamStated,
    WindowGroup,
    WorkdaySheet,
)
from anjian.planning.workdays.reader import includes_of, parse_toml, sheet_from_mapping
from anjian.planning.workdays.xlsx_reader import read_xlsx
from anjian.planning.workdays.xlsx_writer import write_xlsx

__all__ = [
    "Category",
    "InputProblem",
    "LineItem",
    "OfficeDemand",
    "PlanFigures",
    "PlanUnits",
    "Section",
    "SheetInputError",
    "SheetResult",
    "StaffingRow",
    "StaffingTable",
    "StatedCalendar",
    "Team",
    "TeamResult",
    "TeamStated",
    "Totals",
    "VisitEffort",
    "WindowGroup",
    "WorkdaySheet",
    "compute_sheet",
    "compute_team",
    "effort_table",
    "includes_of",
    "parse_toml",
    "read_xlsx",
    "sheet_from_mapping",
    "supervision_items",
    "write_xlsx",
]
