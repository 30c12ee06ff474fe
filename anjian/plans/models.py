"""A plan, its versions, and everything compiled into a version: rows, draws, workday sheets, visits, findings.

A version is immutable once a newer one exists; an adjustment (调整) creates a new version with its reason.
"""

from django.db import models

from anjian.planning.findings import label_of
from anjian.registry.models import Agency, Enterprise, Office


class Plan(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", "年度监督检查计划"
        SPECIAL = "special", "专项检查计划"

    class Status(models.TextChoices):
        DRAFT = "draft", "编制中"
        SUBMITTED = "submitted", "已报批"
        APPROVED = "approved", "已批准"
        FILED = "filed", "已备案"
        ISSUED = "issued", "已印发"

    agency = models.ForeignKey(
        Agency, verbose_name="编制单位", on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices, default=Kind.ANNUAL)
    title = models.CharField("标题", max_length=200, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    doc_number = models.CharField("发文字号", max_length=40, blank=True, help_text="如：夏应急发〔2025〕6号")
    settings = models.JSONField(
        "编制参数", default=dict, blank=True, help_text="一般检查抽取数量、每户人数天数等本局决定"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "计划"
        verbose_name_plural = "计划"
        ordering = ["-year", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind"], name="plan_unique_per_year")
        ]

    def __str__(self) -> str:
        return self.title or f"{self.agency.name}{self.year}年度安全生产监督检查计划"

    def current_version(self) -> "PlanVersion | None":
        return self.versions.order_by("-number").first()


class PlanVersion(models.Model):
    plan = models.ForeignKey(Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    ruleset = models.CharField("规则包", max_length=40)
    ruleset_chain = models.CharField("规则包继承链", max_length=200)
    reference_date = models.DateField("认定基准日")
    statutory_workdays = models.PositiveSmallIntegerField("国家法定工作日", null=True, blank=True)
    reason = models.CharField("编制/调整原因", max_length=300, blank=True)
    is_major_adjustment = models.BooleanField("重大调整", default=False)
    decision_date = models.DateField("决定日期", null=True, blank=True)
    created_by = models.CharField("操作人", max_length=60, blank=True)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    summary = models.JSONField("汇总", default=dict, blank=True)

    class Meta:
        verbose_name = "计划版本"
        verbose_name_plural = "计划版本"
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="version_unique_number")]

    def __str__(self) -> str:
        return f"{self.plan} 第{self.number}版"


class PlanEntry(models.Model):
    """One enterprise in the plan: key or general, with reasons, visits, quarter windows and responsible units."""

    class Category(models.TextChoices):
        KEY = "key", "重点检查"
        GENERAL = "general", "一般检查"

    version = models.ForeignKey(
        PlanVersion, verbose_name="计划版本", on_delete=models.CASCADE, related_name="entries"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="单位", on_delete=models.PROTECT, related_name="plan_entries"
    )
    category = models.CharField("类别", max_length=10, choices=Category.choices)
    sector = models.CharField("行业分组", max_length=30)
    proposed_category = models.CharField("系统建议", max_length=10, choices=Category.choices)
    reasons = models.JSONField("认定理由", default=list, help_text="[{code, text, basis}]，第一条印在备注中")
    override_reason = models.CharField("人工调整理由", max_length=300, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    visits_per_year = models.PositiveSmallIntegerField("检查频次（次/年）")
    quarters = models.JSONField("检查时间（季度）", default=list)
    responsible_offices = models.ManyToManyField(
        Office, verbose_name="责任单位", related_name="responsible_entries"
    )
    cooperating_units = models.JSONField("配合单位", default=list, blank=True)
    drawn = models.BooleanField("双随机抽取", default=False)
    cap = models.JSONField(
        "频次上限台账", default=dict, blank=True, help_text="{cap, used_by_level, headroom, basis}"
    )
    cap_justification = models.CharField("超上限说明", max_length=300, blank=True)
    sort_order = models.PositiveIntegerField("序号", default=0)

    class Meta:
        verbose_name = "计划单位"
        verbose_name_plural = "计划单位"
        ordering = ["version", "category", "sector", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "enterprise"], name="entry_unique_enterprise")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name}（{self.get_category_display()}）"


class Draw(models.Model):
    """A 双随机 draw: the commitment is published before the seed is revealed; the record replays the draw."""

    version = models.ForeignKey(
        PlanVersion, verbose_name="计划版本", on_delete=models.CASCADE, related_name="draws"
    )
    scope = models.CharField("抽取范围", max_length=30, default="intra")
    commitment = models.CharField("种子承诺值（SHA-256）", max_length=64)
    pool_digest = models.CharField("名录库摘要", max_length=64, blank=True)
    record = models.JSONField("抽取记录", default=dict)
    operator = models.CharField("操作人", max_length=60, blank=True)
    created_at = models.DateTimeField("抽取时间", auto_now_add=True)

    class Meta:
        verbose_name = "双随机抽取"
        verbose_name_plural = "双随机抽取"

    def __str__(self) -> str:
        return f"{self.version} 抽取 {self.commitment[:12]}"


class WorkdaySheet(models.Model):
    version = models.ForeignKey(
        PlanVersion, verbose_name="计划版本", on_delete=models.CASCADE, related_name="sheets"
    )
    team = models.CharField("测算单位", max_length=60)
    officers = models.PositiveIntegerField("执法人员数")
    data = models.JSONField("测算明细", default=dict)
    total_days = models.DecimalField("总法定工作日", max_digits=10, decimal_places=2)
    supervision_days = models.DecimalField("监督检查工作日", max_digits=10, decimal_places=2)
    other_enforcement_days = models.DecimalField("其他执法工作日", max_digits=10, decimal_places=2)
    non_enforcement_days = models.DecimalField("非执法工作日", max_digits=10, decimal_places=2)
    need_days = models.DecimalField("实际所需工作日", max_digits=10, decimal_places=2)
    overtime_days = models.DecimalField("需加班工作日", max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = "工作日测算"
        verbose_name_plural = "工作日测算"

    def __str__(self) -> str:
        return f"{self.team} 工作日测算"


class ScheduledVisit(models.Model):
    """One entry into an enterprise on a date; several offices' demands may share it (进一次门，查多项事)."""

    version = models.ForeignKey(
        PlanVersion, verbose_name="计划版本", on_delete=models.CASCADE, related_name="visits"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="单位", on_delete=models.PROTECT, related_name="scheduled_visits"
    )
    date = models.DateField("检查日期", db_index=True)
    span = models.JSONField(
        "检查工作日", default=list, blank=True, help_text="连续的工作日（ISO 日期）；空 = 仅检查日期当天"
    )
    days_each = models.DecimalField("每人检查天数", max_digits=6, decimal_places=2, default=1)
    person_days = models.DecimalField("检查人日", max_digits=8, decimal_places=2, default=0)
    offices = models.ManyToManyField(Office, verbose_name="参加股室", related_name="scheduled_visits")
    officers = models.ManyToManyField(
        "registry.Officer", verbose_name="执法人员", related_name="scheduled_visits"
    )
    demands = models.JSONField("合并的检查任务", default=list)
    is_joint = models.BooleanField("联合检查", default=False)
    is_final = models.BooleanField("已校验定稿", default=False)
    reason = models.CharField("安排理由", max_length=300, blank=True)

    class Meta:
        verbose_name = "排程检查"
        verbose_name_plural = "排程检查"
        ordering = ["version", "date"]

    def __str__(self) -> str:
        return f"{self.date} {self.enterprise.name}"


class Finding(models.Model):
    """A review or validation finding on a version: code, severity, place and a Chinese message."""

    class Severity(models.TextChoices):
        ERROR = "error", "错误"
        WARNING = "warning", "警告"
        INFO = "info", "提示"

    version = models.ForeignKey(
        PlanVersion, verbose_name="计划版本", on_delete=models.CASCADE, related_name="findings"
    )
    source = models.CharField(
        "来源", max_length=20, help_text="classify / frequency / draw / workdays / review / schedule"
    )
    code = models.CharField("代码", max_length=60)
    severity = models.CharField("严重程度", max_length=10, choices=Severity.choices)
    where = models.CharField("位置", max_length=200, blank=True)
    message = models.TextField("说明")
    basis = models.CharField("依据", max_length=300, blank=True)

    class Meta:
        verbose_name = "审查意见"
        verbose_name_plural = "审查意见"
        ordering = ["version", "severity", "code"]

    def __str__(self) -> str:
        return f"[{self.get_severity_display()}] {self.message[:40]}"

    @property
    def label(self) -> str:
        """The code's Chinese name (anjian/planning/finding_labels.py), which people see instead of the code."""
        return label_of(self.code)


class EntryOverride(models.Model):
    """A staff decision that overrides the engine for one enterprise; kept across recompiles, always with a reason."""

    plan = models.ForeignKey(Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="overrides")
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="单位", on_delete=models.CASCADE, related_name="+"
    )
    category = models.CharField("认定为", max_length=10, choices=PlanEntry.Category.choices, blank=True)
    visits_per_year = models.PositiveSmallIntegerField("检查频次（次/年）", null=True, blank=True)
    reason = models.CharField("理由", max_length=300)
    created_by = models.CharField("操作人", max_length=60, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "人工调整"
        verbose_name_plural = "人工调整"
        constraints = [
            models.UniqueConstraint(fields=["plan", "enterprise"], name="override_unique_enterprise")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.get_category_display() or self.visits_per_year}"


class WorkdayLineEdit(models.Model):
    """A staff change to one line of a workday sheet; applied after the sheet files on every recompile."""

    plan = models.ForeignKey(
        Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="workday_edits"
    )
    team_id = models.CharField("测算单位标识", max_length=60)
    line_key = models.CharField("事项", max_length=300, help_text="类别 | 章节 | 序号 事项")
    factors = models.JSONField("新的因子", default=dict, blank=True, help_text="{units, visits, …: 数值}")
    lump = models.DecimalField("新的总量（工作日）", max_digits=10, decimal_places=2, null=True, blank=True)
    reason = models.CharField("理由", max_length=300)
    created_by = models.CharField("操作人", max_length=60, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "工作日测算修改"
        verbose_name_plural = "工作日测算修改"
        constraints = [
            models.UniqueConstraint(fields=["plan", "team_id", "line_key"], name="workday_edit_unique_line")
        ]

    def __str__(self) -> str:
        return f"{self.team_id}：{self.line_key}"


class CapJustification(models.Model):
    """Why an enterprise may be visited above its frequency cap (超上限说明), approved by a bureau leader."""

    plan = models.ForeignKey(
        Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="cap_justifications"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="单位", on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField("超上限理由", max_length=250)
    approved_by = models.CharField("批准人（局领导）", max_length=60)
    decision_number = models.CharField("决定文件/文号", max_length=80, blank=True)
    created_by = models.CharField("操作人", max_length=60, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "超上限说明"
        verbose_name_plural = "超上限说明"
        constraints = [
            models.UniqueConstraint(fields=["plan", "enterprise"], name="cap_justification_unique_enterprise")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise}：{self.text[:30]}"


from .officer_calendar_model import OfficerAbsence  # noqa: E402, F401 - registered with the app here
