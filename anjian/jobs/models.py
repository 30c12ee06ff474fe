"""One row per long operation started from the web or the command line."""

from django.conf import settings
from django.db import models

from anjian.registry.models import Agency


class Job(models.Model):
    class Kind(models.TextChoices):
        COMPILE = "compile", "编制计划"
        SCHEDULE = "schedule", "排程"
        EXPORT = "export", "导出文书"
        REPORT = "report", "统计报表"
        IMPORT = "import", "导入名录"

    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "运行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"
        CANCELLED = "cancelled", "已取消"

    FINISHED = (State.DONE, State.FAILED, State.CANCELLED)

    kind = models.CharField("任务类别", max_length=10, choices=Kind.choices)
    agency = models.ForeignKey(Agency, verbose_name="部门", on_delete=models.CASCADE, related_name="jobs")
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    params = models.JSONField("参数", default=dict, blank=True)
    by = models.CharField("发起人", max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起账号", null=True, blank=True, on_delete=models.SET_NULL
    )
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField("进度（%）", default=0)
    message = models.CharField("说明", max_length=500, blank=True)
    result = models.JSONField("结果", default=dict, blank=True)
    cancel_requested = models.BooleanField("已请求取消", default=False)
    worker = models.CharField("执行进程", max_length=200, blank=True)
    heartbeat_at = models.DateTimeField("最近心跳", null=True, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-pk"]
        indexes = [models.Index(fields=["state", "heartbeat_at"])]

    def __str__(self) -> str:
        year = f" {self.year} 年度" if self.year else ""
        return f"任务 {self.pk}：{self.agency.name}{year}{self.get_kind_display()}"

    @property
    def is_finished(self) -> bool:
        return self.state in self.FINISHED

    @property
    def seconds(self) -> float | None:
        if self.started_at is None:
            return None
        end = self.finished_at or self.heartbeat_at or self.started_at
        return round((end - self.started_at).total_seconds(), 1)

    def as_dict(self) -> dict:
        return {
            "id": self.pk, "kind": self.kind, "kind_label": self.get_kind_display(), "agency": self.agency.code,
            "year": self.year, "by": self.by, "state": self.state, "state_label": self.get_state_display(),
            "progress": self.progress, "message": self.message, "result": self.result,
            "created_at": self.created_at, "started_at": self.started_at, "finished_at": self.finished_at,
            "seconds": self.seconds,
        }  # fmt: skip
