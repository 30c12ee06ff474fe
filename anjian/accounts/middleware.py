"""Password expiry: after ANJIAN_PASSWORD_MAX_AGE_DAYS a user may only change the password or log out."""

import datetime as dt

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from .models import Membership

EXEMPT_NAMES = ("web:password_change", "web:logout", "web:login")


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
