"""Signing a test client in as a user who has passed the second factor when their role needs one."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from anjian.accounts.second_factor import device_enrol, needs_second_factor


def signed_in(user, client: Client | None = None) -> Client:
    """force_login, plus for the 三员 an enrolled device marked as verified in the session."""
    c = client or Client(HTTP_HOST="localhost")
    c.force_login(user)
    if needs_second_factor(user):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        if not TOTPDevice.objects.filter(user=user).exists():
            device_enrol(user=user)
        session = c.session
        session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
        session.save()
    return c
