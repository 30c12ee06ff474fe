"""Reports submitted and plan adjustments, with the deadlines the execution pages track."""

from django.db import models

from anjian.plans.models import Plan, PlanVersion
from anjian.registry.models import Agency, Office


class ReportSubmission(models.Model):
    class PeriodKind(models.TextChoices):
        MONTH = "month", "月报"
        QUARTER = "quarter", "季报"
        YEAR = "year", "年报"

    agency = models.ForeignKey(
        Agency, verbose_name="部门", on_delete=models.PROTECT, related_name="report_submissions"
    )
    office = models.ForeignKey(
        Office, verbose_name="报送股室", null=True, blank=True, on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField("年度")
    period_kind = models.CharField("报表", max_length=8, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField("期数", help_text="月份或季度；年报为 1")
    submitted_on = models.DateField("报送日期")
    document = models.CharField("报送文件", max_length=300, blank=True)

    class Meta:
        verbose_name = "执行情况报送"
        verbose_name_plural = "执行情况报送"
        ordering = ["year", "period_kind", "number"]

    def __str__(self) -> str:
        return f"{self.year} {self.get_period_kind_display()} {self.number}"


class PlanAdjustment(models.Model):
    plan = models.ForeignKey(Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="adjustments")
    old_version = models.ForeignKey(
        PlanVersion, verbose_name="原版本", on_delete=models.PROTECT, related_name="+"
    )
    new_version = models.OneToOneField(PlanVersion, verbose_name="调整后版本", on_delete=models.PROTECT,
                                       related_name="adjustment")  # fmt: skip
    reason = models.CharField("调整原因", max_length=300)
    decision_date = models.DateField("决定日期")
    is_major = models.BooleanField("重大调整", default=False)
    diff = models.JSONField("变更明细", default=list, blank=True)
    internal_filed_on = models.DateField("内部备案日期", null=True, blank=True)
    reapproved_on = models.DateField("重新报批日期", null=True, blank=True)
    upward_filed_on = models.DateField("报上级备案日期", null=True, blank=True)
    documents = models.JSONField("相关文件", default=list, blank=True)

    class Meta:
        verbose_name = "计划调整"
        verbose_name_plural = "计划调整"
        ordering = ["plan", "decision_date"]

    def __str__(self) -> str:
        return f"{self.plan} 调整（{self.decision_date}）"
