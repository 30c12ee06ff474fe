"""The 现场检查方案 of one scheduled visit (《吕梁市应急管理局2024年度安全生产监督检查计划》§六(三): every inspection has an on-site plan), built
from the stored schedule for documents.visit_plan_docx.

`visit_plan_build(agency=…, year=…, visit_id=…)` raises VisitNotFound (Chinese message) when the agency's plan of
that year has no such scheduled visit; the form lists the enterprise, the visit day, the officers with their
certificate numbers, the four items every inspection covers and what the plan entry singles out.
"""

from __future__ import annotations

import re

from anjian.documents.visit_plan_docx import VisitPlan
from anjian.registry.models import Agency

from .models import PlanEntry, ScheduledVisit

VISIT_NOT_FOUND = "{agency}{year}年度计划中没有编号为 {visit} 的排程检查（可在排程或日历页查看检查编号）"
# The four items every inspection checks (应急管理部门监督检查“四个必查”).
MUST_CHECK = (
    "重大事故隐患排查治理情况",
    "主要负责人和从业人员安全生产职责落实情况",
    "安全生产管理制度建立和落实情况",
    "其他可能导致重特大事故的事项",
)
AREA = "生产经营场所、作业现场及安全生产管理资料"
METHOD = "“四不两直”现场检查"
JOINT_METHOD = "联合检查（进一次门，查多项事）"
TOOLS = ("执法记录仪", "执法文书")
_ENTRY = re.compile(r"^e(\d+)")


class VisitNotFound(LookupError):
    code = "visit.not_found"


def visit_plan_build(*, agency: Agency, year: int, visit_id: int) -> VisitPlan:
    visit = (
        ScheduledVisit.objects.filter(pk=visit_id, version__plan__agency=agency, version__plan__year=year)
        .select_related("enterprise")
        .prefetch_related("officers", "offices")
        .first()
    )
    if visit is None:
        raise VisitNotFound(VISIT_NOT_FOUND.format(agency=agency.name, year=year, visit=visit_id))
    entry_ids = [int(m.group(1)) for d in visit.demands if (m := _ENTRY.match(str(d)))]
    entries = list(PlanEntry.objects.filter(pk__in=entry_ids).order_by("sort_order"))
    sectors = list(dict.fromkeys(e.sector for e in entries))
    focus = "；".join(dict.fromkeys(e.note or (e.reasons[0]["text"] if e.reasons else "") for e in entries))
    content = MUST_CHECK + tuple(f"{s}行业安全生产法律法规、标准执行情况" for s in sectors)
    offices = "、".join(o.name for o in visit.offices.all())
    enterprise = visit.enterprise
    return VisitPlan(
        agency_name=agency.name,
        enterprise=enterprise.name,
        date=visit.date,
        area=AREA,
        content=content,
        focus=focus.strip("；") or f"{offices}年度计划检查事项",
        method=JOINT_METHOD if visit.is_joint else METHOD,
        officers=tuple((o.name, o.certificate_no) for o in visit.officers.all()),
        tools=TOOLS,
        address=enterprise.address,
        principal=enterprise.principal,
        phone=enterprise.phone,
    )
