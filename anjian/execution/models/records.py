"""What an inspection leaves behind: the record, hazards, rectification orders and reviews, penalties."""

from django.core.validators import MinValueValidator
from django.db import models

from anjian.plans.models import PlanEntry, ScheduledVisit
from anjian.registry.models import Agency, Enterprise, Office, Officer

from .lists import InspectionItem


class Inspection(models.Model):
    class Origin(models.TextChoices):
        PLANNED = "planned", "计划内检查"
        COMPLAINT = "complaint", "投诉举报"
        ACCIDENT = "accident", "事故调查"
        CAMPAIGN = "campaign", "专项行动"
        ASSIGNMENT = "assignment", "上级交办"

    class Kind(models.TextChoices):
        ROUTINE = "routine", "日常检查"
        CASE = "case", "个案检查"
        SPECIAL = "special", "专项检查"
        SPECIAL_FROM_ABOVE = "special_from_above", "上级部署的专项检查"
        REVIEW = "review", "复查"
        SUPERVISORY_CHECK = "supervisory_check", "督导检查"
        VERIFICATION = "verification", "调查核实"

    class Method(models.TextChoices):
        REGULAR = "regular", "常规检查"
        UNANNOUNCED = "unannounced", "四不两直"
        VERIFYING = "verifying", "验证式检查"
        UNDERCOVER = "undercover", "暗查暗访"
        RANDOM = "random", "双随机"

    class Referral(models.TextChoices):
        NONE = "", "无"
        DEPARTMENT = "department", "移送其他部门"
        PROSECUTOR = "prosecutor", "移送司法机关"

    agency = models.ForeignKey(
        Agency, verbose_name="执法部门", on_delete=models.PROTECT, related_name="inspections"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="被检查单位", on_delete=models.PROTECT, related_name="inspections"
    )
    plan_entry = models.ForeignKey(PlanEntry, verbose_name="计划单位", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="inspections")  # fmt: skip
    scheduled_visit = models.ForeignKey(ScheduledVisit, verbose_name="排程检查", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="inspections")  # fmt: skip
    origin = models.CharField("检查来源", max_length=12, choices=Origin.choices, default=Origin.PLANNED)
    kind = models.CharField("检查类型", max_length=20, choices=Kind.choices, default=Kind.ROUTINE)
    on_site = models.BooleanField("现场检查", default=True, help_text="非现场（远程）检查不计入入企次数")
    method = models.CharField("检查方式", max_length=12, choices=Method.choices, default=Method.REGULAR)
    date = models.DateField("检查日期", db_index=True)
    offices = models.ManyToManyField(Office, verbose_name="参加股室", related_name="inspections")
    officers = models.ManyToManyField(Officer, verbose_name="执法人员", related_name="inspections")
    joint_departments = models.CharField("联合检查部门", max_length=200, blank=True)
    experts = models.CharField("专家、技术检查员", max_length=200, blank=True)
    entry_reported = models.BooleanField("入企报备", default=False)
    notice_disclosed = models.BooleanField("一告知两公开", default=False)
    quiz_tested = models.PositiveIntegerField("逢查必考人数", default=0)
    quiz_passed = models.PositiveIntegerField("考试合格人数", default=0)
    quiz_average = models.DecimalField("平均成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    items = models.ManyToManyField(
        InspectionItem, verbose_name="检查事项", blank=True, related_name="inspections"
    )
    on_site_handling = models.BooleanField("现场处理", default=False)
    compulsory_measures = models.BooleanField("行政强制措施", default=False)
    referral = models.CharField("移送", max_length=12, choices=Referral.choices, blank=True)
    referral_to = models.CharField("移送单位", max_length=100, blank=True)
    measures_note = models.CharField("执法措施说明", max_length=300, blank=True)
    summary = models.TextField("检查情况", blank=True)
    in_system = models.BooleanField(
        "已录入执法系统", default=False, help_text="互联网+执法或煤矿安全监管执法系统"
    )
    warnings = models.JSONField(
        "入企提示", default=list, blank=True, help_text="超频次上限、安静期、上级刚检查过"
    )
    approved_by = models.CharField("批准人", max_length=60, blank=True)
    approval_note = models.CharField("批准说明", max_length=300, blank=True)
    external_no = models.CharField("执法系统编号", max_length=60, blank=True)
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "检查记录"
        verbose_name_plural = "检查记录"
        ordering = ["-date", "enterprise"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "external_no"], condition=~models.Q(external_no=""),
                                    name="inspection_unique_external_no"),
            models.CheckConstraint(condition=models.Q(quiz_passed__lte=models.F("quiz_tested")),
                                   name="inspection_quiz_passed_le_tested"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.date} {self.enterprise.name}"

    @property
    def planned(self) -> bool:
        return self.plan_entry_id is not None


class RectificationOrder(models.Model):
    inspection = models.ForeignKey(
        Inspection, verbose_name="检查记录", on_delete=models.CASCADE, related_name="orders"
    )
    number = models.CharField("文书编号", max_length=60)
    issued_on = models.DateField("下达日期")
    deadline = models.DateField("整改期限")

    class Meta:
        verbose_name = "责令限期整改指令书"
        verbose_name_plural = "责令限期整改指令书"
        ordering = ["issued_on"]

    def __str__(self) -> str:
        return self.number


class Hazard(models.Model):
    class Level(models.TextChoices):
        GENERAL = "general", "一般事故隐患"
        MAJOR = "major", "重大事故隐患"

    inspection = models.ForeignKey(
        Inspection, verbose_name="检查记录", on_delete=models.CASCADE, related_name="hazards"
    )
    order = models.ForeignKey(RectificationOrder, verbose_name="整改指令", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="hazards")  # fmt: skip
    description = models.CharField("隐患描述", max_length=300)
    location = models.CharField("部位", max_length=100, blank=True)
    level = models.CharField("隐患级别", max_length=10, choices=Level.choices, default=Level.GENERAL)
    evidence = models.JSONField("证据文件", default=list, blank=True)
    found_on = models.DateField("发现日期")
    deadline = models.DateField("整改期限", null=True, blank=True)
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)

    class Meta:
        verbose_name = "事故隐患"
        verbose_name_plural = "事故隐患"
        ordering = ["found_on"]

    def __str__(self) -> str:
        return self.description[:40]


class Review(models.Model):
    order = models.ForeignKey(
        RectificationOrder, verbose_name="整改指令", on_delete=models.CASCADE, related_name="reviews"
    )
    applied_on = models.DateField("申请复查日期", null=True, blank=True)
    due_on = models.DateField("应复查日期")
    reviewed_on = models.DateField("复查日期", null=True, blank=True)
    passed = models.BooleanField("整改合格", null=True, blank=True)
    opinion = models.CharField("复查意见", max_length=300, blank=True)
    number = models.CharField("复查意见书编号", max_length=60, blank=True)

    class Meta:
        verbose_name = "复查"
        verbose_name_plural = "复查"
        ordering = ["due_on"]

    def __str__(self) -> str:
        return f"{self.order} 复查"


class PenaltyDecision(models.Model):
    inspection = models.ForeignKey(
        Inspection, verbose_name="检查记录", on_delete=models.PROTECT, related_name="penalties"
    )
    number = models.CharField("处罚决定书文号", max_length=60, unique=True)
    kind = models.CharField("处罚种类", max_length=60, default="罚款")
    amount = models.DecimalField("罚款金额（元）", max_digits=12, decimal_places=2, default=0,
                                 validators=[MinValueValidator(0)])  # fmt: skip
    decided_on = models.DateField("决定日期")
    served_on = models.DateField("送达日期", null=True, blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True)
    discretion_basis = models.CharField("裁量基准", max_length=200, blank=True)
    legal_review = models.BooleanField("经法制审核", default=False)
    typical_case = models.BooleanField("报送典型案例", default=False)

    class Meta:
        verbose_name = "行政处罚决定"
        verbose_name_plural = "行政处罚决定"
        ordering = ["decided_on"]

    def __str__(self) -> str:
        return self.number
