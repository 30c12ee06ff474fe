"""The auditor's page (审计管理员 only): search the log; events of agencies outside the scope stay hidden."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from anjian.accounts.scope import request_scope
from anjian.audit.chain import verify_chain
from anjian.audit.models import AuditEvent

AUDITORS_ONLY = "只有审计管理员可以查看审计日志"


@login_required
def audit_log(request):
    scope = request_scope(request)
    if not scope.reads_audit:
        raise PermissionDenied(AUDITORS_ONLY)
    qs = AuditEvent.objects.all()
    if not scope.superuser:
        # Events without an agency (unknown user names, superuser actions) are for the superuser only.
        qs = qs.filter(agency_id__in=scope.agency_ids)
    p = request.GET
    if q := p.get("q", "").strip():
        qs = qs.filter(Q(object_repr__contains=q) | Q(actor__contains=q) | Q(object_id=q))
    if action := p.get("action"):
        qs = qs.filter(action=action)
    if object_type := p.get("object_type"):
        qs = qs.filter(object_type=object_type)
    if ip := p.get("ip", "").strip():
        qs = qs.filter(ip_address=ip)
    for name, lookup in (("from", "at__date__gte"), ("to", "at__date__lte")):
        try:
            if p.get(name):
                qs = qs.filter(**{lookup: dt.date.fromisoformat(p[name])})
        except ValueError:
            pass
    query = p.copy()
    query.pop("page", None)
    ctx = {
        "page": Paginator(qs.order_by("-id"), 50).get_page(p.get("page")), "params": p, "query": query.urlencode(),
        "actions": AuditEvent.Action.choices,
        "object_types": AuditEvent.objects.values_list("object_type", flat=True).distinct().order_by("object_type"),
    }  # fmt: skip
    if p.get("verify"):
        count, head, problems = verify_chain()
        ctx["verified"] = {"count": count, "head": head, "problems": problems}
    return render(request, "web/audit_log.html", ctx)
