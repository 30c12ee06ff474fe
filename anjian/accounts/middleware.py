"""Password expiry (after ANJIAN_PASSWORD_MAX_AGE_DAYS only change the password or log out) and the 三员's second factor."""

import datetime as dt

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from .models import Membership

EXEMPT_NAMES = ("web:password_change", "web:logout", "web:login", "web:otp_verify")


class PasswordExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        days = settings.ANJIAN_PASSWORD_MAX_AGE_DAYS
        if days and request.user.is_authenticated and not self._exempt(request.path):
            changed = (
                Membership.objects.filter(user=request.user)
                .values_list("password_changed_at", flat=True)
                .first()
            )
            if changed and timezone.now() - changed > dt.timedelta(days=days):
                return redirect(f"{reverse('web:password_change')}?expired=1")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        return path.startswith(("/static/", "/admin/")) or path in {reverse(n) for n in EXEMPT_NAMES}


class SecondFactorMiddleware:
    """The 三员 act only after their one-time code (after django_otp's OTPMiddleware, which sets is_verified)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .second_factor import needs_second_factor

        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not self._exempt(request.path)
            and needs_second_factor(user)
        ):
            return redirect(f"{reverse('web:otp_verify')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        return path.startswith("/static/") or path in {
            reverse(n) for n in ("web:otp_verify", "web:logout", "web:login")
        }
