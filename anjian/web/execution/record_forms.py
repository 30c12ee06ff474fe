"""Forms that record execution rows from the web: an inspection's hazards, orders and penalties, report
submissions, plan adjustments and their filing. They check input shape and scope only; the rules are the
services' (anjian.execution.services, anjian.execution.adjustments)."""

from __future__ import annotations

from django import forms

from anjian.execution.models import Hazard, Inspection, PlanAdjustment, ReportSubmission
from anjian.plans.models import Plan
from anjian.registry.models import Agency, Office

from .forms import DATE
from .page import today

ORDER_NO_HAZARD = "请至少选择一项隐患"
MAJOR_CHOICES = (("auto", "按变更自动判断"), ("yes", "重大调整"), ("no", "一般调整"))
MAJOR_VALUES = {"auto": None, "yes": True, "no": False}
# The model field each filing step sets, and its label; a general adjustment has only the internal filing.
FILING_STEPS = {
    "internal_filed_on": "内部备案",
    "reapproved_on": "重新报批",
    "upward_filed_on": "报上一级备案",
}


def open_hazards(inspection: Inspection):
    """The inspection's hazards no order covers yet and not rectified: the ones an order may still cover."""
    return inspection.hazards.filter(order__isnull=True, rectified_on__isnull=True).order_by("found_on", "pk")


class HazardForm(forms.Form):
    description = forms.CharField(
        label="隐患描述", max_length=300, widget=forms.TextInput(attrs={"size": 50})
    )
    level = forms.ChoiceField(label="隐患级别", choices=Hazard.Level.choices)
    location = forms.CharField(label="部位", max_length=100, required=False)
    deadline = forms.DateField(
        label="整改期限", required=False, widget=DATE, help_text="下达整改指令时以指令期限为准"
    )


class OrderForm(forms.Form):
    number = forms.CharField(label="文书编号", max_length=60, help_text="如：夏应急责改〔2025〕1号")
    issued_on = forms.DateField(label="下达日期", widget=DATE)
    deadline = forms.DateField(label="整改期限", widget=DATE)
    hazards = forms.ModelMultipleChoiceField(
        label="责令整改的隐患", queryset=Hazard.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": ORDER_NO_HAZARD},
    )  # fmt: skip

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hazards"].queryset = open_hazards(inspection)
        self.fields["hazards"].label_from_instance = lambda h: (
            f"{h.description}（{h.get_level_display()}{'，' + h.location if h.location else ''}）"
        )


class PenaltyForm(forms.Form):
    number = forms.CharField(label="处罚决定书文号", max_length=60)
    kind = forms.CharField(label="处罚种类", max_length=60, initial="罚款")
    amount = forms.DecimalField(
        label="罚款金额（元）", max_digits=12, decimal_places=2, min_value=0, initial=0
    )
    decided_on = forms.DateField(label="决定日期", widget=DATE)
    served_on = forms.DateField(label="送达日期", required=False, widget=DATE)
    discretion_basis = forms.CharField(label="裁量基准", max_length=200, required=False)
    legal_review = forms.BooleanField(label="经法制审核", required=False)
    typical_case = forms.BooleanField(label="报送典型案例", required=False)


class ReportSubmissionForm(forms.Form):
    period_kind = forms.ChoiceField(label="报表", choices=ReportSubmission.PeriodKind.choices)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    number = forms.IntegerField(label="期数", min_value=1, max_value=12, help_text="月份或季度；年报填 1")
    office = forms.ModelChoiceField(label="报送股室", queryset=Office.objects.none(), required=False,
                                    empty_label="全局（不分股室）")  # fmt: skip
    submitted_on = forms.DateField(label="报送日期", widget=DATE)
    document = forms.CharField(label="报送文件", max_length=300, required=False, help_text="文号或文件名")

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = agency.offices.order_by("sort_order", "name")


class AdjustmentForm(forms.Form):
    plan = forms.ModelChoiceField(label="计划", queryset=Plan.objects.none(), empty_label="请选择计划")
    # Not required here: the service refuses an empty reason with its own sentence (ADJUSTMENT_NO_REASON).
    reason = forms.CharField(label="调整原因", max_length=300, required=False,
                             widget=forms.TextInput(attrs={"size": 50}))  # fmt: skip
    decision_date = forms.DateField(label="决定日期", widget=DATE)
    major = forms.ChoiceField(label="性质", choices=MAJOR_CHOICES, initial="auto",
                              help_text="自动判断：重点检查单位名单或责任股室变化的为重大调整")  # fmt: skip
    document = forms.CharField(label="调整决定文号", max_length=100, required=False)

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["plan"].label_from_instance = lambda p: f"{p.agency.name} {p.year} 年度计划"


class AdjustmentFileForm(forms.Form):
    step = forms.ChoiceField(label="事项")
    done_on = forms.DateField(label="日期", widget=DATE)
    document = forms.CharField(label="文号", max_length=100, required=False)

    def __init__(self, *args, adjustment: PlanAdjustment, **kwargs):
        super().__init__(*args, **kwargs)
        steps = FILING_STEPS if adjustment.is_major else dict(list(FILING_STEPS.items())[:1])
        self.fields["step"].choices = list(steps.items())


def inspection_forms(inspection: Inspection, **bound) -> dict:
    """The three recording forms of an inspection's page: the ones given (bound, with errors) or blank ones."""
    return {
        "hazard_form": bound.get("hazard_form") or HazardForm(),
        "order_form": bound.get("order_form")
        or OrderForm(inspection=inspection, initial={"issued_on": inspection.date}),
        "penalty_form": bound.get("penalty_form") or PenaltyForm(initial={"decided_on": today()}),
    }


def adjustable_plans(scope):
    """Annual plans with a compiled version, of the agencies whose 局领导 the user is (plan_adjust recompiles
    the annual plan of the agency and year)."""
    approved = [a for a in scope.agency_ids if scope.approves(a)]
    return (
        Plan.objects.filter(agency_id__in=approved, kind=Plan.Kind.ANNUAL, versions__isnull=False)
        .select_related("agency").distinct().order_by("-year", "agency__name")
    )  # fmt: skip
