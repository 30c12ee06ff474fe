"""Checks before an inspection is recorded: cap, quiet period, upper level first, officers (docs/business-rules.md §6, §9).

Contract of `check_entry(visit, enterprise, *, pack, tallies, month_entry_days, upper_entries, officers)`:
- cap: the visit is added as one actual visit of its level to `tallies` (every level's planned and actual
  visits of the year, this visit excluded) and the core cap ledger judges the enterprise; above the cap →
  `entry_over_cap`. Remote checks and uncounted kinds never change the count.
- quiet period (`schedule.quiet_period.*`): for an on-site visit of a kind not exempt, with the pack's fixed
  window the visit may not fall inside it; otherwise the month must keep a run of at least `days_per_month`
  consecutive calendar days with no entry once this visit is added → `entry_quiet_period`.
- upper level first: an on-site entry by a higher level within `execution.entry.upper_level_recent_days`
  before the visit → `entry_upper_level_recent` (reviews are exempt).
These three are warnings that a recorded approval may overrule (`needs_approval`). Fewer than
`schedule.officers.min_per_visit` officers holding a certificate valid on the day is an error no approval
overrules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from anjian.planning.classify import LEVEL_LABELS, LEVEL_RANK
from anjian.planning.facts import Enterprise, Level
from anjian.planning.findings import Finding, Severity
from anjian.planning.ledger import LineStatus, VisitKind, VisitTally, build_ledger
from anjian.planning.rules import RulePack
from anjian.planning.schedule.periods import longest_free_run, month_length

ENTRY_OVER_CAP = "{name}：加上本次检查，各级全年检查合计{total}次（{used}），超过频次上限{cap}次（{label}），须经批准方可检查"
ENTRY_QUIET_PERIOD = (
    "{name}：{date}的检查落在企业安静期（每月不少于{days}日不入企，本月{detail}），须经{approval}方可检查"
)
ENTRY_UPPER_LEVEL_RECENT = (
    "{name}：{agency}（{level}）已于{date}入企检查，{days}日内下级原则上不再重复检查，须经批准方可检查"
)
ENTRY_OFFICERS_SHORT = "{date}的检查仅有{valid}名持有效执法证的执法人员（{names}），至少须{min}人"
ENTRY_CERTIFICATE_INVALID = "执法人员{name}的执法证{problem}，不计入本次检查人数"

APPROVAL_CODES = frozenset({"entry_over_cap", "entry_quiet_period", "entry_upper_level_recent"})


@dataclass(frozen=True)
class ProposedVisit:
    enterprise_id: int
    date: dt.date
    level: Level
    kind: str = VisitKind.ROUTINE  # a VisitKind, or another kind the ledger does not count (verification)
    on_site: bool = True
    agency_id: int | None = None

    @property
    def ledger_kind(self) -> VisitKind | None:
        """The kind the cap ledger books; None for a kind it does not know (never counted)."""
        if not self.on_site:
            return VisitKind.REMOTE
        return VisitKind(self.kind) if self.kind in {k.value for k in VisitKind} else None


@dataclass(frozen=True)
class OfficerOnDuty:
    name: str
    certificate_no: str
    valid_until: dt.date | None


@dataclass(frozen=True)
class UpperEntry:
    """An on-site entry into the enterprise by another agency (its level and name)."""

    date: dt.date
    level: Level
    agency: str
    kind: VisitKind = VisitKind.ROUTINE


@dataclass(frozen=True)
class EntryCheck:
    findings: tuple[Finding, ...]

    @property
    def needs_approval(self) -> bool:
        return any(f.code in APPROVAL_CODES for f in self.findings)

    @property
    def blocked(self) -> bool:
        return any(f.severity == Severity.ERROR for f in self.findings)

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]


def _cap(v: ProposedVisit, e: Enterprise, pack: RulePack, tallies: Iterable[VisitTally]) -> Finding | None:
    if v.ledger_kind is None:
        return None
    mine = VisitTally(v.enterprise_id, v.level, actual=1, kind=v.ledger_kind, agency_id=v.agency_id)
    ledger = build_ledger([e], [*tallies, mine], pack=pack, on=v.date)
    line = ledger.line(e.id)
    if line is None or line.status != LineStatus.OVER_CAP or line.cap.value is None:
        return None
    used = "、".join(f"{LEVEL_LABELS[lv]}{n}次" for lv, n in line.used)
    msg = ENTRY_OVER_CAP.format(
        name=e.name, total=line.total, used=used, cap=line.cap.value, label=line.cap.label
    )
    return _found("entry_over_cap", Severity.WARNING, e.id, str(v.date), msg, line.cap.basis)


def _quiet(v: ProposedVisit, e: Enterprise, pack: RulePack, entry_days: Iterable[int]) -> Finding | None:
    days = int(pack.value("schedule.quiet_period.days_per_month"))
    exempt = {str(k) for k in pack.value("schedule.quiet_period.exempt_kinds")}
    if days <= 0 or not v.on_site or v.kind in exempt or v.kind == VisitKind.SPECIALIST_ENTRY:
        return None
    y, m, d = v.date.year, v.date.month, v.date.day
    if str(pack.value("schedule.quiet_period.mode")) == "fixed":
        first = int(pack.value("schedule.quiet_period.fixed_first_day"))
        last = min(first + days - 1, month_length(y, m))
        if not first <= d <= last:
            return None
        detail = f"安静期为{m}月{first}日至{last}日"
    else:
        length, first, last = longest_free_run(y, m, {*entry_days, d})
        if length >= days:
            return None
        detail = f"加上本次后最长连续无检查仅{length}日" if length else "加上本次后已无连续无检查日"
    rule = pack.rule("schedule.quiet_period.days_per_month")
    approval = str(pack.get("schedule.quiet_period.exception_approval", "本单位主要负责人批准"))
    msg = ENTRY_QUIET_PERIOD.format(name=e.name, date=v.date, days=days, detail=detail, approval=approval)
    return _found("entry_quiet_period", Severity.WARNING, e.id, str(v.date), msg, rule.citation)


def _upper(v: ProposedVisit, e: Enterprise, pack: RulePack, upper: Iterable[UpperEntry]) -> Finding | None:
    if v.kind == VisitKind.REVIEW or not v.on_site:
        return None
    rule = pack.rule("execution.entry.upper_level_recent_days")
    window = int(rule.value)
    recent = [
        u for u in upper
        if LEVEL_RANK[u.level] > LEVEL_RANK[v.level] and u.kind != VisitKind.REMOTE
        and 0 <= (v.date - u.date).days <= window
    ]  # fmt: skip
    if not recent:
        return None
    last = max(recent, key=lambda u: u.date)
    msg = ENTRY_UPPER_LEVEL_RECENT.format(
        name=e.name, agency=last.agency, level=LEVEL_LABELS[last.level], date=last.date, days=window
    )
    return _found("entry_upper_level_recent", Severity.WARNING, e.id, str(v.date), msg, rule.citation)


def _officers(v: ProposedVisit, pack: RulePack, officers: Sequence[OfficerOnDuty]) -> list[Finding]:
    rule = pack.rule("schedule.officers.min_per_visit")
    found, valid = [], []
    for o in officers:
        problem = ""
        if not o.certificate_no.strip():
            problem = "证号为空"
        elif o.valid_until is not None and o.valid_until < v.date:
            problem = f"已于{o.valid_until}过期"
        if problem:
            msg = ENTRY_CERTIFICATE_INVALID.format(name=o.name, problem=problem)
            found.append(
                _found(
                    "entry_certificate_invalid", Severity.WARNING, v.enterprise_id, o.name, msg, rule.citation
                )
            )
        else:
            valid.append(o)
    if len(valid) < int(rule.value):
        msg = ENTRY_OFFICERS_SHORT.format(
            date=v.date, valid=len(valid), names="、".join(o.name for o in valid) or "无", min=rule.value
        )
        found.append(
            _found("entry_officers_short", Severity.ERROR, v.enterprise_id, str(v.date), msg, rule.citation)
        )
    return found


def _found(
    code: str, severity: Severity, enterprise_id: int, where: str, message: str, basis: str
) -> Finding:
    """A finding of the entry check about one enterprise."""
    return Finding(code, severity, where, message, basis, "execution", enterprise_id=enterprise_id)


def check_entry(
    visit: ProposedVisit,
    enterprise: Enterprise,
    *,
    pack: RulePack,
    tallies: Iterable[VisitTally] = (),
    month_entry_days: Iterable[int] = (),
    upper_entries: Iterable[UpperEntry] = (),
    officers: Sequence[OfficerOnDuty] = (),
) -> EntryCheck:
    """Every finding on recording `visit` (see the module contract), officers first."""
    found = _officers(visit, pack, officers)
    for f in (
        _cap(visit, enterprise, pack, tallies),
        _quiet(visit, enterprise, pack, month_entry_days),
        _upper(visit, enterprise, pack, upper_entries),
    ):
        if f is not None:
            found.append(f)
    return EntryCheck(tuple(found))
