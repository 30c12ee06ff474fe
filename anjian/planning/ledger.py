"""The cap ledger: all levels' visits to each enterprise in one year against its cap (docs/business-rules.md §6).

Contract of `build_ledger(enterprises, tallies, *, pack, on, justifications=())`:
- `tallies` hold every level's planned and actual visits, the planning agency's own plan included (see
  `planned_tallies`). A level's use of an enterprise, per kind, is max(planned, actual); the counted total
  sums the kinds in `caps.counted_kinds` (plus reviews when `caps.count_reviews`) over the levels in
  `caps.levels_summed`. Remote checks, specialist entries and specials deployed from above never count;
  uncounted reviews are shown apart.
- Per enterprise: the cap and its citation (caps.py), the use by each level, the headroom. Total == cap →
  warning (no headroom for any other level); total > cap → error, unless a Justification with a non-empty
  text is recorded → warning that names it. A mine without a class → error (planning is blocked).
- 督导检查 have their own counter against `supervisory_check.max_per_year` when the pack sets it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from anjian.planning.caps import Cap, cap_for
from anjian.planning.classify import LEVEL_LABELS
from anjian.planning.facts import Enterprise, Level
from anjian.planning.findings import Finding, Severity
from anjian.planning.frequency import FrequencyResult
from anjian.planning.rules import RulePack

LEDGER_AT_CAP = (
    "{name}：各级全年检查合计{total}次（{used}），已达到频次上限{cap}次（{label}），其他层级无余量"
)
LEDGER_OVER_CAP = (
    "{name}：各级全年检查合计{total}次（{used}），超过频次上限{cap}次（{label}），须记录合法理由"
)
LEDGER_OVER_CAP_JUSTIFIED = "{name}：合计{total}次超过频次上限{cap}次（{label}），已记录理由：{text}（{by}）"
LEDGER_JUSTIFICATION_EMPTY = "{name}的超上限理由为空，未予采纳"
LEDGER_SUPERVISORY_AT_CAP = "{name}：全年督导检查{total}次（{used}），已达到每企每年{cap}次的上限"
LEDGER_SUPERVISORY_OVER_CAP = "{name}：全年督导检查{total}次（{used}），超过每企每年{cap}次的上限"

LEVELS = (Level.PROVINCE, Level.CITY, Level.COUNTY)


class VisitKind(StrEnum):
    ROUTINE = "routine"  # 日常检查
    CASE = "case"  # 个案检查
    SPECIAL = "special"  # 专项检查
    SPECIAL_FROM_ABOVE = "special_from_above"  # 上级部署的专项检查
    REVIEW = "review"  # 复查
    REMOTE = "remote"  # 非现场监管
    SPECIALIST_ENTRY = "specialist_entry"  # 矿山安全监管专员入矿
    SUPERVISORY_CHECK = "supervisory_check"  # 督导检查


class LineStatus(StrEnum):
    OK = "ok"
    AT_CAP = "at_cap"
    OVER_CAP = "over_cap"  # refused
    JUSTIFIED = "justified"  # over the cap with a recorded justification
    NO_CAP = "no_cap"
    BLOCKED = "blocked"  # the cap cannot be known (mine without a class)


@dataclass(frozen=True)
class VisitTally:
    """One level's planned and actual visits of one kind to one enterprise in the year."""

    enterprise_id: int
    level: Level
    planned: int = 0
    actual: int = 0
    kind: VisitKind = VisitKind.ROUTINE
    agency_id: int | None = None


@dataclass(frozen=True)
class Justification:
    """Why an enterprise may be visited above its cap (a documented legal exception)."""

    enterprise_id: int
    text: str
    by: str


@dataclass(frozen=True)
class LedgerLine:
    enterprise_id: int
    cap: Cap
    used: tuple[tuple[Level, int], ...]  # counted visits per level, province first
    total: int
    headroom: int | None
    status: LineStatus
    reviews: int = 0  # reviews recorded apart (when not counted)
    supervisory_checks: int = 0
    supervisory_cap: int | None = None
    justification: Justification | None = None

    def used_by(self, level: Level) -> int:
        return dict(self.used).get(level, 0)


@dataclass(frozen=True)
class Ledger:
    lines: tuple[LedgerLine, ...]
    findings: tuple[Finding, ...]

    def line(self, enterprise_id: int) -> LedgerLine | None:
        return next((x for x in self.lines if x.enterprise_id == enterprise_id), None)

    @property
    def blocked(self) -> bool:
        return any(f.severity == Severity.ERROR for f in self.findings)


def planned_tallies(
    result: FrequencyResult, level: Level, agency_id: int | None = None
) -> tuple[VisitTally, ...]:
    """The planning agency's own plan as ledger input (routine visits at its level)."""
    return tuple(
        VisitTally(f.enterprise_id, level, planned=f.visits, agency_id=agency_id) for f in result.frequencies
    )


def _used_text(used: Iterable[tuple[Level, int]]) -> str:
    return "、".join(f"{LEVEL_LABELS[lv]}{n}次" for lv, n in used)


@dataclass(frozen=True)
class _Limit:
    cap: int
    label: str
    basis: str
    codes: tuple[str, str]  # at the cap, over it
    messages: tuple[str, str]


def _judge(
    e: Enterprise, used: tuple[tuple[Level, int], ...], limit: _Limit, just: Justification | None
) -> tuple[LineStatus, Finding | None]:
    """At the cap → warning; above it → error, or a warning naming the recorded justification."""
    total = sum(n for _, n in used)
    fields = {
        "name": e.name,
        "total": total,
        "cap": limit.cap,
        "label": limit.label,
        "used": _used_text(used),
    }
    if total < limit.cap:
        return LineStatus.OK, None
    if total == limit.cap:
        msg = limit.messages[0].format(**fields)
        return LineStatus.AT_CAP, Finding(
            limit.codes[0], Severity.WARNING, "", msg, enterprise_id=e.id, basis=limit.basis, source="ledger"
        )
    if just is not None:
        msg = LEDGER_OVER_CAP_JUSTIFIED.format(**fields, text=just.text.strip(), by=just.by)
        code = limit.codes[1] + "_justified"
        return LineStatus.JUSTIFIED, Finding(
            code, Severity.WARNING, "", msg, enterprise_id=e.id, basis=limit.basis, source="ledger"
        )
    msg = limit.messages[1].format(**fields)
    return LineStatus.OVER_CAP, Finding(
        limit.codes[1], Severity.ERROR, "", msg, enterprise_id=e.id, basis=limit.basis, source="ledger"
    )


def _justification(
    e: Enterprise, given: Iterable[Justification], findings: list[Finding]
) -> Justification | None:
    chosen = None
    for j in given:
        if j.enterprise_id != e.id:
            continue
        if j.text.strip():
            chosen = j
        else:
            msg = LEDGER_JUSTIFICATION_EMPTY.format(name=e.name)
            findings.append(
                Finding(
                    "ledger_justification_empty", Severity.ERROR, "", msg, enterprise_id=e.id, source="ledger"
                )
            )
    return chosen


def build_ledger(
    enterprises: Iterable[Enterprise],
    tallies: Iterable[VisitTally],
    *,
    pack: RulePack,
    on: dt.date,
    justifications: Iterable[Justification] = (),
) -> Ledger:
    """One LedgerLine per enterprise, in input order, with the findings (see the module contract)."""
    counted = {VisitKind(k) for k in pack.value("caps.counted_kinds")}
    if pack.get("caps.count_reviews", False):
        counted.add(VisitKind.REVIEW)
    summed = [lv for lv in LEVELS if lv.value in pack.value("caps.levels_summed")]
    use: dict[tuple[int, Level, VisitKind], list[int]] = defaultdict(lambda: [0, 0])
    for t in tallies:
        cell = use[(t.enterprise_id, t.level, t.kind)]
        cell[0] += t.planned
        cell[1] += t.actual

    def level_use(eid: int, kinds: set[VisitKind], levels: Iterable[Level]) -> tuple[tuple[Level, int], ...]:
        return tuple((lv, sum(max(use[(eid, lv, k)]) for k in kinds if (eid, lv, k) in use)) for lv in levels)

    supervisory: _Limit | None = None
    if (sup_cap := pack.get("supervisory_check.max_per_year")) is not None:
        supervisory = _Limit(
            int(sup_cap), "督导检查", pack.rule("supervisory_check.max_per_year").citation,
            ("ledger_supervisory_at_cap", "ledger_supervisory_over_cap"),
            (LEDGER_SUPERVISORY_AT_CAP, LEDGER_SUPERVISORY_OVER_CAP),
        )  # fmt: skip
    lines: list[LedgerLine] = []
    findings: list[Finding] = []
    for e in enterprises:
        just = _justification(e, justifications, findings)
        used = level_use(e.id, counted, summed)
        total = sum(n for _, n in used)
        reviews = (
            0
            if VisitKind.REVIEW in counted
            else sum(n for _, n in level_use(e.id, {VisitKind.REVIEW}, LEVELS))
        )
        sup_used = level_use(e.id, {VisitKind.SUPERVISORY_CHECK}, LEVELS)
        cap = cap_for(e, pack, on)
        findings.extend(cap.findings)
        status = LineStatus.BLOCKED if cap.blocked else LineStatus.NO_CAP
        judged = []
        if cap.value is not None:
            limit = _Limit(cap.value, cap.label, cap.basis, ("ledger_at_cap", "ledger_over_cap"),
                           (LEDGER_AT_CAP, LEDGER_OVER_CAP))  # fmt: skip
            status, finding = _judge(e, used, limit, just)
            judged.append(finding)
        if supervisory is not None:
            judged.append(_judge(e, sup_used, supervisory, just)[1])
        findings.extend(f for f in judged if f is not None)
        line = LedgerLine(
            e.id, cap, used, total, None if cap.value is None else cap.value - total, status, reviews,
            sum(n for _, n in sup_used), supervisory.cap if supervisory else None, just,
        )  # fmt: skip
        lines.append(line)
    return Ledger(tuple(lines), tuple(findings))
