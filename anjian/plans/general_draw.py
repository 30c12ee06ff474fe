"""The 双随机 draw of general units per sector and who inspects each drawn unit (the Lüliang 2024 plan §四, §五)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from anjian.planning.lottery import draw, make_seed
from anjian.planning.quotas import PoolEntry, quota_rules, resolve_quotas
from anjian.planning.rules import RulePack

from .bridge import Bureau
from .collect import FindingCollector
from .config import PlanConfig
from .models import Finding
from .sectors import sector_of

DRAW_CERTIFICATE_EXPIRED = "证件过期：{officers}的执法证在{day}已过期，不参加{year}年度的“双随机”抽取和检查"
GENERAL_UNKNOWN_OFFICE = "一般检查{stratum}的责任单位「{office}」不是本局的股室/科室或执法队"


def draw_general(
    config: PlanConfig,
    bureau: Bureau,
    general_ids: list[int],
    pack: RulePack,
    by: str,
    found: FindingCollector,
    year: int | None = None,
):
    """The 双随机 draw of general units per sector; with mode 'all' every general unit is taken.

    Inspectors are judged on the plan year's dates (its first day, or today when the year has begun), not on
    today's: an officer whose certificate lapses before the plan year is left out, by name, as 证件过期."""
    pool = [
        PoolEntry(e.id, e.name, sector_of(e.industry).label, e.uscc, e.district_code)
        for e in (bureau.by_id[i] for i in general_ids)
    ]
    requested = {g.stratum: g.units for g in config.general}
    if config.general_mode == "all":
        requested = {p.stratum: sum(1 for q in pool if q.stratum == p.stratum) for p in pool}
    quotas, quota_findings = resolve_quotas(pool, quota_rules(pack, "intra"), requested)
    for f in quota_findings:
        found.add("draw", f, bureau)
    seed = config.seed or make_seed()
    today = timezone.localdate()
    officers = bureau.officers
    if year is not None:
        day = (
            today
            if today.year == year
            else dt.date(year, 1, 1)
            if today.year < year
            else dt.date(year, 12, 31)
        )
        lapsed = [
            o for o in officers if o.enforcement_eligible and o.certificate_no and not o.certified_on(day)
        ]
        if lapsed:
            names = "、".join(f"{o.name}（有效期至{o.certificate_valid_until}）" for o in lapsed)
            found.append(Finding(source="draw", code="certificate_expired", severity="warning",
                                 message=DRAW_CERTIFICATE_EXPIRED.format(officers=names, day=day, year=year)))  # fmt: skip
        if day != today:  # the lottery itself judges on the draw date; here the plan year's date decides
            officers = tuple(o for o in officers if o not in lapsed)
    outcome = draw(
        pool, quotas, seed, officers=officers, draw_date=today,
        inspectors_per_unit=int(pack.value("lottery.inspectors_per_unit")), scope="intra", operator=by,
    )  # fmt: skip
    for f in outcome.findings:
        found.add("draw", f, bureau)
    return outcome.record


def general_offices(
    config: PlanConfig, record, bureau: Bureau, found: FindingCollector
) -> dict[int, list[int]]:
    """Responsible offices of each drawn unit: the configured split in draw order, else the owning office."""
    split = {g.stratum: g.offices for g in config.general}
    offices: dict[int, list[int]] = {}
    by_stratum: dict[str, list] = {}
    for unit in sorted(record.result, key=lambda u: (u.stratum, u.rank)):
        by_stratum.setdefault(unit.stratum, []).append(unit)
    for stratum, units in by_stratum.items():
        plan = list(split.get(stratum, ()))
        for i, unit in enumerate(units):
            owner = bureau.by_id[unit.enterprise_id].owning_office_id
            offices[unit.enterprise_id] = [owner] if owner else []
            taken = 0
            for name, n in plan:
                taken += n
                if i < taken or (name, n) == plan[-1]:
                    if name not in bureau.office_names:
                        found.error(
                            "draw",
                            "general_unknown_office",
                            GENERAL_UNKNOWN_OFFICE.format(stratum=stratum, office=name),
                        )
                    else:
                        offices[unit.enterprise_id] = [bureau.office_names[name]]
                    break
    return offices
