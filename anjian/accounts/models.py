"""Who may do what, and where: one membership per user, scoped to an agency and every agency below it."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from anjian.registry.models import Agency, Office, Officer


class Role(models.TextChoices):
    # 三员分立: the three administrators are separate people and none of them handles plans.
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"
    LEADER = "leader", "局领导"
    OFFICE_HEAD = "office_head", "股室负责人"
    OFFICER = "officer", "执法人员"


ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
BUSINESS_ROLES = frozenset({Role.LEADER, Role.OFFICE_HEAD, Role.OFFICER})
# Roles that change registry and plan data of their own agency (never of an agency below it).
EDITOR_ROLES = frozenset({Role.LEADER, Role.OFFICE_HEAD})
APPROVER_ROLES = frozenset({Role.LEADER})


class Membership(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="membership"
    )
    agency = models.ForeignKey(Agency, verbose_name="所属部门", on_delete=models.PROTECT, related_name="+")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    office = models.ForeignKey(
        Office, verbose_name="股室/科室", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    officer = models.ForeignKey(
        Officer,
        verbose_name="对应执法人员",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="执法人员角色只看本人的检查任务",
    )
    password_changed_at = models.DateTimeField("口令修改时间", default=timezone.now)

    class Meta:
        verbose_name = "角色与范围"
        verbose_name_plural = "角色与范围"

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display()}（{self.agency}）"


# The salted hashes of a user's recent passwords, for the "not one of the last 5" rule (anjian.accounts.history).
class PasswordHistory(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="+"
    )
    password = models.CharField("口令摘要", max_length=128)
    changed_at = models.DateTimeField("修改时间", default=timezone.now)

    class Meta:
        verbose_name = "历史口令"
        verbose_name_plural = "历史口令"
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.changed_at:%Y-%m-%d} 之前的口令"
