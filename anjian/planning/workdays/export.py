"""JSON-ready dictionaries of a computed sheet (what `anjian workdays --json` prints).

Numbers: a Decimal that is integral prints as a JSON integer, any other as a string with its exact digits
("2.5", "51.1"), so no figure passes through binary floating point.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from anjian.planning.calendar import StatutoryWorkdays
from anjian.planning.workdays.compute import Shares, SheetResult, TeamResult, Totals
from anjian.planning.workdays.model import SECTION_SEPARATOR, LineItem, TeamStated, number_text


def jnum(value: Decimal | int | None) -> int | str | None:
    """Integral → int, otherwise the exact decimal text; None stays None."""
    if value is None:
        return None
    d = Decimal(value)
    return int(d) if d == d.to_integral_value() else number_text(d)


def totals_json(t: Totals) -> dict[str, Any]:
    return {
        "officers": t.officers,
        "total_days": jnum(t.total_days),
        "supervision_days": jnum(t.supervision_days),
        "other_enforcement_days": jnum(t.other_enforcement_days),
        "non_enforcement_days": jnum(t.non_enforcement_days),
        "need_days": jnum(t.need_days),
        "overtime_days": jnum(t.overtime_days),
        "slack_days": jnum(t.slack_days),
        "residual_supervision_days": jnum(t.residual_supervision_days),
    }


def item_json(item: LineItem) -> dict[str, Any]:
    return {
        "category": item.category.value,
        "section": SECTION_SEPARATOR.join(item.section),
        "number": item.number,
        "label": item.label,
        "kind": item.kind,
        "sector": item.sector,
        "codes": list(item.codes),
        "factors": {name: jnum(v) for name, v in item.given_factors().items()},
        "lump": jnum(item.lump),
        "result": jnum(item.result),
        "stated": jnum(item.stated),
        "formula": item.formula(),
        "counts": {name: jnum(v) for name, v in item.counts},
        "note": item.note,
    }


def stated_json(stated: TeamStated) -> dict[str, Any]:
    return {
        name: jnum(getattr(stated, name))
        for name in TeamStated.__dataclass_fields__
        if getattr(stated, name) is not None
    }


def team_json(t: TeamResult) -> dict[str, Any]:
    team = t.team
    return {
        "id": team.id,
        "name": team.name,
        "is_enforcement_team": team.is_enforcement_team,
        "staff": team.staff,
        "staff_share": jnum(t.staff_share),
        **totals_json(t.totals),
        "stated": stated_json(team.stated),
        "sections": [
            {
                "category": s.category.value,
                "path": SECTION_SEPARATOR.join(s.path),
                "number": s.number,
                "computed": jnum(s.computed),
                "stated": jnum(s.stated),
            }
            for s in t.sections
        ],
        "items": [item_json(i) for i in team.items],
    }


def statutory_json(s: StatutoryWorkdays) -> dict[str, Any]:
    return {
        "days_in_year": s.days_in_year,
        "weekend_days": s.weekend_days,
        "holidays": s.holidays,
        "formula": s.formula(),
        "holiday_rule": s.holiday_rule,
    }


def shares_json(s: Shares | None, result: SheetResult) -> dict[str, Any] | None:
    if s is None:
        return None
    rule = result.share_rule
    return {
        "base": s.base,
        "source": s.source,
        "key_count": jnum(s.key_count),
        "general_count": jnum(s.general_count),
        "key": jnum(s.key),
        "general": jnum(s.general),
        "rounding": rule.rounding,
        "decimals": rule.decimals,
        "force_pair_to_100": rule.force_pair_to_100,
    }


def sheet_json(result: SheetResult, pack_id: str) -> dict[str, Any]:
    sheet = result.sheet
    return {
        "year": sheet.year,
        "pack": pack_id,
        "agency": sheet.agency,
        "title": sheet.title,
        "statutory_workdays": result.statutory.value,
        "calendar": statutory_json(result.statutory),
        "teams": [team_json(t) for t in result.teams],
        "consolidated": totals_json(result.consolidated),
        "shares": shares_json(result.shares, result),
    }
