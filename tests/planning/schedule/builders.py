"""Tiny hand-made problems for the scheduler tests: one county bureau, two offices, a few officers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from anjian.planning.facts import Agency, Enterprise, Industry, Level, Office, Officer
from anjian.planning.rules import load_pack
from anjian.planning.schedule.inputs import (
    FixedVisit,
    OfficerSupply,
    ScheduleProblem,
    VisitDemand,
    quarters,
)
from anjian.planning.schedule.result import Visit
from anjian.planning.schedule.ruleset import ScheduleRules
from anjian.planning.schedule.synthetic import working_days

YEAR = 2025
HAZCHEM, TEAM = 1, 2
RULES = ScheduleRules.from_pack(load_pack("shanxi"))


def officer(oid: int, office: int, name: str, **kw) -> OfficerSupply:
    capacity = kw.pop("capacity", 60)
    unavailable = kw.pop("unavailable", frozenset())
    recusals = kw.pop("recusals", frozenset())
    return OfficerSupply(
        Officer(oid, office, name, kw.pop("cert", f"1408{oid:04d}"), **kw),
        capacity,
        frozenset(unavailable),
        frozenset(recusals),
    )


def enterprise(
    eid: int, name: str, industry: Industry = Industry.HAZCHEM, district: str = "140828101"
) -> Enterprise:
    return Enterprise(eid, name, 1, industry, district_code=district)


ALL_QUARTERS = quarters(1, 2, 3, 4)


def demand(did: str, eid: int, count: int = 1, periods=ALL_QUARTERS, office: int = HAZCHEM, **kw):
    return VisitDemand(did, eid, 1, count, periods, (office,), **kw)


def problem(
    demands=(), enterprises=None, officers=None, fixed=(), caps=None, rules=RULES, **kw
) -> ScheduleProblem:
    return ScheduleProblem(
        year=YEAR,
        working_days=working_days(YEAR),
        agencies=(Agency(1, "夏县应急管理局", Level.COUNTY, None, "140828"),),
        offices=(Office(HAZCHEM, 1, "危险化学品安全监管股"), Office(TEAM, 1, "执法大队", True)),
        officers=tuple(
            officers
            if officers is not None
            else (
                officer(11, HAZCHEM, "王伟"),
                officer(12, HAZCHEM, "李娜"),
                officer(21, TEAM, "张强"),
                officer(22, TEAM, "刘洋"),
            )
        ),
        enterprises=tuple(
            enterprises
            if enterprises is not None
            else (enterprise(101, "夏县化工有限公司"), enterprise(102, "夏县加油站"))
        ),
        demands=tuple(demands),
        rules=rules,
        fixed_visits=tuple(fixed),
        caps=caps or {},
        **kw,
    )


def visit(eid: int, day: dt.date, demands: tuple[str, ...], officers: tuple[int, ...] = (11, 21)) -> Visit:
    return Visit(1, eid, day, demands, officers)


__all__ = ["FixedVisit", "replace"]


def entry(
    eid: str,
    enterprise_id: int = 101,
    demands: tuple[str, ...] = ("D1",),
    months_=tuple(range(1, 13)),
    pool=frozenset({HAZCHEM, TEAM}),
    reps=(frozenset({HAZCHEM}),),
    need: int = 2,
    is_mine: bool = False,
    district: str = "140828101",
    **kw,
):
    from anjian.planning.schedule.entries import Entry

    return Entry(
        eid,
        1,
        enterprise_id,
        demands,
        tuple(months_),
        frozenset(pool),
        tuple(reps),
        need,
        frozenset({"enforcement"}),
        kw.pop("quiet_exempt", False),
        "",
        frozenset(kw.pop("preferred", ())),
        district,
        is_mine,
        **kw,
    )
