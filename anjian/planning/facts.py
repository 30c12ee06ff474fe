"""The core's vocabulary: what the planning functions know about a bureau.

Services build these from ORM rows (one bridge, `plans/services.py`); nothing here knows about the database.
All values are plain, immutable and hashable so results can be cached and compared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


class Industry(StrEnum):
    COAL_MINE = "coal_mine"
    COAL_PROCESSING = "coal_processing"
    NONCOAL_MINE = "noncoal_mine"
    HAZCHEM = "hazchem"
    CIVIL_EXPLOSIVES = "civil_explosives"
    PHARMA = "pharma"
    METALLURGY_TRADE = "metallurgy_trade"
    TRAINING_BODY = "training_body"
    ASSESSMENT_BODY = "assessment_body"
    OTHER = "other"


class StdGrade(StrEnum):
    FIRST = "1"
    SECOND = "2"
    THIRD = "3"
    NONE = "none"


class OperatingStatus(StrEnum):
    NORMAL = "normal"
    TRIAL = "trial"
    RESUMPTION = "resumption"
    SUSPENDED = "suspended"
    CLOSED = "closed"


class FactKind(StrEnum):
    """Dated risk facts; each is true from `valid_from` to `valid_to` (open-ended when None)."""

    FATAL_ACCIDENT = "fatal_accident"
    MAJOR_HAZARD_FOUND = "major_hazard_found"
    TRIAL_PRODUCTION = "trial_production"
    RESUMPTION = "resumption"
    JOINT_PUNISHMENT = "joint_punishment"
    DIRECTLY_MANAGED = "directly_managed"
    SOE = "soe"
    SUSPENDED = "suspended"
    SHUTDOWN_ORDERED = "shutdown_ordered"
    STD_OR_RISK_FAIL = "std_or_risk_fail"


@dataclass(frozen=True)
class RiskFact:
    kind: FactKind
    valid_from: dt.date
    valid_to: dt.date | None = None
    detail: str = ""
    deaths: int = 0
    source_doc: str = ""

    def holds_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Agency:
    id: int
    name: str
    level: Level
    parent_id: int | None = None
    region_code: str = ""


@dataclass(frozen=True)
class Office:
    id: int
    agency_id: int
    name: str
    is_enforcement_team: bool = False


@dataclass(frozen=True)
class Officer:
    id: int
    office_id: int
    name: str
    certificate_no: str = ""
    certificate_valid_until: dt.date | None = None
    enforcement_eligible: bool = True
    is_mine_specialist: bool = False
    district_code: str = ""

    def certified_on(self, day: dt.date) -> bool:
        """Holds a certificate valid on `day` and is allowed to enforce."""
        if not (self.enforcement_eligible and self.certificate_no):
            return False
        return self.certificate_valid_until is None or day <= self.certificate_valid_until


@dataclass(frozen=True)
class Enterprise:
    id: int
    name: str
    agency_id: int
    industry: Industry
    uscc: str = ""
    sub_sector: str = ""
    district_code: str = ""
    owning_office_id: int | None = None
    managing_level: Level = Level.COUNTY
    coal_class: str = ""  # A-D, mines only
    noncoal_class: str = ""  # A-D, non-coal mines only
    std_grade: StdGrade = StdGrade.NONE
    high_risk_override: bool | None = None
    flag_key_chem: bool = False
    flag_key_process: bool = False
    flag_major_source: bool = False
    flag_combustible_dust: bool = False
    flag_metal_smelting: bool = False
    open_pit_slope_m: int | None = None
    tailings_upstream_important: bool = False
    underground: bool = False
    operating_status: OperatingStatus = OperatingStatus.NORMAL
    facts: tuple[RiskFact, ...] = field(default_factory=tuple)
    std_grade_valid_until: dt.date | None = None  # an expired standardisation grade counts as 未定级

    @property
    def two_keys_one_major(self) -> bool:
        return self.flag_key_chem or self.flag_key_process or self.flag_major_source

    def facts_of(self, kind: FactKind) -> tuple[RiskFact, ...]:
        return tuple(f for f in self.facts if f.kind == kind)
