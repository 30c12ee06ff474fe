"""Admin pages of the execution records, in Chinese (labels come from the models' verbose names)."""

from django.contrib import admin

from .models import (
    ContactFeedback,
    ContactPoint,
    Hazard,
    Inspection,
    InspectionItem,
    ItemListPublication,
    PenaltyDecision,
    PlanAdjustment,
    RectificationOrder,
    ReportSubmission,
    Review,
)  # fmt: skip


class HazardInline(admin.TabularInline):
    model = Hazard
    extra = 0
    fields = ("description", "location", "level", "found_on", "deadline", "rectified_on", "order")


class PenaltyInline(admin.TabularInline):
    model = PenaltyDecision
    extra = 0
    fields = ("number", "kind", "amount", "decided_on", "published_on", "typical_case")


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ("date", "enterprise", "origin", "kind", "on_site", "approved_by", "in_system")
    list_filter = ("agency", "origin", "kind", "on_site", "in_system")
    search_fields = ("enterprise__name", "external_no")
    date_hierarchy = "date"
    autocomplete_fields = ("enterprise",)
    raw_id_fields = ("plan_entry", "scheduled_visit")
    filter_horizontal = ("officers", "offices", "items")
    inlines = [HazardInline, PenaltyInline]


@admin.register(Hazard)
class HazardAdmin(admin.ModelAdmin):
    list_display = ("description", "level", "found_on", "deadline", "rectified_on")
    list_filter = ("level",)
    search_fields = ("description", "inspection__enterprise__name")


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0


@admin.register(RectificationOrder)
class RectificationOrderAdmin(admin.ModelAdmin):
    list_display = ("number", "inspection", "issued_on", "deadline")
    search_fields = ("number", "inspection__enterprise__name")
    inlines = [ReviewInline]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("order", "due_on", "reviewed_on", "passed")
    list_filter = ("passed",)


@admin.register(PenaltyDecision)
class PenaltyDecisionAdmin(admin.ModelAdmin):
    list_display = ("number", "kind", "amount", "decided_on", "published_on", "typical_case")
    search_fields = ("number",)


@admin.register(ReportSubmission)
class ReportSubmissionAdmin(admin.ModelAdmin):
    list_display = ("agency", "office", "year", "period_kind", "number", "submitted_on")
    list_filter = ("period_kind", "year")


@admin.register(PlanAdjustment)
class PlanAdjustmentAdmin(admin.ModelAdmin):
    list_display = ("plan", "decision_date", "reason", "is_major", "internal_filed_on", "reapproved_on")
    list_filter = ("is_major",)


@admin.register(InspectionItem)
class InspectionItemAdmin(admin.ModelAdmin):
    list_display = ("name", "basis", "subject", "publication", "published_on", "withdrawn_on")
    list_filter = ("agency", "publication")
    search_fields = ("name", "basis")


class ItemInline(admin.TabularInline):
    model = InspectionItem
    extra = 0
    fields = ("sort_order", "name", "basis", "subject", "withdrawn_on")


@admin.register(ItemListPublication)
class ItemListPublicationAdmin(admin.ModelAdmin):
    list_display = ("agency", "document_no", "title", "published_on", "published_by")
    list_filter = ("agency", "year")
    inlines = [ItemInline]


class FeedbackInline(admin.TabularInline):
    model = ContactFeedback
    extra = 0


@admin.register(ContactPoint)
class ContactPointAdmin(admin.ModelAdmin):
    list_display = ("enterprise", "office", "year")
    inlines = [FeedbackInline]
