from django.contrib import admin

from .models import Agency, Enterprise, Office, Officer, RiskFact


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "parent", "region_code", "doc_number_prefix", "ruleset"]
    list_filter = ["level"]
    search_fields = ["name", "code"]


class OfficerInline(admin.TabularInline):
    model = Officer
    extra = 0
    fields = [
        "name",
        "employment",
        "certificate_no",
        "certificate_valid_until",
        "enforcement_eligible",
        "exclusion_reason",
        "is_mine_specialist",
    ]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "kind", "sort_order"]
    list_filter = ["agency", "kind"]
    search_fields = ["name", "aliases"]
    inlines = [OfficerInline]


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "office",
        "employment",
        "certificate_no",
        "certificate_valid_until",
        "enforcement_eligible",
        "exclusion_reason",
        "is_mine_specialist",
        "synthetic",
    ]
    list_filter = [
        "office__agency",
        "employment",
        "enforcement_eligible",
        "exclusion_reason",
        "is_mine_specialist",
    ]
    search_fields = ["name", "certificate_no"]
    list_select_related = ["office"]


class RiskFactInline(admin.TabularInline):
    model = RiskFact
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "uscc",
        "industry",
        "sub_sector",
        "agency",
        "owning_office",
        "district_name",
        "coal_class",
        "noncoal_class",
        "std_grade",
        "synthetic",
    ]
    list_filter = [
        "agency",
        "industry",
        "managing_level",
        "coal_class",
        "noncoal_class",
        "std_grade",
        "flag_major_source",
        "synthetic",
    ]
    search_fields = ["name", "uscc", "address"]
    list_select_related = ["agency", "owning_office"]
    raw_id_fields = ["parent_enterprise"]
    inlines = [RiskFactInline]
    list_per_page = 50
