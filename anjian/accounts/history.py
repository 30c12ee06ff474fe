"""Password history: a new password may not repeat any of the last few (等保 2.0 level 3 identification).

Only the salted hashes are kept, as in the user table. Whenever a user row is saved with a new password the
replaced hash goes into the history (a pre_save handler, so every path counts: the web form, the admin,
createadmin); the validator compares a candidate with the current hash and the newest of the history. Django's
password_changed hook restarts the expiry clock and writes an audit event.
"""

from __future__ import annotations

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from .models import Membership, PasswordHistory

PASSWORD_REUSED = "新口令不能与最近 {n} 次使用过的口令相同"  # noqa: S105 - a message, not a password


HISTORY_KEPT = 10  # more than any sensible `remember`; older hashes are deleted


def recent_hashes(user, n: int) -> list[str]:
    """The current hash and the n - 1 hashes it replaced, newest first."""
    older = PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[: max(n - 1, 0)]
    return [h for h in (user.password, *older) if h][:n]


def keep_replaced_hash(sender, instance, raw=False, **kwargs) -> None:
    """pre_save of the user model: the hash being replaced goes into the history."""
    if raw or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old and old != instance.password:
        PasswordHistory.objects.create(user_id=instance.pk, password=old)
        keep = PasswordHistory.objects.filter(user_id=instance.pk).values_list("pk", flat=True)[:HISTORY_KEPT]
        PasswordHistory.objects.filter(user_id=instance.pk).exclude(pk__in=list(keep)).delete()


class PasswordHistoryValidator:
    def __init__(self, remember: int = 5):
        self.remember = remember

    def validate(self, password: str, user=None) -> None:
        if user is None or not user.pk:
            return
        from django.contrib.auth import get_user_model

        stored = get_user_model().objects.filter(pk=user.pk).first()
        if stored is None:
            return
        if any(check_password(password, h) for h in recent_hashes(stored, self.remember)):
            raise ValidationError(PASSWORD_REUSED.format(n=self.remember), code="password_reused")

    def get_help_text(self) -> str:
        return PASSWORD_REUSED.format(n=self.remember)

    def password_changed(self, password: str, user=None) -> None:
        if user is None or not user.pk:
            return
        from .signals import password_changed as changed

        Membership.objects.filter(user=user).update(password_changed_at=timezone.now())
        agency_id = Membership.objects.filter(user=user).values_list("agency_id", flat=True).first()
        changed.send(sender=type(self), user=user, agency_id=agency_id)
