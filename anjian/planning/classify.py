"""Key vs general classification of the enterprises a planning agency may plan (docs/business-rules.md §5).

Contract of `classify`:
- One `Classification` per enterprise the agency may plan, in input order. An enterprise supervised by a
  higher level (one enterprise, one level), outside the agency's remit, or closed is left out with a Finding.
- Flags and dated RiskFacts are read on the pack's reference date of the plan year; event facts (accidents,
  major hazards found, ordered shutdowns) count when they happened inside the pack's window for their kind.
- `proposed_reasons` hold every reason that applies (see reasons.py); a unit with none is general
  (G_OWN_REMIT for the agency's own units, G_LOWER_LEVEL_SAMPLE for a lower level's).
- An Override with a non-empty reason sets the decision and is kept next to the proposal; one without a
  reason is refused with an error Finding and the proposal stands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from anjian.planning.facts import Agency, Enterprise, Level, OperatingStatus
from anjian.planning.findings import Finding, Severity
from anjian.planning.reasons import (
    CATEGORY_LABELS,
    Category,
    Reason,
    ReasonCode,
    make_reason,
    proposed_reasons,
    reference_date,
)
from anjian.planning.rules import RulePack

__all__ = [
    "Category",
    "Classification",
    "ClassifyResult",
    "Finding",
    "Override",
    "Reason",
    "ReasonCode",
    "Severity",
    "classify",
]

CLASSIFY_HIGHER_LEVEL = "{name}由{agency}（{level}）负责执法，按“一企一层级”不列入本级计划"
CLASSIFY_OUTSIDE_REMIT = "{name}由{agency}监管，不属于{planning}及其下级部门，不列入本级计划"
CLASSIFY_UNKNOWN_AGENCY = "{name}的监管部门（编号 {agency_id}）不在部门名录中，无法确定执法层级，未列入计划"
CLASSIFY_CLOSED = "{name}已关闭，不列入计划"
CLASSIFY_OVERRIDE_NO_REASON = "{name}的人工认定（{decision}）未填写理由，未予采纳，仍按系统建议（{proposed}）"
CLASSIFY_OVERRIDE_BAD_CODE = "{name}的人工认定理由代码 {code} 与认定结果（{decision}）不符，未予采纳"
CLASSIFY_OVERRIDE_UNKNOWN = "人工认定所指单位（编号 {enterprise_id}）不在本次认定范围内，未予采纳"

LEVEL_LABELS = {Level.PROVINCE: "省级", Level.CITY: "市级", Level.COUNTY: "县级"}
LEVEL_RANK = {Level.COUNTY: 1, Level.CITY: 2, Level.PROVINCE: 3}


@dataclass(frozen=True)
class Override:
    """A person's decision on one enterprise; `reason` must not be empty. `reason_code` defaults to
    K_OTHER (key) or G_OTHER (general); it may name a specific code, e.g. K_TRAINING_BODY."""

    enterprise_id: int
    decision: Category
    reason: str
    by: str
    reason_code: ReasonCode | None = None


@dataclass(frozen=True)
class Classification:
    enterprise_id: int
    proposed: Category
    proposed_reasons: tuple[Reason, ...]
    decision: Category
    reasons: tuple[Reason, ...]  # the decision's reasons; the proposal's unless an override changed them
    override: Override | None = None

    @property
    def is_key(self) -> bool:
        return self.decision == Category.KEY

    @property
    def overridden(self) -> bool:
        return self.override is not None

    @property
    def note(self) -> str:
        """备注: the first reason's text."""
        return self.reasons[0].text if self.reasons else ""

    @property
    def codes(self) -> tuple[ReasonCode, ...]:
        return tuple(r.code for r in self.reasons)


@dataclass(frozen=True)
class ClassifyResult:
    classifications: tuple[Classification, ...]
    findings: tuple[Finding, ...]
    reference_date: dt.date
    year: int

    def of(self, enterprise_id: int) -> Classification | None:
        return next((c for c in self.classifications if c.enterprise_id == enterprise_id), None)

    @property
    def key(self) -> tuple[Classification, ...]:
        return tuple(c for c in self.classifications if c.is_key)

    @property
    def general(self) -> tuple[Classification, ...]:
        return tuple(c for c in self.classifications if not c.is_key)


def _finding(code: str, severity: Severity, message: str, e: Enterprise | None, basis: str = "") -> Finding:
    return Finding(
        code, severity, "", message, enterprise_id=e.id if e else None, basis=basis, source="classify"
    )


def _remit(e: Enterprise, planning: Agency, agencies: Mapping[int, Agency], pack: RulePack) -> Finding | None:
    """None when `planning` may plan `e` (its own unit or a lower agency's); otherwise the reason why not."""
    if e.agency_id == planning.id:
        return None
    owner = agencies.get(e.agency_id)
    if owner is None:
        msg = CLASSIFY_UNKNOWN_AGENCY.format(name=e.name, agency_id=e.agency_id)
        return _finding("classify_unknown_agency", Severity.ERROR, msg, e)
    up: Agency | None = owner
    while up is not None and up.parent_id is not None:
        up = agencies.get(up.parent_id)
        if up is not None and up.id == planning.id:
            return None
    if LEVEL_RANK[owner.level] > LEVEL_RANK[planning.level]:
        basis = pack.rule("classification.exclude_higher_level").citation
        msg = CLASSIFY_HIGHER_LEVEL.format(name=e.name, agency=owner.name, level=LEVEL_LABELS[owner.level])
        return _finding("classify_higher_level", Severity.INFO, msg, e, basis)
    msg = CLASSIFY_OUTSIDE_REMIT.format(name=e.name, agency=owner.name, planning=planning.name)
    return _finding("classify_outside_remit", Severity.INFO, msg, e)


def _apply_override(
    e: Enterprise, proposal: Classification, o: Override, pack: RulePack, findings: list[Finding]
) -> Classification:
    decision = CATEGORY_LABELS[o.decision]
    if not o.reason.strip():
        msg = CLASSIFY_OVERRIDE_NO_REASON.format(
            name=e.name, decision=decision, proposed=CATEGORY_LABELS[proposal.proposed]
        )
        findings.append(_finding("classify_override_no_reason", Severity.ERROR, msg, e))
        return proposal
    code = o.reason_code or (ReasonCode.K_OTHER if o.decision == Category.KEY else ReasonCode.G_OTHER)
    if code.category != o.decision:
        msg = CLASSIFY_OVERRIDE_BAD_CODE.format(name=e.name, code=code.value, decision=decision)
        findings.append(_finding("classify_override_bad_code", Severity.ERROR, msg, e))
        return proposal
    if o.decision == proposal.proposed and o.reason_code is None:
        reasons = proposal.proposed_reasons  # confirmed as proposed: the legal reasons stay first
    else:
        reasons = (make_reason(pack, e, code, note=o.reason.strip()),)
    return Classification(e.id, proposal.proposed, proposal.proposed_reasons, o.decision, reasons, o)


def classify(
    enterprises: Iterable[Enterprise],
    *,
    planning_agency: Agency,
    agencies: Mapping[int, Agency],
    pack: RulePack,
    year: int,
    overrides: Iterable[Override] = (),
    on: dt.date | None = None,
) -> ClassifyResult:
    """Propose key or general for each enterprise the planning agency may plan, then apply the overrides.

    `agencies` maps id → Agency for every agency an enterprise may belong to, with their parents, so the
    supervising level can be compared; `on` replaces the pack's reference date (e.g. for an adjustment).
    """
    ref = on or reference_date(pack, year)
    findings: list[Finding] = []
    wanted = {o.enterprise_id: o for o in overrides}
    result: list[Classification] = []
    seen: set[int] = set()
    for e in enterprises:
        seen.add(e.id)
        if e.operating_status == OperatingStatus.CLOSED:
            findings.append(
                _finding("classify_closed", Severity.INFO, CLASSIFY_CLOSED.format(name=e.name), e)
            )
            continue
        if (excluded := _remit(e, planning_agency, agencies, pack)) is not None:
            findings.append(excluded)
            continue
        own = e.agency_id == planning_agency.id
        reasons = tuple(proposed_reasons(e, pack, year, ref))
        if not own:
            # A lower level's unit becomes the upper level's key unit only for an event that calls for it
            # (accident, major hazard, ordered shutdown ...); its sector alone leaves it to its own level.
            allowed = set(pack.value("classification.lower_level_key_reasons"))
            reasons = tuple(r for r in reasons if r.code.value in allowed)
        if not reasons:
            reasons = (
                make_reason(pack, e, ReasonCode.G_OWN_REMIT if own else ReasonCode.G_LOWER_LEVEL_SAMPLE),
            )
        category = reasons[0].code.category
        c = Classification(e.id, category, reasons, category, reasons)
        if (o := wanted.get(e.id)) is not None:
            c = _apply_override(e, c, o, pack, findings)
        result.append(c)
    for eid in sorted(set(wanted) - seen):
        msg = CLASSIFY_OVERRIDE_UNKNOWN.format(enterprise_id=eid)
        findings.append(
            Finding(
                "classify_override_unknown", Severity.WARNING, "", msg, enterprise_id=eid, source="classify"
            )
        )
    return ClassifyResult(tuple(result), tuple(findings), ref, year)
