"""Enterprise list (search, filters, pagination) and detail (flags history, reasons, caps ledger, visits)."""

from __future__ import annotations

import re

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from anjian.audit.models import AuditEvent
from anjian.plans.models import PlanEntry, ScheduledVisit
from anjian.registry.models import Agency, Enterprise, Industry, Level, MineClass

from ..access import business_view, enterprises_in

PAGE_SIZE = 50
SEARCH_CAP = 2000  # a search lists at most this many matches ("2000+")
USCC_LIKE = re.compile(r"^[0-9A-Za-z]{18}$")
FLAG_FIELDS = ("flag_key_chem", "flag_key_process", "flag_major_source", "flag_combustible_dust",
               "flag_metal_smelting", "underground", "tailings_upstream_important", "high_risk_override",
               "coal_class", "noncoal_class", "std_grade", "operating_status")  # fmt: skip


def filtered(scope, params):
    qs = enterprises_in(scope)
    if q := params.get("q", "").strip():
        # A credit code is looked up through its unique index; anything else is a substring of the name.
        # The name match is a subquery so that SQLite scans the (covering) name index, not the whole table.
        names = Enterprise.objects.filter(name__contains=q).values("pk")
        qs = qs.filter(uscc=q.upper()) if USCC_LIKE.match(q) else qs.filter(pk__in=names)
    if industry := params.get("industry"):
        qs = qs.filter(industry=industry)
    if mine_class := params.get("mine_class"):
        qs = qs.filter(Q(coal_class=mine_class) | Q(noncoal_class=mine_class))
    if district := params.get("district"):
        qs = qs.filter(district_name=district)
    if level := params.get("level"):
        qs = qs.filter(managing_level=level)
    if agency := params.get("agency"):
        qs = qs.filter(agency_id=agency)
    if category := params.get("category"):
        # Key or general in the newest version of each visible plan.
        latest = PlanEntry.objects.filter(category=category, version__plan__agency_id__in=scope.agency_ids)
        qs = qs.filter(pk__in=latest.values("enterprise_id"))
    return qs


def districts(scope) -> list[str]:
    """The district names in scope, for the filter; cached briefly since it reads every enterprise."""
    key = "web:districts:" + ",".join(map(str, sorted(scope.agency_ids)))

    def read() -> list[str]:
        names = enterprises_in(scope).order_by().values_list("district_name", flat=True).distinct()
        return sorted(n for n in names if n)[:300]

    return cache.get_or_set(key, read, 600)


@business_view
def enterprise_list(request, scope):
    # By agency, then registration order: the agency index yields this order, so no sort of 100,000 rows.
    qs = filtered(scope, request.GET).order_by("agency_id", "pk")
    capped = False
    if request.GET.get("q", "").strip():
        # One scan for the matching keys, capped, instead of a COUNT and a page query that both scan.
        ids = list(qs.values_list("pk", flat=True)[: SEARCH_CAP + 1])
        capped = len(ids) > SEARCH_CAP
        page = Paginator(ids[:SEARCH_CAP], PAGE_SIZE).get_page(request.GET.get("page"))
        rows = (
            Enterprise.objects.filter(pk__in=list(page.object_list))
            .select_related("agency")
            .order_by("agency_id", "pk")
        )
    else:
        page = Paginator(qs.select_related("agency"), PAGE_SIZE).get_page(request.GET.get("page"))
        rows = page.object_list
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page, "rows": rows, "capped": capped, "query": query.urlencode(), "params": request.GET,
        "industries": Industry.choices, "classes": MineClass.choices, "levels": Level.choices,
        "categories": PlanEntry.Category.choices,
        "agencies": Agency.objects.filter(pk__in=scope.agency_ids).order_by("level", "name"),
        "districts": districts(scope),
    }  # fmt: skip
    template = "web/enterprise_rows.html" if request.headers.get("HX-Request") else "web/enterprise_list.html"
    return render(request, template, context)


@business_view
def enterprise_detail(request, scope, pk: int):
    enterprise = get_object_or_404(enterprises_in(scope).select_related("agency", "owning_office"), pk=pk)
    entries = (
        PlanEntry.objects.filter(enterprise=enterprise, version__plan__agency_id__in=scope.agency_ids)
        .select_related("version__plan__agency")
        .prefetch_related("responsible_offices")
        .order_by("-version__plan__year", "-version__number")
    )
    visits = (
        ScheduledVisit.objects.filter(enterprise=enterprise, version__plan__agency_id__in=scope.agency_ids)
        .select_related("version__plan")
        .prefetch_related("offices", "officers")
        .order_by("-date")[:100]
    )
    history = [
        e for e in AuditEvent.objects.filter(object_type="registry.Enterprise", object_id=str(enterprise.pk))
        .order_by("-id")[:50]
        if e.action != "update" or set(e.after or {}) & set(FLAG_FIELDS)
    ]  # fmt: skip
    flags = [(enterprise._meta.get_field(f).verbose_name, getattr(enterprise, f"get_{f}_display", lambda f=f: getattr(enterprise, f))())
             for f in FLAG_FIELDS]  # fmt: skip
    context = {
        "e": enterprise, "entries": entries, "visits": visits, "history": history, "flags": flags,
        "facts": enterprise.risk_facts.all(),
    }  # fmt: skip
    return render(request, "web/enterprise_detail.html", context)
