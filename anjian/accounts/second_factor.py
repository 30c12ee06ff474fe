"""The second factor of the three administrators (三员): a TOTP device that the 安全管理员 enrols.

等保 2.0 level 3 asks that administrators authenticate with two different kinds of factor. The device is
the authenticator app on the administrator's phone; its secret is shown once, as text and as an otpauth://
address that every authenticator app accepts.
"""

from __future__ import annotations

from base64 import b32encode
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import ADMIN_ROLES, Membership
from .signals import otp_enrolled

DEVICE_NAME = "手机动态口令"
OTP_ISSUER = "安监计划"


@dataclass(frozen=True)
class Enrolment:
    username: str
    secret: str  # base32, what an authenticator app asks for when the address is typed in by hand
    uri: str


def needs_second_factor(user) -> bool:
    """Whether this account may act only after a one-time code: the 三员, and any superuser."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    role = Membership.objects.filter(user=user).values_list("role", flat=True).first()
    return role in ADMIN_ROLES


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def device_enrol(*, user) -> Enrolment:
    """Give the user a new device; any earlier device stops working (a lost phone is replaced this way)."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    agency_id = Membership.objects.filter(user=user).values_list("agency_id", flat=True).first()
    otp_enrolled.send(sender=Enrolment, user=user, agency_id=agency_id)
    return Enrolment(user.get_username(), b32encode(device.bin_key).decode("ascii"), device.config_url)
