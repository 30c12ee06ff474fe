"""Officers' calendars: the periods they cannot go out on inspections."""

from django.db import models


class OfficerAbsence(models.Model):
    """A period an officer cannot go out on inspections: leave, training, office duty (值班) or 下乡."""

    class Kind(models.TextChoices):
        LEAVE = "leave", "请假"
        TRAINING = "training", "培训"
        DUTY = "duty", "值班"
        RURAL = "rural", "下乡"

    officer = models.ForeignKey(
        "registry.Officer", verbose_name="执法人员", on_delete=models.CASCADE, related_name="absences"
    )
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    start = models.DateField("开始日期")
    end = models.DateField("结束日期")
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "执法人员日程"
        verbose_name_plural = "执法人员日程"
        ordering = ["officer", "start"]

    def __str__(self) -> str:
        return f"{self.officer} {self.get_kind_display()} {self.start}—{self.end}"
