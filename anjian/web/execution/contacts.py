"""基层联系点: an agency's contact points of a year with their office, and their feedback, unanswered first; an
editor assigns a contact point, records a unit's feedback and the bureau's answer."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from anjian.execution.contact_points import (
    contact_feedback_answer,
    contact_feedback_record,
    contact_point_assign,
)
from anjian.execution.errors import ExecutionError
from anjian.execution.models import ContactFeedback, ContactPoint
from anjian.execution.selectors import feedback_unanswered
from anjian.registry.models import Office

from ..access import agencies_in, business_view, chosen_agency, enterprises_in, require_edit
from .forms import DATE, InspectionForm
from .hazards import FORM_INVALID, form_errors
from .page import tab_context, today

CONTACT_SAVED = "已将{name}列为{year}年基层联系点"
FEEDBACK_SAVED = "已记录{name}{date}的反馈"
ANSWER_SAVED = "已记录对{name}{date}反馈的答复"


def contact_points_in(scope):
    return ContactPoint.objects.filter(agency_id__in=scope.agency_ids)


def feedback_in(scope):
    return ContactFeedback.objects.filter(contact_point__agency_id__in=scope.agency_ids)


class ContactPointForm(forms.Form):
    enterprise = forms.CharField(label="联系点企业", max_length=200)
    office = forms.ModelChoiceField(label="联系股室", queryset=Office.objects.none(), required=False)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)

    def __init__(self, *args, agency, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.enterprises = enterprises
        self.fields["office"].queryset = Office.objects.filter(agency=agency)

    # the same lookup as the inspection form: a USCC, else the one unit of that exact name in scope
    clean_enterprise = InspectionForm.clean_enterprise


class FeedbackForm(forms.Form):
    date = forms.DateField(label="反馈日期", widget=DATE)
    content = forms.CharField(label="企业反馈", max_length=2000)


class AnswerForm(forms.Form):
    answered_on = forms.DateField(label="答复日期", widget=DATE)
    response = forms.CharField(label="处理情况", max_length=2000)


def _year(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 2000 <= int(value) <= 2100 else today().year


def _back(agency_id: int, year: int):
    return redirect(f"{reverse('web:exec_contacts')}?agency={agency_id}&year={year}")


@business_view
def contact_page(request, scope):
    agency = chosen_agency(scope, request.GET.get("agency"))
    year = _year(request.GET.get("year"))
    points = (
        ContactPoint.objects.filter(agency=agency, year=year).select_related("enterprise", "office")
        .annotate(feedback_count=Count("feedback"), open_count=Count("feedback", filter=Q(feedback__response="")))
        .order_by("office__sort_order", "office__name", "enterprise__name")
    )  # fmt: skip
    answered = (
        ContactFeedback.objects.filter(contact_point__agency=agency, contact_point__year=year).exclude(response="")
        .select_related("contact_point__enterprise", "contact_point__office").order_by("-answered_on", "-pk")
    )  # fmt: skip
    ctx = tab_context(
        scope, "exec_contacts", agency=agency, agencies=agencies_in(scope), year=year, points=points,
        unanswered=feedback_unanswered(agency=agency, year=year), answered=answered, today=today(),
        offices=agency.offices.order_by("sort_order", "name"), can_edit=scope.edits(agency.pk),
    )  # fmt: skip
    return render(request, "web/exec_contacts.html", ctx)


@require_POST
@business_view
def contact_assign(request, scope):
    agency = chosen_agency(scope, request.POST.get("agency"))
    require_edit(scope, agency.pk)
    form = ContactPointForm(request.POST, agency=agency, enterprises=enterprises_in(scope))
    if not form.is_valid():
        messages.error(request, FORM_INVALID.format(what="基层联系点", errors=form_errors(form)))
        return _back(agency.pk, _year(request.POST.get("year")))
    d = form.cleaned_data
    try:
        row = contact_point_assign(
            agency=agency, enterprise=d["enterprise"], year=d["year"], office=d["office"]
        )
    except ExecutionError as error:
        messages.error(request, error.message)
        return _back(agency.pk, d["year"])
    messages.success(request, CONTACT_SAVED.format(name=row.enterprise.name, year=row.year))
    return _back(agency.pk, row.year)


@require_POST
@business_view
def feedback_record(request, scope, pk: int):
    point = get_object_or_404(contact_points_in(scope).select_related("enterprise"), pk=pk)
    require_edit(scope, point.agency_id)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, FORM_INVALID.format(what="企业反馈", errors=form_errors(form)))
        return _back(point.agency_id, point.year)
    try:
        row = contact_feedback_record(contact_point=point, **form.cleaned_data)
    except ExecutionError as error:
        messages.error(request, error.message)
        return _back(point.agency_id, point.year)
    messages.success(request, FEEDBACK_SAVED.format(name=point.enterprise.name, date=row.date))
    return _back(point.agency_id, point.year)


@require_POST
@business_view
def feedback_answer(request, scope, pk: int):
    feedback = get_object_or_404(feedback_in(scope).select_related("contact_point__enterprise"), pk=pk)
    point = feedback.contact_point
    require_edit(scope, point.agency_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, FORM_INVALID.format(what="答复", errors=form_errors(form)))
        return _back(point.agency_id, point.year)
    by = request.user.get_full_name() or request.user.get_username()
    try:
        contact_feedback_answer(feedback=feedback, by=by, **form.cleaned_data)
    except ExecutionError as error:
        messages.error(request, error.message)
        return _back(point.agency_id, point.year)
    messages.success(request, ANSWER_SAVED.format(name=point.enterprise.name, date=feedback.date))
    return _back(point.agency_id, point.year)
