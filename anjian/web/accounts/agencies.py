"""Child agencies: a 系统管理员 adds and edits the agencies directly under their own, through the same service
(and so the same checks and messages) as `anjian agency add`."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from anjian.accounts.models import Role
from anjian.accounts.scope import request_scope
from anjian.planning.rule_sources import pack_infos
from anjian.registry.agencies import (
    LEVEL_LABELS,
    AgencyInput,
    agency_as_dict,
    agency_create,
    agency_level_name,
    agency_update,
)
from anjian.registry.models import Agency

SYSADMIN_ONLY = "只有本部门的系统管理员可以新增和修改下级部门"
NO_HOME = "本账号没有所属部门"
SAVED = "已保存下级部门：{name}（规则包 {pack}）"


class ChildAgencyForm(forms.Form):
    code = forms.SlugField(label="代号", max_length=40, help_text="字母、数字、-，如 heping")
    name = forms.CharField(label="全称", max_length=100)
    short_name = forms.CharField(label="简称", max_length=30, required=False)
    level = forms.ChoiceField(
        label="层级", choices=[(k, v) for k, v in LEVEL_LABELS.items() if k != "province"]
    )
    province = forms.CharField(label="所在省份", max_length=20, required=False, help_text="不填则同本部门")
    doc_prefix = forms.CharField(label="发文机关代字", max_length=20, required=False)
    pack = forms.ChoiceField(label="规则包", required=False)
    region_code = forms.CharField(label="行政区划代码", max_length=6, required=False)
    approving_government = forms.CharField(label="本级人民政府", max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        packs = pack_infos(settings.ANJIAN_RULESET_DIRS)
        self.fields["pack"].choices = [("", "按省份自动选定")] + [
            (p.id, f"{p.id}（{p.name}）") for p in packs
        ]


def _home(request) -> Agency:
    scope = request_scope(request)
    if not (scope.superuser or scope.role == Role.SYSTEM_ADMIN):
        raise PermissionDenied(SYSADMIN_ONLY)
    home = Agency.objects.filter(pk=scope.home_id).first()
    if home is None:
        raise PermissionDenied(NO_HOME)
    return home


def _save(form: ChildAgencyForm, home: Agency, agency: Agency | None) -> Agency | None:
    data = AgencyInput(parent=home.code, **form.cleaned_data)
    try:
        return agency_update(agency=agency, data=data, home=home) if agency else agency_create(data=data)
    except ValidationError as e:
        for field, errors in (e.message_dict if hasattr(e, "error_dict") else {None: e.messages}).items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
        return None


@login_required
def agency_list(request):
    home = _home(request)
    form = ChildAgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and (saved := _save(form, home, None)):
        messages.success(request, SAVED.format(name=saved.name, pack=saved.ruleset))
        return redirect("web:agency_list")
    children = [agency_as_dict(a) | {"pk": a.pk} for a in home.children.order_by("code")]
    return render(request, "web/agencies.html", {"home": home, "children": children, "form": form})


@login_required
def agency_edit(request, pk: int):
    home = _home(request)
    agency = get_object_or_404(Agency, pk=pk, parent=home)  # another agency's children are simply absent
    initial = agency_as_dict(agency) | {
        "level": agency_level_name(agency), "approving_government": agency.approving_government,
    }  # fmt: skip
    form = ChildAgencyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and (saved := _save(form, home, agency)):
        messages.success(request, SAVED.format(name=saved.name, pack=saved.ruleset))
        return redirect("web:agency_list")
    return render(
        request, "web/agencies.html", {"home": home, "editing": agency, "form": form, "children": []}
    )
