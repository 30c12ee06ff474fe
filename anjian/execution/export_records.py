"""What an enforcement-system export row records besides the inspection itself: its hazard counts, as
placeholder hazards whose details stay in the enforcement document, and its penalty decision.

Placeholders are recognised by their description prefix; hazards entered by hand, or already under an order
or rectified, are never touched by a re-import."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .models import Hazard, Inspection, PenaltyDecision

PLACEHOLDER_PREFIX = "执法系统导入："
PLACEHOLDER = PLACEHOLDER_PREFIX + "{level}第{n}项（明细见执法文书{number}）"


def _is_placeholder(h: Hazard) -> bool:
    return h.description.startswith(PLACEHOLDER_PREFIX) and h.order_id is None and h.rectified_on is None


def hazards_sync(inspection: Inspection, *, total: int, major: int) -> bool:
    """Make the inspection hold `total` hazards, `major` of them major, adding or replacing placeholders only.
    False (nothing changed) when the hazards kept already outnumber `total`."""
    hazards = list(inspection.hazards.all())
    if len(hazards) == total and sum(h.level == Hazard.Level.MAJOR for h in hazards) == major:
        return True
    kept = [h for h in hazards if not _is_placeholder(h)]
    if len(kept) > total:
        return False
    Hazard.objects.filter(pk__in=[h.pk for h in hazards if _is_placeholder(h)]).delete()
    majors = max(0, major - sum(h.level == Hazard.Level.MAJOR for h in kept))
    levels = [Hazard.Level.MAJOR] * majors + [Hazard.Level.GENERAL] * (total - len(kept) - majors)
    for n, level in enumerate(levels, start=len(kept) + 1):
        row = Hazard(inspection=inspection, level=level, found_on=inspection.date,
                     description=PLACEHOLDER.format(level=Hazard.Level(level).label, n=n,
                                                    number=inspection.external_no))  # fmt: skip
        row.full_clean()
        row.save()
    return True


def penalty_upsert(
    inspection: Inspection,
    *,
    number: str,
    amount: Decimal | None,
    decided_on: dt.date | None,
    typical_case: bool | None,
) -> PenaltyDecision:
    """The inspection's decision with this 文号, created or updated (a blank typical-case cell keeps the mark)."""
    row = PenaltyDecision.objects.filter(number=number, inspection=inspection).first()
    row = row or PenaltyDecision(inspection=inspection, number=number)
    row.amount = amount if amount is not None else row.amount or Decimal(0)
    row.decided_on = decided_on or inspection.date
    if typical_case is not None:
        row.typical_case = typical_case
    row.full_clean()
    row.save()
    return row


def snapshot(inspection: Inspection) -> tuple:
    """What a re-import may change, to tell an update from an unchanged row."""
    i = inspection
    return (
        i.enterprise_id, i.plan_entry_id, i.scheduled_visit_id, i.origin, i.kind, i.on_site, i.method, i.date,
        i.summary, tuple(sorted(i.officers.values_list("pk", flat=True))),
        tuple(sorted(i.hazards.values_list("level", flat=True))),
        tuple(i.penalties.order_by("number").values_list("number", "amount", "decided_on", "typical_case")),
    )  # fmt: skip
