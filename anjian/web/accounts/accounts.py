"""Accounts in scope. 三员分立: the 系统管理员 creates accounts, the 安全管理员 assigns roles, neither both."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from anjian.accounts.models import ADMIN_ROLES, Membership, Role
from anjian.accounts.scope import request_scope
from anjian.registry.models import Agency

ACCOUNTS_ONLY = "只有系统管理员、安全管理员可以管理账号"
ROLE_NOT_OWN = "安全管理员不能修改自己的角色"
USERNAME_TAKEN = "用户名 {username} 已被使用"


class NewAccountForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    agency = forms.ModelChoiceField(label="所属部门", queryset=Agency.objects.none())
    password = forms.CharField(label="初始口令", widget=forms.PasswordInput)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean(self):
        data = super().clean()
        User = get_user_model()
        if (name := data.get("username")) and User.objects.filter(username=name).exists():
            self.add_error("username", USERNAME_TAKEN.format(username=name))
        if password := data.get("password"):
            try:
                password_validation.validate_password(password, User(username=name or ""))
            except ValidationError as error:
                self.add_error("password", error)
        return data


def _scope_or_403(request):
    scope = request_scope(request)
    if not scope.manages_accounts:
        raise PermissionDenied(ACCOUNTS_ONLY)
    return scope


@login_required
def account_list(request):
    scope = _scope_or_403(request)
    agencies = Agency.objects.filter(pk__in=scope.agency_ids).order_by("level", "name")
    form = NewAccountForm(request.POST or None, agencies=agencies)
    creates = scope.superuser or scope.role == Role.SYSTEM_ADMIN
    if request.method == "POST" and creates and form.is_valid():
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                username=form.cleaned_data["username"], password=form.cleaned_data["password"]
            )
            # A new account can read its agency's data; the 安全管理员 then gives it its real role.
            Membership.objects.create(user=user, agency=form.cleaned_data["agency"], role=Role.OFFICER)
        messages.success(request, f"已创建账号 {user.username}，请安全管理员分配角色")
        return redirect("web:account_list")
    members = Membership.objects.filter(agency_id__in=scope.agency_ids).select_related(
        "user", "agency", "office"
    )
    context = {
        "members": members.order_by("agency__level", "agency__name", "role"), "form": form, "creates": creates,
        "assigns": scope.superuser or scope.role == Role.SECURITY_ADMIN, "roles": Role.choices,
        "admin_roles": [r.value for r in ADMIN_ROLES],
        "with_device": set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True)),
    }  # fmt: skip
    return render(request, "web/accounts.html", context)


@require_POST
@login_required
def account_role(request, pk: int):
    scope = _scope_or_403(request)
    if not (scope.superuser or scope.role == Role.SECURITY_ADMIN):
        raise PermissionDenied(ACCOUNTS_ONLY)
    member = get_object_or_404(Membership.objects.filter(agency_id__in=scope.agency_ids), pk=pk)
    if member.user_id == request.user.pk:
        raise PermissionDenied(ROLE_NOT_OWN)
    role = request.POST.get("role")
    if role in Role.values:
        member.role = role
        member.save()
        messages.success(request, f"{member.user.username} 的角色已改为{Role(role).label}")
    return redirect("web:account_list")
