"""Risk facts of an import: validated, keyed by (enterprise, kind, start date), created or updated in bulk."""

from __future__ import annotations

from .bulk import clean, write
from .import_result import ImportResult
from .importing.risk_facts import FactRow
from .models import RiskFact
from .selectors import chunked, enterprises_by_uscc

FACT_FIELDS = ("valid_to", "deaths", "detail", "source_doc")
PlannedFacts = tuple[list[tuple[str, RiskFact]], list[RiskFact]]


def plan_facts(facts: list[FactRow], result: ImportResult) -> PlannedFacts:
    """Validate facts and split them into (USCC, new fact) and changed facts, keyed by (enterprise, kind,
    start date); counts go to `result`. Facts of enterprises this import creates are all new."""
    ids = {c: pk for c, (pk, _) in enterprises_by_uscc(f.ref for f in facts).items()}
    stored = {}
    for batch in chunked(sorted(set(ids.values()))):
        for f in RiskFact.objects.filter(enterprise_id__in=batch).values(
            "id", "enterprise_id", "kind", "valid_from", *FACT_FIELDS
        ):
            stored[(f["enterprise_id"], f["kind"], f["valid_from"])] = f
    new, changed = [], []
    for fact in facts:
        enterprise_id = ids.get(fact.ref)
        obj = RiskFact(
            enterprise_id=enterprise_id,
            kind=fact.kind,
            valid_from=fact.valid_from,
            valid_to=fact.valid_to,
            deaths=fact.deaths,
            detail=fact.detail,
            source_doc=fact.source_doc,
        )
        if not clean(
            obj,
            exclude=["enterprise"],
            titles={},
            file=fact.file,
            sheet=fact.sheet,
            row=fact.row,
            errors=result.errors,
        ):
            continue
        before = stored.get((enterprise_id, fact.kind, fact.valid_from))
        if before is None:
            new.append((fact.ref, obj))
        elif any(getattr(obj, f) != before[f] for f in FACT_FIELDS):
            obj.pk = before["id"]
            changed.append(obj)
    if not result.errors:
        result.facts_created, result.facts_updated = len(new), len(changed)
    return new, changed


def write_facts(facts: PlannedFacts, ids: dict[str, int]) -> None:
    """Write planned facts; `ids` maps USCCs to ids already known (others are looked up)."""
    new, changed = facts
    missing = [code for code, obj in new if obj.enterprise_id is None and code not in ids]
    ids = {**ids, **{c: pk for c, (pk, _) in enterprises_by_uscc(missing).items()}}
    for code, obj in new:
        obj.enterprise_id = obj.enterprise_id or ids[code]
    write(RiskFact, [obj for _, obj in new], changed, FACT_FIELDS)
