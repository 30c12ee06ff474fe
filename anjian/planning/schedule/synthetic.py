"""Seeded synthetic bureaus for benchmarks and tests: county ≈ 400 enterprises / 25 officers, city ≈ 5,000 / 100,
province slice ≈ 20,000 / 400 over 10 agencies (province, city, 8 counties) sharing one cap ledger.

All names, caps, capacities and leave are synthetic data (not rules): caps are drawn so the plan fits, with a few
deliberately tight ones that force joint entries. Working days come from the `chinese_calendar` package.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

import chinese_calendar

from anjian.planning.facts import Agency, Enterprise, Industry, Level, Office, Officer, StdGrade
from anjian.planning.rules import load_pack
from anjian.planning.schedule.inputs import (
    WHOLE_YEAR,
    Counter,
    FixedVisit,
    OfficerSupply,
    ScheduleProblem,
    VisitDemand,
    VisitKind,
    quarters,
)
from anjian.planning.schedule.ruleset import ScheduleRules

YEAR = 2025
INDUSTRY_MIX = (  # (industry, share, responsible office key)
    (Industry.COAL_MINE, 0.03, "coal"),
    (Industry.COAL_PROCESSING, 0.03, "coal"),
    (Industry.NONCOAL_MINE, 0.08, "noncoal"),
    (Industry.HAZCHEM, 0.28, "hazchem"),
    (Industry.METALLURGY_TRADE, 0.48, "metallurgy"),
    (Industry.TRAINING_BODY, 0.02, "hr"),
    (Industry.ASSESSMENT_BODY, 0.02, "office"),
    (Industry.OTHER, 0.06, "metallurgy"),
)
OFFICE_NAMES = {
    Level.COUNTY: {
        "coal": "煤矿安全监管股",
        "noncoal": "非煤矿山安全监管股",
        "hazchem": "危险化学品安全监管股",
        "metallurgy": "冶金工贸安全监管股",
        "office": "综合协调股",
        "hr": "综合协调股",
        "team": "执法大队",
    },
    Level.CITY: {
        "coal": "煤矿安全监管科",
        "noncoal": "非煤矿山安全监管科",
        "hazchem": "危险化学品安全监管科",
        "metallurgy": "冶金工贸安全监管科",
        "office": "办公室",
        "hr": "人事教育训练科",
        "team": "执法支队",
    },
    Level.PROVINCE: {
        "coal": "煤矿安全监管处",
        "noncoal": "非煤矿山安全监管处",
        "hazchem": "危险化学品安全监管处",
        "metallurgy": "冶金工贸安全监管处",
        "office": "办公室",
        "hr": "宣传教育处",
        "team": "执法总队",
    },
}
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红"


@dataclass(frozen=True)
class Size:
    enterprises: int
    officers: int
    seed_offset: int


SIZES = {"county": Size(400, 25, 0), "city": Size(5000, 100, 1), "province": Size(20000, 400, 2)}


KEY_DAYS = {
    Industry.COAL_MINE: Decimal(2),
    Industry.NONCOAL_MINE: Decimal(2),
    Industry.HAZCHEM: Decimal("1.5"),
}


def working_days(year: int = YEAR) -> tuple[dt.date, ...]:
    day, found = dt.date(year, 1, 1), []
    while day.year == year:
        if chinese_calendar.is_workday(day):
            found.append(day)
        day += dt.timedelta(days=1)
    return tuple(found)


class _Builder:
    def __init__(self, seed: int, pack: str):
        self.rng = random.Random(seed)
        self.rules = ScheduleRules.from_pack(load_pack(pack))
        self.days = working_days()
        self.agencies: list[Agency] = []
        self.offices: list[Office] = []
        self.officers: list[OfficerSupply] = []
        self.enterprises: list[Enterprise] = []
        self.demands: list[VisitDemand] = []
        self.fixed: list[FixedVisit] = []
        self.office_ids: dict[tuple[int, str], int] = {}
        self.owner: dict[int, str] = {}  # enterprise -> office key

    def agency(self, name: str, level: Level, parent: int | None, region: str) -> Agency:
        a = Agency(len(self.agencies) + 1, name, level, parent, region)
        self.agencies.append(a)
        names = OFFICE_NAMES[level]
        for key in ("coal", "noncoal", "hazchem", "metallurgy", "office", "hr", "team"):
            title = names[key]
            existing = next((o for o in self.offices if o.agency_id == a.id and o.name == title), None)
            if existing is None:
                existing = Office(len(self.offices) + 1, a.id, title, key == "team")
                self.offices.append(existing)
            self.office_ids[a.id, key] = existing.id
        return a

    def staff(self, a: Agency, officers: int) -> None:
        """Officers per office in proportion to the visits it is responsible for (at least two each); the
        enforcement team gets the rest, at least 40 %."""
        own = sorted(
            {self.office_ids[a.id, k] for k in ("coal", "noncoal", "hazchem", "metallurgy", "office", "hr")}
        )
        team = self.office_ids[a.id, "team"]
        load = {o: 0 for o in own}
        for d in self.demands:
            if d.agency_id == a.id and d.responsible_office_ids[0] in load:
                load[d.responsible_office_ids[0]] += d.count
        counts = {o: max(2, -(-load[o] // 22)) for o in own}  # one officer per ~22 visits to lead
        counts[team] = officers - sum(counts.values())
        coal, specialists = self.office_ids[a.id, "coal"], 1 + officers // 60
        for office, n in sorted(counts.items()):
            for _ in range(n):
                is_specialist = office == coal and specialists > 0
                specialists -= is_specialist
                self.officer(a, office, specialist=is_specialist)

    def officer(self, agency: Agency, office: int, specialist: bool) -> None:
        rng, n = self.rng, len(self.officers) + 1
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
        cert = "" if n % 37 == 0 else f"14{agency.region_code[2:6]}{n:06d}"
        until = dt.date(YEAR, 6, 30) if n % 29 == 0 else None
        leave = set(rng.sample(self.days, 12))
        if rng.random() < 0.2:
            start = rng.randrange(len(self.days) - 10)
            leave.update(self.days[start : start + 10])  # 下乡
        team = any(o.id == office and o.is_enforcement_team for o in self.offices)
        capacity = rng.randint(55, 90) if team else rng.randint(40, 70)
        capacity = capacity * 8 // 5  # key visits last several days (KEY_DAYS): inspection time to match
        self.officers.append(
            OfficerSupply(
                Officer(
                    n,
                    office,
                    name,
                    cert,
                    until,
                    is_mine_specialist=specialist,
                    district_code=agency.region_code,
                ),
                capacity,
                frozenset(leave),
            )
        )

    def enterprise(self, agency: Agency, district: str) -> Enterprise:
        r = self.rng.random()
        cumulative = [sum(share for _, share, _ in INDUSTRY_MIX[: i + 1]) for i in range(len(INDUSTRY_MIX))]
        industry, _, key = INDUSTRY_MIX[next((i for i, c in enumerate(cumulative) if r <= c), -1)]
        n = len(self.enterprises) + 1
        e = Enterprise(
            n,
            f"{district[-3:]}{industry.value[:4]}{n:05d}号单位（合成）",
            agency.id,
            industry,
            district_code=district,
            std_grade=self.rng.choice(list(StdGrade)),
            owning_office_id=self.office_ids[agency.id, key],
        )
        self.enterprises.append(e)
        self.owner[e.id] = key
        return e

    def demand(
        self,
        agency: Agency,
        e: Enterprise,
        key: str,
        count: int,
        periods: tuple[tuple[int, ...], ...],
        responsible: tuple[int, ...],
        cooperating: tuple[int, ...] = (),
        category: str = "key",
        kind: VisitKind = VisitKind.INSPECTION,
        persons: int = 0,
        days: Decimal = Decimal(1),
    ) -> None:
        n = len(self.demands) + 1
        preferred = (
            tuple(sorted(self.rng.sample(sorted({m for p in periods for m in p}), 1)))
            if self.rng.random() < 0.1
            else ()
        )
        counter = Counter.SUPERVISORY if kind == VisitKind.SUPERVISORY_CHECK else Counter.ENFORCEMENT
        self.demands.append(
            VisitDemand(
                f"D{n}",
                e.id,
                agency.id,
                count,
                periods,
                responsible,
                cooperating,
                category,
                kind,
                counter,
                preferred,
                persons,
                days,
            )
        )

    def plan(self, agency: Agency, e: Enterprise, key_rate: float, general_share: float) -> None:
        """Key units get 2–4 visits (some joint with the enforcement team or the 办公室); a sample of the
        others gets one visit in a window of one to four quarters."""
        rng, key = self.rng, self.owner[e.id]
        office, team = self.office_ids[agency.id, key], self.office_ids[agency.id, "team"]
        mine = e.industry in (Industry.COAL_MINE, Industry.NONCOAL_MINE)
        is_key = rng.random() < (
            0.7 if e.industry == Industry.COAL_MINE else 2.5 * key_rate if mine else key_rate
        )
        if is_key:
            count, periods = rng.choice(
                [
                    (2, quarters(2, 4)),
                    (2, quarters(1, 3)),
                    (4, quarters(1, 2, 3, 4)),
                    (1, quarters(1, 2, 3)),
                    (2, quarters(2, 3, 4)),
                ]
            )
            persons = 3 if e.industry == Industry.COAL_MINE and agency.level != Level.COUNTY else 0
            # multi-day key visits as workday sheets cost them (a mine 2–2.5 days, hazchem 1.5 days)
            days = KEY_DAYS.get(e.industry, Decimal(1))
            self.demand(agency, e, key, count, periods, (office,), (team,), persons=persons, days=days)
            r = rng.random()
            if r < 0.3:
                c2, p2 = rng.choice(
                    [(1, quarters(3)), (1, quarters(2, 3)), (2, quarters(2, 4)), (1, WHOLE_YEAR)]
                )
                self.demand(agency, e, "team", c2, p2, (team,))
            elif r < 0.4:
                self.demand(
                    agency, e, "office", 1, quarters(1, 2, 3, 4), (self.office_ids[agency.id, "office"],)
                )
            elif r < 0.43:
                self.demand(
                    agency,
                    e,
                    key,
                    1,
                    quarters(rng.randint(1, 4)),
                    (office,),
                    kind=VisitKind.SUPERVISORY_CHECK,
                )
        elif rng.random() < general_share:
            q = rng.sample([1, 2, 3, 4], rng.choice([1, 1, 2, 3, 4]))
            owner = team if rng.random() < 0.5 else office
            self.demand(agency, e, key, 1, quarters(*sorted(q)), (owner,), category="general")

    def spot_check(self, agency: Agency, e: Enterprise) -> None:
        """An upper level's visit to a lower level's unit (counts against the same cap)."""
        key = self.owner[e.id]
        self.demand(
            agency,
            e,
            key,
            1,
            quarters(self.rng.randint(1, 4)),
            (self.office_ids[agency.id, key],),
            (self.office_ids[agency.id, "team"],),
            category="general",
        )

    def outside_visits(self, share: float) -> None:
        """Visits already fixed by levels outside the problem, and weekly specialist patrols at coal mines."""
        agency_of = {o.id: o.agency_id for o in self.offices}
        free = {s.id: 2 for s in self.officers if s.officer.is_mine_specialist}  # each covers two mines
        patrolled: set[tuple[int, dt.date]] = set()
        by_week: dict[dt.date, list[dt.date]] = {}
        for t in self.days:
            by_week.setdefault(t - dt.timedelta(days=t.weekday()), []).append(t)
        for e in self.enterprises:
            if self.rng.random() < share:
                day = self.rng.choice(self.days)
                self.fixed.append(
                    FixedVisit(f"F{len(self.fixed) + 1}", e.id, day, None, label="上级已定检查")
                )
            if e.industry != Industry.COAL_MINE:
                continue
            s = next(
                (
                    s
                    for s in self.officers
                    if free.get(s.id) and agency_of[s.officer.office_id] == e.agency_id
                ),
                None,
            )
            if s is None:
                continue
            free[s.id] -= 1
            for week_days in by_week.values():
                days = [t for t in week_days if t not in s.unavailable and (s.id, t) not in patrolled]
                if days and self.rng.random() < 0.8:
                    day = self.rng.choice(days)
                    patrolled.add((s.id, day))
                    self.fixed.append(
                        FixedVisit(
                            f"P{len(self.fixed) + 1}",
                            e.id,
                            day,
                            e.agency_id,
                            VisitKind.SPECIALIST_PATROL,
                            Counter.NONE,
                            False,
                            (s.id,),
                            label="专员入矿巡查",
                        )
                    )

    def recusals(self) -> None:
        ids = [e.id for e in self.enterprises]
        self.officers = [
            OfficerSupply(s.officer, s.capacity_days, s.unavailable, frozenset(self.rng.sample(ids, 2)))
            for s in self.officers
        ]

    def caps(self) -> dict[tuple[int, str], int]:
        """Caps that fit the plan: most with headroom, some exactly at the merged need (forcing joint entries)."""
        need: dict[int, int] = {}
        widest: dict[int, int] = {}
        for d in self.demands:
            if d.counter == Counter.ENFORCEMENT:
                need[d.enterprise_id] = need.get(d.enterprise_id, 0) + d.count
                widest[d.enterprise_id] = max(widest.get(d.enterprise_id, 0), d.count)
        fixed: dict[int, int] = {}
        for f in self.fixed:
            if f.counter == Counter.ENFORCEMENT:
                need[f.enterprise_id] = need.get(f.enterprise_id, 0) + 1
                fixed[f.enterprise_id] = fixed.get(f.enterprise_id, 0) + 1
        windows: dict[int, set[tuple[tuple[int, ...], ...]]] = {}
        for d in self.demands:
            if d.counter == Counter.ENFORCEMENT:
                windows.setdefault(d.enterprise_id, set()).add(d.periods)
        # a tight cap only where every demand has the same windows, so merging them always fits
        shared = {ent for ent, w in windows.items() if len(w) == 1}
        caps = {}
        for e in self.enterprises:
            n = need.get(e.id, 0)
            drawn = self.rng.choice([2, 4, 6, 8, 12])
            tight = self.rng.random() < 0.5 and e.id in shared and n > widest.get(e.id, 0)
            caps[e.id, str(Counter.ENFORCEMENT)] = (
                widest[e.id] + fixed.get(e.id, 0) if tight else max(n, drawn)
            )
            caps[e.id, str(Counter.SUPERVISORY)] = 3
        return caps

    def problem(self) -> ScheduleProblem:
        return ScheduleProblem(
            YEAR,
            self.days,
            tuple(self.agencies),
            tuple(self.offices),
            tuple(self.officers),
            tuple(self.enterprises),
            tuple(self.demands),
            self.rules,
            tuple(self.fixed),
            self.caps(),
        )


def districts(region: str, n: int) -> list[str]:
    return [f"{region}{i + 1:03d}" for i in range(n)]


def synthetic_bureau(size: str, seed: int = 1, pack: str = "shanxi") -> ScheduleProblem:
    """A reproducible bureau of the given size; the same (size, seed) always gives the same problem."""
    spec = SIZES[size]
    b = _Builder(seed * 1000 + spec.seed_offset, pack)
    if size == "county":
        a = b.agency("合成县应急管理局", Level.COUNTY, None, "149901")
        for _ in range(spec.enterprises):
            b.plan(a, b.enterprise(a, b.rng.choice(districts("149901", 10))), 0.14, 0.55)
        b.staff(a, spec.officers)
    elif size == "city":
        a = b.agency("合成市应急管理局", Level.CITY, None, "149900")
        for _ in range(spec.enterprises):
            b.plan(a, b.enterprise(a, b.rng.choice(districts("1499", 13))), 0.045, 0.15)
        b.staff(a, spec.officers)
    else:
        prov = b.agency("合成省应急管理厅", Level.PROVINCE, None, "140000")
        city = b.agency("合成市应急管理局", Level.CITY, prov.id, "149900")
        counties = [
            b.agency(f"合成{i + 1}县应急管理局", Level.COUNTY, city.id, f"1499{i + 1:02d}") for i in range(8)
        ]
        for _ in range(3000):
            b.plan(city, b.enterprise(city, b.rng.choice(districts("1499", 13))), 0.04, 0.1)
        for c in counties:
            for _ in range((spec.enterprises - 3000) // len(counties)):
                b.plan(c, b.enterprise(c, b.rng.choice(districts(c.region_code, 10))), 0.045, 0.16)
        county_units = [e for e in b.enterprises if e.agency_id not in (prov.id, city.id)]
        for e in b.rng.sample(county_units, 600):
            b.spot_check(city, e)
        for e in b.rng.sample(b.enterprises, 300):
            b.spot_check(prov, e)
        for agency, n in zip([prov, city, *counties], [24, 76] + [38] * 4 + [37] * 4, strict=True):
            b.staff(agency, n)
    b.outside_visits(0.03 if size != "province" else 0.01)
    b.recusals()
    return b.problem()
