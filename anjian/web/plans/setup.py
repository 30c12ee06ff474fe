"""Creating a year's plan and changing its settings from the browser; both compile right away when asked."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone

from anjian.plans import services
from anjian.plans.config import PlanConfig, PlanConfigError
from anjian.plans.models import Plan
from anjian.plans.plan_file import check_plan_config
from anjian.registry.models import Agency, Office

from ..access import PLAN_NOT_DRAFT, READ_ONLY_SCOPE, business_view, plan_get, require_edit
from .forms import PlanSettingsForm, config_from

PLAN_EXISTS = "{agency}{year}年度计划已经存在，请在计划列表中打开它修改编制参数"
SETTINGS_SAVED = "编制参数已保存"
COMPILED = "已按新的编制参数编制第 {number} 版"
NO_HOME = "本账号未归属应急管理部门，不能新建计划"
PLAN_FILES_DIR = (
    settings.VAR_DIR / "plans"
)  # uploaded arrangement tables and workday sheets, per agency and year


def _offices(agency: Agency) -> list[str]:
    return list(Office.objects.filter(agency=agency).order_by("pk").values_list("name", flat=True))


def _folder(agency: Agency, year: int):  # a Path
    return PLAN_FILES_DIR / f"{agency.code}-{year}"


def _years() -> tuple[int, int]:
    today = timezone.localdate()
    return today.year - 1, today.year + 2


@business_view
def plan_new(request, scope):
    agency = Agency.objects.filter(pk=scope.home_id).first()
    if agency is None:
        raise PermissionDenied(NO_HOME)
    require_edit(scope, agency.pk)
    initial = {"year": timezone.localdate().year + 1, "share_base": "visits", "share_decimals": 1, "general_mode": "draw",
               "title": f"{agency.name}{timezone.localdate().year + 1}年度安全生产监督检查计划"}  # fmt: skip
    form = PlanSettingsForm(
        request.POST or None, request.FILES or None, initial=initial, offices=_offices(agency),
        years=_years(), creating=True, doc_prefix=agency.doc_number_prefix,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        if Plan.objects.filter(agency=agency, year=year, kind=Plan.Kind.ANNUAL).exists():
            form.add_error("year", PLAN_EXISTS.format(agency=agency.name, year=year))
        elif plan := _save(request, form, agency, year, PlanConfig(), compile_now=True):
            return redirect("web:plan_classification", plan_id=plan.pk)
    return render(request, "web/plan_settings.html", {"form": form, "agency": agency, "plan": None})


@business_view
def plan_settings(request, scope, plan_id: int):
    plan = plan_get(scope, plan_id)
    can_edit = scope.edits(plan.agency_id) and plan.status == Plan.Status.DRAFT
    previous = PlanConfig.from_settings(plan.settings or {})
    form = PlanSettingsForm(
        request.POST or None, request.FILES or None, initial=PlanSettingsForm.initial_from(plan.year, previous),
        offices=_offices(plan.agency), years=(plan.year, plan.year), creating=False,
        doc_prefix=plan.agency.doc_number_prefix,
    )  # fmt: skip
    for field in form.fields.values():
        field.disabled = field.disabled or not can_edit
    if request.method == "POST":
        require_edit(scope, plan.agency_id)
        if plan.status != Plan.Status.DRAFT:
            raise PermissionDenied(PLAN_NOT_DRAFT.format(status=plan.get_status_display()))
        if form.is_valid() and _save(
            request, form, plan.agency, plan.year, previous, "compile" in request.POST
        ):
            return redirect(
                "web:plan_rules" if "compile" not in request.POST else "web:plan_classification",
                plan_id=plan.pk,
            )
    elif plan.status != Plan.Status.DRAFT:
        messages.info(request, PLAN_NOT_DRAFT.format(status=plan.get_status_display()))
    ctx = {"form": form, "agency": plan.agency, "plan": plan, "can_edit": can_edit, "read_only": READ_ONLY_SCOPE,
           "files": previous.workday_files, "arranged": len(previous.key_arrangement)}  # fmt: skip
    return render(request, "web/plan_settings.html", ctx)


def _save(
    request, form: PlanSettingsForm, agency: Agency, year: int, previous: PlanConfig, compile_now: bool
):
    """Settings (and, when asked, a compile) in one transaction; a file problem goes back onto the form."""
    try:
        config = config_from(form, previous, _folder(agency, year))
        check_plan_config(config, context=services.plan_context(agency=agency, year=year))
    except forms.ValidationError as e:
        form.add_error(None, e)
        return None
    except PlanConfigError as e:  # the plan.toml schema's checks: sectors, offices, ranges, sheet year
        for problem in e.problems:
            form.add_error(None, problem.message)
        return None
    by = request.user.get_username()
    with transaction.atomic():
        plan = services.plan_settings_save(agency=agency, year=year, config=config)
        if compile_now:
            version = services.plan_compile(agency=agency, year=year, by=by, reason="按网页编制参数编制")
    messages.success(request, COMPILED.format(number=version.number) if compile_now else SETTINGS_SAVED)
    return plan
