"""What happens after the plan is issued: inspections, hazards, orders and reviews, penalties, reports,
adjustments, the inspection-item list and contact points (docs/business-rules.md §9)."""

from .lists import ContactFeedback, ContactPoint, InspectionItem, ItemListPublication
from .records import Hazard, Inspection, PenaltyDecision, RectificationOrder, Review
from .reporting import PlanAdjustment, ReportSubmission

__all__ = [
    "ContactFeedback", "ContactPoint", "Hazard", "Inspection", "InspectionItem", "ItemListPublication",
    "PenaltyDecision", "PlanAdjustment", "RectificationOrder", "ReportSubmission", "Review",
]  # fmt: skip
