"""Plan review (计划审查): every check family over a computed workday sheet, returning findings.

Each family is `check_<family>(result, pack) -> list[Finding]`; `CHECKS` names them all in the order they are
reported. `review_sheet` runs them (or a chosen subset) and guarantees every finding carries a code, a
severity, a place and a Chinese message from a module constant, plus the legal basis when one exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from anjian.planning.review.arithmetic import (
    check_overtime,
    check_residual,
    check_statutory_workdays,
    check_sums,
)
from anjian.planning.review.categories import check_kinds, check_numbering, check_work_categories
from anjian.planning.review.factors import check_lump_sums, check_missing_factors
from anjian.planning.review.findings import SEVERITY_LABELS, Finding, Severity, Where
from anjian.planning.review.plan import check_counts, check_plan_visits, check_windows
from anjian.planning.review.shares import check_shares
from anjian.planning.review.staffing import check_staffing
from anjian.planning.rules import RulePack
from anjian.planning.workdays.compute import SheetResult, compute_sheet
from anjian.planning.workdays.model import WorkdaySheet

Check = Callable[[SheetResult, RulePack], list[Finding]]

CHECKS: dict[str, Check] = {
    "statutory_workdays": check_statutory_workdays,
    "sums": check_sums,
    "overtime": check_overtime,
    "residual": check_residual,
    "staffing": check_staffing,
    "shares": check_shares,
    "kinds": check_kinds,
    "work_categories": check_work_categories,
    "numbering": check_numbering,
    "missing_factors": check_missing_factors,
    "lump_sums": check_lump_sums,
    "plan_visits": check_plan_visits,
    "counts": check_counts,
    "windows": check_windows,
}
# What `anjian workdays` reports beside the figures: the arithmetic and the capacity, not the full review.
ARITHMETIC_CHECKS = ("statutory_workdays", "sums", "overtime")


def review_result(
    result: SheetResult, pack: RulePack, checks: Iterable[str] | None = None
) -> tuple[Finding, ...]:
    names = list(CHECKS) if checks is None else list(checks)
    findings: list[Finding] = []
    for name in names:
        findings += CHECKS[name](result, pack)
    return tuple(findings)


def review_sheet(
    sheet: WorkdaySheet, pack: RulePack, checks: Iterable[str] | None = None
) -> tuple[Finding, ...]:
    """Compute `sheet` under `pack` and run the checks (all by default), in CHECKS order."""
    return review_result(compute_sheet(sheet, pack), pack, checks)


__all__ = [
    "ARITHMETIC_CHECKS",
    "CHECKS",
    "SEVERITY_LABELS",
    "Finding",
    "Severity",
    "Where",
    "review_result",
    "review_sheet",
]
