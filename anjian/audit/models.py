"""The audit log: append-only, each event carrying the hash of the one before it (a hash chain)."""

from django.db import models


class AppendOnlyError(RuntimeError):
    pass


AUDIT_APPEND_ONLY = "审计日志只能追加，不能修改或删除"


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(AUDIT_APPEND_ONLY)

    def delete(self):
        raise AppendOnlyError(AUDIT_APPEND_ONLY)


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "新增"
        UPDATE = "update", "修改"
        DELETE = "delete", "删除"
        LOGIN = "login", "登录"
        LOGOUT = "logout", "退出"
        LOGIN_FAILED = "login_failed", "登录失败"
        EXPORT = "export", "导出"
        IMPORT = "import", "导入"
        APPROVE = "approve", "审批"
        PASSWORD_CHANGE = "password_change", "修改口令"
        DENIED = "denied", "拒绝访问"
        OTP_ENROL = "otp_enrol", "绑定动态口令"
        BACKUP = "backup", "备份"
        RESTORE = "restore", "恢复"

    at = models.DateTimeField("时间", db_index=True)
    actor = models.CharField("操作人", max_length=150, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    action = models.CharField("操作", max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField("对象类型", max_length=60, blank=True, db_index=True)
    object_id = models.CharField("对象编号", max_length=40, blank=True)
    object_repr = models.CharField("对象", max_length=300, blank=True)
    agency_id = models.BigIntegerField("所属部门编号", null=True, blank=True, db_index=True)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)
    prev_hash = models.CharField("上一条哈希", max_length=64)
    hash = models.CharField("本条哈希", max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(AUDIT_APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(AUDIT_APPEND_ONLY)
