"""Forms of the 计划执行 pages. They check input shape and scope only; the rules are the services' and the core's."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from anjian.execution.errors import ExecutionError
from anjian.execution.models import Inspection, InspectionItem
from anjian.plans.models import ScheduledVisit
from anjian.registry.models import Agency, Enterprise, Officer

# Where a service's refusal is shown on its form, by the refusal's code; a code not listed goes to the form's top.
ERROR_FIELDS = {
    "inspection_blocked": "officers", "inspection_planned_without_entry": "origin",
    "inspection_entry_other_unit": "enterprise", "inspection_entry_not_in_plan": "enterprise",
    "item_not_published": "items", "inspection_needs_approval": "approval_note",
    "adjustment_no_reason": "reason", "adjustment_no_version": "plan", "publication_before_decision": "decided_on",
    "hazard_deadline_before_found": "deadline", "order_deadline_before_issue": "deadline",
    "order_hazard_other_inspection": "hazards", "order_hazard_already_ordered": "hazards", "order_no_hazards": "hazards",
    "report_number_out_of_range": "number",
}  # fmt: skip
ENTERPRISE_NOT_FOUND = "在本账号管辖范围内找不到单位“{q}”，请填写单位全称或统一社会信用代码"
ENTERPRISE_AMBIGUOUS = "名称为“{q}”的单位有{n}家，请改填统一社会信用代码"
VISIT_OTHER_UNIT = "所选排程检查是{planned}，与被检查单位{name}不一致"
APPROVAL_NOTE_MISSING = "本次检查须经批准：请勾选“批准本次检查”并填写批准说明"
PASSED_CHOICES = (("1", "整改合格"), ("0", "整改不合格"))
ON_SITE_CHOICES = (("1", "现场检查"), ("0", "非现场（远程）检查"))
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _yes(value: str) -> bool:
    return value == "1"


class InspectionForm(forms.Form):
    enterprise = forms.CharField(label="被检查单位", max_length=200, help_text="单位全称或统一社会信用代码",
                                 widget=forms.TextInput(attrs={"list": "enterprise-names", "size": 40}))  # fmt: skip
    date = forms.DateField(label="检查日期", widget=DATE)
    officers = forms.ModelMultipleChoiceField(
        label="执法人员", queryset=Officer.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text="至少2名持有效执法证的执法人员",
    )  # fmt: skip
    origin = forms.ChoiceField(label="检查来源", choices=Inspection.Origin.choices)
    kind = forms.ChoiceField(label="检查类型", choices=Inspection.Kind.choices)
    on_site = forms.TypedChoiceField(label="现场/非现场", choices=ON_SITE_CHOICES, coerce=_yes, initial="1")
    method = forms.ChoiceField(label="检查方式", choices=Inspection.Method.choices)
    scheduled_visit = forms.ModelChoiceField(
        label="排程检查", required=False, queryset=ScheduledVisit.objects.none(), widget=forms.HiddenInput
    )
    items = forms.ModelMultipleChoiceField(
        label="检查事项",
        required=False,
        queryset=InspectionItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    entry_reported = forms.BooleanField(label="已入企报备", required=False)
    notice_disclosed = forms.BooleanField(label="已落实一告知两公开", required=False)
    external_no = forms.CharField(label="执法系统编号", required=False, max_length=60)
    summary = forms.CharField(label="检查情况", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    approve = forms.BooleanField(label="批准本次检查", required=False)
    approval_note = forms.CharField(label="批准说明", required=False, max_length=300,
                                    widget=forms.TextInput(attrs={"size": 60}))  # fmt: skip

    def __init__(self, *args, agency: Agency, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency, self.enterprises = agency, enterprises
        self.fields["officers"].queryset = (
            Officer.objects.filter(office__agency=agency, enforcement_eligible=True)
            .select_related("office").order_by("office__sort_order", "office__name", "name")
        )  # fmt: skip
        self.fields["officers"].label_from_instance = lambda o: (
            f"{o.name}（{o.office.name}，{o.certificate_no or '无执法证'}）"
        )
        self.fields["scheduled_visit"].queryset = ScheduledVisit.objects.filter(version__plan__agency=agency)
        self.fields["items"].queryset = InspectionItem.objects.filter(
            agency=agency, withdrawn_on__isnull=True
        )

    def clean_enterprise(self) -> Enterprise:
        q = self.cleaned_data["enterprise"].strip()
        found = list(self.enterprises.filter(Q(uscc=q.upper()) | Q(name=q)).order_by("pk")[:5])
        exact = [e for e in found if e.uscc == q.upper()]
        if exact:
            return exact[0]
        if not found:
            raise forms.ValidationError(ENTERPRISE_NOT_FOUND.format(q=q))
        if len(found) > 1:
            raise forms.ValidationError(ENTERPRISE_AMBIGUOUS.format(q=q, n=len(found)))
        return found[0]

    def clean(self):
        data = super().clean()
        visit, enterprise = data.get("scheduled_visit"), data.get("enterprise")
        if visit is not None and enterprise is not None and visit.enterprise_id != enterprise.pk:
            self.add_error("scheduled_visit", VISIT_OTHER_UNIT.format(planned=visit.enterprise.name,
                                                                      name=enterprise.name))  # fmt: skip
        return data


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label="复查日期", widget=DATE)
    passed = forms.TypedChoiceField(label="复查结论", choices=PASSED_CHOICES, coerce=_yes)
    applied_on = forms.DateField(label="申请复查日期", required=False, widget=DATE)
    number = forms.CharField(label="复查意见书编号", required=False, max_length=60)
    opinion = forms.CharField(label="复查意见", required=False, max_length=300)


class PublishForm(forms.Form):
    published_on = forms.DateField(label="公示日期", widget=DATE)


def refuse(form: forms.Form, error: Exception) -> None:
    """Put a service's refusal on the form: its code's field, or the model field full_clean() named."""
    if isinstance(error, ExecutionError):
        form.add_error(ERROR_FIELDS.get(error.code), error.message)
        return
    for field, texts in getattr(error, "message_dict", {None: error.messages}).items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)
