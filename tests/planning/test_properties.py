"""Invariants that hold for any input (hypothesis): draws, the calendar, and the scheduler against its validator.
(The cap ledger's invariant is in test_ledger_justification.py.)"""

import datetime as dt
from collections import Counter
from decimal import ROUND_CEILING, Decimal

import chinese_calendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anjian.planning.calendar import _library, has_notice, year_calendar
from anjian.planning.facts import Officer
from anjian.planning.lottery import Recusal, draw
from anjian.planning.quotas import PoolEntry, QuotaRule, resolve_quotas
from anjian.planning.rules import load_pack
from anjian.planning.schedule.inputs import quarters
from anjian.planning.schedule.result import Status
from anjian.planning.schedule.solve import schedule
from anjian.planning.schedule.validate import validate

from .schedule.builders import HAZCHEM, TEAM, demand, problem

DAY = dt.date(2025, 3, 3)
NATIONAL = load_pack("national")
STRATA = ["煤矿", "非煤矿山", "危险化学品", "冶金工贸"]


@st.composite
def officers(draw_):
    n = draw_(st.integers(0, 8))
    staff = []
    for i in range(1, n + 1):
        state = draw_(st.sampled_from(["valid", "valid", "valid", "expired", "uncertified", "ineligible"]))
        staff.append(
            Officer(
                i, 1, f"执法员{i}",
                "" if state == "uncertified" else f"1400{i:05d}",
                dt.date(2025, 3, 2) if state == "expired" else dt.date(2027, 12, 31),
                enforcement_eligible=state != "ineligible",
            )
        )  # fmt: skip
    return staff


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sizes=st.lists(st.integers(0, 12), min_size=len(STRATA), max_size=len(STRATA)),
    minimum=st.integers(0, 5),
    ratio=st.sampled_from([None, "0.05", "0.1", "0.5"]),
    asked=st.dictionaries(st.sampled_from(STRATA), st.integers(0, 15), max_size=2),
    staff=officers(),
    recused=st.lists(st.tuples(st.integers(1, 8), st.integers(1, 60)), max_size=10),
    seed=st.text(min_size=1, max_size=20),
    k=st.integers(1, 3),
)
def test_a_draw_takes_the_quota_from_its_stratum_with_distinct_eligible_officers(
    sizes, minimum, ratio, asked, staff, recused, seed, k
):
    pool, eid = [], 0
    for stratum, size in zip(STRATA, sizes, strict=True):
        for _ in range(size):
            eid += 1
            pool.append(PoolEntry(eid, f"企业{eid}", stratum))
    rule = QuotaRule("q", "intra", None, None if ratio is None else Decimal(ratio), minimum, "")
    quotas, _ = resolve_quotas(pool, [rule], asked)
    recusals = [Recusal(o, e, "回避") for o, e in recused]
    outcome = draw(pool, quotas, seed, officers=staff, recusals=recusals, draw_date=DAY, inspectors_per_unit=k,
                   scope="intra")  # fmt: skip
    result = outcome.record.result
    stratum_of = {p.enterprise_id: p.stratum for p in pool}
    assert len({u.enterprise_id for u in result}) == len(result)  # no unit drawn twice
    drawn = Counter(u.stratum for u in result)
    for q in quotas:
        size = sizes[STRATA.index(q.stratum)] if q.stratum in STRATA else 0
        # the quota: n = min(pool, max(⌈ratio × pool⌉, minimum, asked)), recomputed here
        by_ratio = 0 if ratio is None else int((Decimal(ratio) * size).to_integral_value(ROUND_CEILING))
        assert q.n == min(size, max(by_ratio, minimum, asked.get(q.stratum, 0)))
        assert drawn[q.stratum] == q.n
    assert all(stratum_of[u.enterprise_id] == u.stratum for u in result)
    eligible = {o.id for o in staff if o.certified_on(DAY)}
    recused_at = {(o, e) for o, e in recused}
    short = {f.enterprise_id for f in outcome.findings if f.code == "draw_too_few_officers"}
    for u in result:
        assert len(set(u.officer_ids)) == len(u.officer_ids) <= k
        assert set(u.officer_ids) <= eligible
        assert not any((o, u.enterprise_id) in recused_at for o in u.officer_ids)
        available = len(eligible - {o for o, e in recused_at if e == u.enterprise_id})
        assert len(u.officer_ids) == min(k, available)
        assert (u.enterprise_id in short) == (available < k)


FIRST, LAST = _library()[1:]
NOTICE_YEARS = sorted(
    {int(key.split(".")[2]) for key in NATIONAL.rules if key.startswith("calendar.notices.")}
)


@settings(max_examples=40, deadline=None)
@given(year=st.sampled_from(sorted(set(range(max(FIRST, 2008), LAST + 1)) | set(NOTICE_YEARS))))
def test_calendar_workdays_are_days_minus_weekends_minus_days_off_plus_makeup_days(year):
    cal = year_calendar(year, NATIONAL)
    days = [
        dt.date(year, 1, 1) + dt.timedelta(n)
        for n in range((dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days)
    ]
    weekends = {d for d in days if d.weekday() >= 5}
    off_weekdays = {d.day for d in cal.days_off} - weekends
    makeup = {d.day for d in cal.makeup_workdays}
    assert makeup <= weekends  # a make-up workday is always a Saturday or Sunday
    assert cal.calendar_workdays == len(days) - len(weekends) - len(off_weekdays) + len(makeup)
    assert cal.statutory.days_in_year == len(days) and cal.statutory.weekend_days == len(weekends)
    if not has_notice(year, NATIONAL):  # the library's own day-by-day answer is an independent oracle
        assert {d for d in days if chinese_calendar.is_workday(d)} == set(cal.workdays())


DEMANDS = st.lists(
    st.tuples(
        st.sampled_from([101, 102]),
        st.integers(1, 3),
        st.sets(st.integers(1, 4), min_size=1, max_size=4),
        st.sampled_from([HAZCHEM, TEAM]),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(demands=DEMANDS)
def test_every_schedule_the_solver_returns_passes_the_independent_validator(demands):
    p = problem(
        [demand(f"D{i}", e, n, quarters(*sorted(q)), office=o) for i, (e, n, q, o) in enumerate(demands)]
    )
    result = schedule(p, 5, workers=1)
    errors = [f for f in validate(p, result.visits, result.quiet_windows) if f.is_error]
    if result.status in (Status.OPTIMAL, Status.FEASIBLE):
        assert errors == []
    else:  # a partial schedule only lacks visits; what it placed breaks no rule
        assert {f.code for f in errors} <= {"demand_short"}
