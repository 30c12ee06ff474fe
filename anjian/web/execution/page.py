"""What every 计划执行 page shares: its tabs, today's date, rule packs read once per request.

The scope querysets of these pages live in anjian/web/access.py with the others."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from anjian.accounts.scope import Scope
from anjian.planning.rules import RulePack
from anjian.plans.services import pack_for
from anjian.registry.models import Agency

TABS = (
    ("exec_inspections", "检查记录"), ("exec_hazards", "隐患与复查"), ("exec_penalties", "处罚公示"),
    ("exec_reports", "台账与报表"), ("exec_adjustments", "计划调整"), ("exec_weekly", "周调度"),
    ("exec_items", "检查事项清单"), ("exec_contacts", "基层联系点"),
)  # fmt: skip


def today() -> dt.date:
    return timezone.localdate()


class Packs:
    """Rule packs by agency, each ruleset read once per request (a page judges many rows against them)."""

    def __init__(self) -> None:
        self._by_ruleset: dict[str, RulePack] = {}

    def __call__(self, agency: Agency) -> RulePack:
        if agency.ruleset not in self._by_ruleset:
            self._by_ruleset[agency.ruleset] = pack_for(agency)
        return self._by_ruleset[agency.ruleset]


def tab_context(scope: Scope, tab: str, **extra) -> dict:
    return {"tabs": TABS, "tab": tab, "multi_agency": len(scope.agency_ids) > 1, **extra}
