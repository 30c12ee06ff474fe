"""Pages of the second factor: entering the one-time code after the password, and the enrolment by 安全管理员."""

from __future__ import annotations

import django_otp
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from anjian.accounts.models import Membership, Role
from anjian.accounts.scope import request_scope
from anjian.accounts.second_factor import device_enrol, has_device, needs_second_factor

OTP_WRONG = "动态口令不正确或已过期，请输入手机上当前显示的 6 位数字"
OTP_ONLY_SECURITY_ADMIN = "只有安全管理员可以为账号绑定动态口令"
OTP_NOT_OWN = "安全管理员不能为自己绑定动态口令：请由另一名安全管理员或在服务器上用 anjian otp enrol 办理"


class TokenForm(forms.Form):
    token = forms.CharField(
        label="动态口令", min_length=6, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )  # fmt: skip


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@login_required
def otp_verify(request):
    if not needs_second_factor(request.user) or request.user.is_verified():
        return redirect(_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
        if device is not None and django_otp.verify_token(
            request.user, device.persistent_id, form.cleaned_data["token"]
        ):
            django_otp.login(request, device)
            return redirect(_next(request))
        form.add_error("token", OTP_WRONG)
    context = {"form": form, "next": _next(request), "enrolled": has_device(request.user)}
    return render(request, "web/otp_verify.html", context)


@require_POST
@login_required
def otp_enrol(request, pk: int):
    scope = request_scope(request)
    if not (scope.superuser or scope.role == Role.SECURITY_ADMIN):
        raise PermissionDenied(OTP_ONLY_SECURITY_ADMIN)
    member = get_object_or_404(Membership.objects.filter(agency_id__in=scope.agency_ids), pk=pk)
    if member.user_id == request.user.pk:
        raise PermissionDenied(OTP_NOT_OWN)
    enrolment = device_enrol(user=member.user)
    return render(request, "web/otp_enrolled.html", {"enrolment": enrolment, "member": member})
