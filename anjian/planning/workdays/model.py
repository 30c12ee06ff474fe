"""The workday sheet (工作日测算说明) as data: teams, line items, printed ("stated") figures,
staffing, plan counts.

A line item is units x visits x groups x persons x days (x months for specialist lines); a factor
that is not given counts as 1, days may be fractional, so every number is a `Decimal`. A lump sum
(总量估算) replaces the product and keeps its factors only as information. `stated` fields hold
what the printed sheet says, so the review can compare; they never feed the computation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Category(StrEnum):
    SUPERVISION = "supervision"
    OTHER_ENFORCEMENT = "other_enforcement"
    NON_ENFORCEMENT = "non_enforcement"


CATEGORY_LABELS = {
    Category.SUPERVISION: "监督检查工作日",
    Category.OTHER_ENFORCEMENT: "其他执法工作日",
    Category.NON_ENFORCEMENT: "非执法工作日",
}
# Supervision-item kinds; where each belongs is rule-pack data (workdays.kinds.<kind>.belongs_in).
KIND_LABELS = {
    "key": "重点检查",
    "general": "一般检查",
    "random": "部门内“双随机”检查",
    "inter_random": "部门间“双随机”检查",
    "specialist": "矿山安全监管专员入矿",
    "other": "其他",
}
SECTOR_LABELS = {
    "coal_mine": "煤矿",
    "coal_processing": "洗选煤及配煤型煤",
    "noncoal_mine": "非煤矿山",
    "hazchem": "危险化学品",
    "civil_explosives": "民爆",
    "pharma": "医药",
    "metallurgy_trade": "冶金工贸",
    "training_body": "安全生产培训机构",
    "assessment_body": "安全评价机构",
    "mixed": "多行业",
    "other": "其他",
}
FACTORS = ("units", "visits", "groups", "persons", "days", "months")
FACTOR_LABELS = {
    "units": "户数",
    "visits": "次数",
    "groups": "组数",
    "persons": "人数",
    "days": "天数",
    "months": "月数",
}
SECTION_SEPARATOR = "/"


@dataclass(frozen=True)
class LineItem:
    """One numbered line of a sheet. `section` is the path of headings it sits under inside its category.

    `codes` name the 办法 categories of an other- or non-enforcement line (rule pack `workdays.categories`);
    `counts` keeps named unit counts the text states (e.g. 市直管煤矿 = 30) so the review can compare teams.
    """

    category: Category
    label: str
    section: tuple[str, ...] = ()
    number: str = ""
    kind: str = ""
    sector: str = ""
    codes: tuple[str, ...] = ()
    units: Decimal | None = None
    visits: Decimal | None = None
    groups: Decimal | None = None
    persons: Decimal | None = None
    days: Decimal | None = None
    months: Decimal | None = None
    lump: Decimal | None = None
    stated: Decimal | None = None
    counts: tuple[tuple[str, Decimal], ...] = ()
    text: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if self.lump is None and not self.given_factors():
            raise ValueError(f"line item {self.label!r} needs a lump sum or at least one factor")

    def factor(self, name: str) -> Decimal | None:
        value: Decimal | None = getattr(self, name)
        return value

    def given_factors(self) -> dict[str, Decimal]:
        return {name: v for name in FACTORS if (v := self.factor(name)) is not None}

    def product(self) -> Decimal:
        """Product of the given factors, missing ones counting as 1."""
        result = Decimal(1)
        for value in self.given_factors().values():
            result *= value
        return result

    @property
    def result(self) -> Decimal:
        return self.lump if self.lump is not None else self.product()

    @property
    def is_lump(self) -> bool:
        return self.lump is not None

    @property
    def planned_visits(self) -> Decimal | None:
        """Enterprise visits this line costs: units × visits, or whichever is given; None if neither is."""
        if self.units is None and self.visits is None:
            return None
        return (self.units or Decimal(1)) * (self.visits or Decimal(1))

    def formula(self) -> str:
        if self.lump is not None:
            return f"{number_text(self.lump)}（总量估算）"
        factors = " × ".join(number_text(v) for v in self.given_factors().values())
        return f"{factors} = {number_text(self.product())}"

    @property
    def title(self) -> str:
        return f"{self.number} {self.label}".strip()


@dataclass(frozen=True)
class Section:
    """A heading with a printed subtotal, e.g. 监督检查 / 煤矿有关科室 = 2682."""

    category: Category
    path: tuple[str, ...]
    number: str = ""
    stated: Decimal | None = None
    note: str = ""


@dataclass(frozen=True)
class TeamStated:
    """Headline figures as printed for one team; None where the sheet prints nothing."""

    share_of_staff: Decimal | None = None
    statutory_workdays: Decimal | None = None
    total_days: Decimal | None = None
    supervision_days: Decimal | None = None
    other_enforcement_days: Decimal | None = None
    non_enforcement_days: Decimal | None = None
    need_days: Decimal | None = None
    overtime_days: Decimal | None = None


@dataclass(frozen=True)
class Team:
    """An office group or enforcement team with its own sheet; several teams make one plan (办法 Art. 2)."""

    id: str
    name: str
    officers: int
    items: tuple[LineItem, ...]
    sections: tuple[Section, ...] = ()
    staff: int | None = None
    staff_label: str = ""
    is_enforcement_team: bool = False
    stated: TeamStated = TeamStated()
    source: str = ""


@dataclass(frozen=True)
class StaffingRow:
    """One row of the staffing table (人员配置情况表); None = blank cell."""

    name: str
    group: str = ""
    on_roll: int | None = None
    on_roll_enforcing: int | None = None
    seconded: int | None = None
    seconded_enforcing: int | None = None
    note: str = ""


STAFFING_COLUMNS = ("on_roll", "on_roll_enforcing", "seconded", "seconded_enforcing")
STAFFING_LABELS = {
    "on_roll": "在编人数",
    "on_roll_enforcing": "在编人员中参加安全生产执法人员数",
    "seconded": "借调人员",
    "seconded_enforcing": "借调人员中参加安全生产执法人员数",
}


@dataclass(frozen=True)
class StaffingTable:
    team_id: str
    rows: tuple[StaffingRow, ...]
    stated: StaffingRow | None = None  # the printed 合计 row
    source: str = ""


@dataclass(frozen=True)
class PlanUnits:
    """Units and visits the plan text gives for one kind (key/general) and sector."""

    kind: str
    sector: str
    units: int
    visits: int
    note: str = ""


@dataclass(frozen=True)
class WindowGroup:
    """Rows of a key-unit table sharing the same quarter windows (检查时间) and visits per unit."""

    sector: str
    rows: str
    visits: int
    quarters: tuple[int, ...]
    note: str = ""


@dataclass(frozen=True)
class PlanFigures:
    units: tuple[PlanUnits, ...] = ()
    windows: tuple[WindowGroup, ...] = ()
    stated_key_share: Decimal | None = None
    stated_general_share: Decimal | None = None
    share_wording: str = ""  # what the printed share claims to be a share of, e.g. 年度监督检查企业总数
    source: str = ""


@dataclass(frozen=True)
class StatedCalendar:
    """The 国家法定工作日 formula as printed (全年天数 − 双休日 − 法定假日 = …)."""

    days_in_year: int | None = None
    weekend_days: int | None = None
    holidays: int | None = None
    statutory_workdays: int | None = None


@dataclass(frozen=True)
class WorkdaySheet:
    """Everything one plan's workday computation needs; built by the file readers or by the plans service."""

    year: int
    teams: tuple[Team, ...]
    pack: str = ""
    agency: str = ""
    title: str = ""
    source: str = ""
    staffing: tuple[StaffingTable, ...] = ()
    plan: PlanFigures | None = None
    stated_calendar: StatedCalendar | None = None


def number_text(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: 2.50 → 2.5, 1E+3 → 1000."""
    return format(value.normalize(), "f")
