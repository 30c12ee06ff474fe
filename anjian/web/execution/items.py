"""检查事项清单: the list in force and its publication history; an editor publishes a new version from an uploaded
xlsx/csv (检查事项 | 检查依据 | 检查对象) or from the edited text of the list, the service judging the list."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from anjian.execution.errors import ExecutionError
from anjian.execution.item_list_file import item_lines, parse_item_file, parse_item_lines
from anjian.execution.item_lists import item_list_publish
from anjian.execution.models import ItemListPublication
from anjian.execution.selectors import items_in_force, publication_in_force

from ..access import agencies_in, business_view, chosen_agency, require_edit
from .forms import DATE
from .page import tab_context, today

SUFFIXES = {".xlsx", ".csv"}
ITEMS_BAD_FILE = "清单文件须为 .xlsx 或 .csv"
ITEMS_FILE_ERRORS = "清单未公布：文件中有 {count} 处错误，请修改后重新上传"
ITEMS_TEXT_ERRORS = "清单未公布：清单文本中有 {count} 行格式不对"
ITEMS_PUBLISHED = "已公布检查事项清单（{number}），共 {count} 项，自 {date} 起施行"


class ItemListForm(forms.Form):
    document_no = forms.CharField(label="公布文号", max_length=60)
    published_on = forms.DateField(label="公布日期", widget=DATE)
    title = forms.CharField(label="标题", max_length=200, required=False)
    lines = forms.CharField(label="清单内容", required=False, widget=forms.Textarea(attrs={"rows": 12}),
                            help_text="每行一项：检查事项｜检查依据｜检查对象（也可用制表符分隔，检查对象可省略）")  # fmt: skip
    file = forms.FileField(label="或上传清单文件", required=False,
                           help_text="xlsx 或 csv，列名：检查事项、检查依据、检查对象；上传文件时以文件为准")  # fmt: skip

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and Path(upload.name).suffix.lower() not in SUFFIXES:
            raise forms.ValidationError(ITEMS_BAD_FILE)
        return upload


def _page(request, scope, agency, form: ItemListForm, errors=()):
    day = today()
    items = (
        items_in_force(agency=agency, day=day).select_related("publication").order_by("sort_order", "name")
    )
    history = (
        ItemListPublication.objects.filter(agency=agency).annotate(count=Count("items"))
        .order_by("-published_on", "-pk")
    )  # fmt: skip
    ctx = tab_context(
        scope, "exec_items", agency=agency, agencies=agencies_in(scope), items=items, today=day, form=form,
        current=publication_in_force(agency=agency, day=day), history=history, errors=errors,
        can_edit=scope.edits(agency.pk),
    )  # fmt: skip
    return render(request, "web/exec_items.html", ctx)


@business_view
def item_page(request, scope):
    agency = chosen_agency(scope, request.GET.get("agency"))
    lines = item_lines(items_in_force(agency=agency, day=today()).order_by("sort_order", "name"))
    return _page(request, scope, agency, ItemListForm(initial={"published_on": today(), "lines": lines}))


def _items(form: ItemListForm):
    """(items, row errors, message when there are errors) from the uploaded file, else from the text."""
    upload = form.cleaned_data["file"]
    if upload is None:
        items, errors = parse_item_lines(form.cleaned_data["lines"])
        return items, errors, ITEMS_TEXT_ERRORS.format(count=len(errors))
    # The user's file name appears in every row error; the scratch folder keeps uploads apart.
    with tempfile.TemporaryDirectory(prefix="anjian-items-") as folder:
        path = Path(folder) / Path(upload.name).name
        with path.open("wb") as f:
            for chunk in upload.chunks():
                f.write(chunk)
        parsed = parse_item_file(path)
    return parsed.items, parsed.errors, ITEMS_FILE_ERRORS.format(count=len(parsed.errors))


@require_POST
@business_view
def item_publish(request, scope):
    agency = chosen_agency(scope, request.POST.get("agency"))
    require_edit(scope, agency.pk)
    form = ItemListForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, scope, agency, form)
    items, errors, problem = _items(form)
    if errors:
        messages.error(request, problem)
        return _page(request, scope, agency, form, errors)
    d = form.cleaned_data
    try:
        row = item_list_publish(agency=agency, published_on=d["published_on"], document_no=d["document_no"],
                                items=items, by=request.user.get_username(), title=d["title"].strip())  # fmt: skip
    except ExecutionError as error:
        messages.error(request, error.message)
        return _page(request, scope, agency, form)
    except ValidationError as error:  # a field too long for the model, caught by full_clean()
        messages.error(request, "；".join(error.messages))
        return _page(request, scope, agency, form)
    messages.success(
        request, ITEMS_PUBLISHED.format(number=row.document_no, count=len(items), date=row.published_on)
    )
    return redirect(f"{reverse('web:exec_items')}?agency={agency.pk}")
