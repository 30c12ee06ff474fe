from django.contrib import admin

from .models import (
    CapJustification,
    Draw,
    Finding,
    Plan,
    PlanEntry,
    PlanVersion,
    ScheduledVisit,
    WorkdayLineEdit,
    WorkdaySheet,
)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "agency", "year", "kind", "status", "doc_number"]
    list_filter = ["agency", "year", "status"]


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "number", "ruleset", "statutory_workdays", "is_major_adjustment", "created_at"]
    list_filter = ["plan__agency"]


@admin.register(PlanEntry)
class PlanEntryAdmin(admin.ModelAdmin):
    list_display = [
        "enterprise",
        "category",
        "proposed_category",
        "sector",
        "visits_per_year",
        "quarters",
        "note",
        "drawn",
    ]
    list_filter = ["version__plan__agency", "category", "sector", "drawn"]
    search_fields = ["enterprise__name"]
    list_select_related = ["enterprise"]
    filter_horizontal = ["responsible_offices"]
    raw_id_fields = ["enterprise", "version"]


@admin.register(Draw)
class DrawAdmin(admin.ModelAdmin):
    list_display = ["__str__", "scope", "commitment", "pool_digest", "created_at"]


@admin.register(WorkdaySheet)
class WorkdaySheetAdmin(admin.ModelAdmin):
    list_display = [
        "team",
        "version",
        "officers",
        "total_days",
        "supervision_days",
        "other_enforcement_days",
        "non_enforcement_days",
        "need_days",
        "overtime_days",
    ]


@admin.register(ScheduledVisit)
class ScheduledVisitAdmin(admin.ModelAdmin):
    list_display = ["date", "enterprise", "is_joint", "is_final", "version"]
    list_filter = ["version__plan__agency", "is_joint", "is_final"]
    date_hierarchy = "date"
    raw_id_fields = ["enterprise", "version"]
    filter_horizontal = ["offices", "officers"]


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["severity", "source", "code", "where", "message"]
    list_filter = ["version__plan__agency", "severity", "source"]
    search_fields = ["message", "where"]


@admin.register(WorkdayLineEdit)
class WorkdayLineEditAdmin(admin.ModelAdmin):
    list_display = ["plan", "team_id", "line_key", "factors", "lump", "reason", "created_by", "created_at"]
    list_filter = ["plan__agency"]
    search_fields = ["line_key", "reason"]


@admin.register(CapJustification)
class CapJustificationAdmin(admin.ModelAdmin):
    list_display = [
        "enterprise",
        "plan",
        "text",
        "approved_by",
        "decision_number",
        "created_by",
        "created_at",
    ]
    list_filter = ["plan__agency"]
    search_fields = ["enterprise__name", "text"]
    raw_id_fields = ["enterprise"]
