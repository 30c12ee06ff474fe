"""The registry: agencies, their offices and officers, and the enterprises under their remit."""

from django.core.validators import RegexValidator
from django.db import models

from anjian.planning import facts

region_code_validator = RegexValidator(r"^\d{6}$", "行政区划代码应为 6 位数字（GB/T 2260）")


class Level(models.TextChoices):
    PROVINCE = facts.Level.PROVINCE.value, "省级"
    CITY = facts.Level.CITY.value, "市级"
    COUNTY = facts.Level.COUNTY.value, "县级"


class Agency(models.Model):
    name = models.CharField("名称", max_length=100, unique=True, help_text="如：吕梁市应急管理局")
    short_name = models.CharField("简称", max_length=30, blank=True, help_text="如：市应急局")
    code = models.SlugField("代号", max_length=40, unique=True, help_text="命令行中使用，如 lvliang")
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级应急管理部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    region_code = models.CharField(
        "行政区划代码", max_length=6, blank=True, validators=[region_code_validator]
    )
    province = models.CharField(
        "所在省份", max_length=20, blank=True, help_text="如：辽宁省；决定可用的规则包"
    )
    district = models.BooleanField("市辖区", default=False, help_text="区应急管理局（按县级）")
    doc_number_prefix = models.CharField("发文机关代字", max_length=20, blank=True, help_text="如：夏应急发")
    approving_government = models.CharField("本级人民政府", max_length=100, blank=True)
    ruleset = models.CharField("规则包", max_length=40, default="national", help_text="如 shanxi")

    class Meta:
        verbose_name = "应急管理部门"
        verbose_name_plural = "应急管理部门"
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name

    def to_domain(self) -> facts.Agency:
        return facts.Agency(
            id=self.pk,
            name=self.name,
            level=facts.Level(self.level),
            parent_id=self.parent_id,
            region_code=self.region_code,
        )


class Office(models.Model):
    class Kind(models.TextChoices):
        LEADERSHIP = "leadership", "局领导"
        OFFICE = "office", "股室/科室"
        ENFORCEMENT_TEAM = "enforcement_team", "执法大队/支队"
        OTHER = "other", "其他"

    agency = models.ForeignKey(
        Agency, verbose_name="所属部门", on_delete=models.PROTECT, related_name="offices"
    )
    name = models.CharField("名称", max_length=60)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.OFFICE)
    aliases = models.CharField(
        "别名", max_length=200, blank=True, help_text="以顿号或逗号分隔，导入时按别名匹配"
    )
    sort_order = models.PositiveIntegerField("排序", default=0)
    staffing_note = models.CharField("人员配置备注", max_length=100, blank=True, help_text="如：1人下乡")

    class Meta:
        verbose_name = "股室/科室/执法队"
        verbose_name_plural = "股室/科室/执法队"
        ordering = ["agency", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="office_unique_name_per_agency")
        ]

    def __str__(self) -> str:
        return self.name

    def alias_list(self) -> list[str]:
        return [
            a.strip() for a in self.aliases.replace("，", "、").replace(",", "、").split("、") if a.strip()
        ]

    def to_domain(self) -> facts.Office:
        return facts.Office(
            id=self.pk,
            agency_id=self.agency_id,
            name=self.name,
            is_enforcement_team=self.kind == self.Kind.ENFORCEMENT_TEAM,
        )


class Officer(models.Model):
    class Employment(models.TextChoices):
        ON_ROLL = "on_roll", "在编"
        SECONDED = "seconded", "借调"

    class Exclusion(models.TextChoices):
        NONE = "", "无"
        POSTED_AWAY = "posted_away", "下乡"
        UNCERTIFIED = "uncertified", "未取证"
        OTHER = "other", "其他"

    office = models.ForeignKey(
        Office, verbose_name="股室/科室", on_delete=models.PROTECT, related_name="officers"
    )
    name = models.CharField("姓名", max_length=30)
    employment = models.CharField(
        "人员性质", max_length=10, choices=Employment.choices, default=Employment.ON_ROLL
    )
    staffing_category = models.CharField(
        "编制类别",
        max_length=20,
        blank=True,
        help_text="如：行政编制、事业编制、借调；类别清单见规则包 staffing.categories",
    )
    certificate_no = models.CharField("执法证号", max_length=40, blank=True)
    certificate_valid_until = models.DateField("执法证有效期至", null=True, blank=True)
    enforcement_eligible = models.BooleanField("参加安全生产执法", default=True)
    exclusion_reason = models.CharField(
        "不参加执法原因", max_length=20, choices=Exclusion.choices, blank=True
    )
    is_mine_specialist = models.BooleanField("矿山安全监管专员", default=False)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    synthetic = models.BooleanField("合成数据", default=False, help_text="示例数据中由系统生成的姓名或证号")
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"
        ordering = ["office", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate_no"],
                condition=~models.Q(certificate_no=""),
                name="officer_unique_certificate",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def to_domain(self) -> facts.Officer:
        return facts.Officer(
            id=self.pk,
            office_id=self.office_id,
            name=self.name,
            certificate_no=self.certificate_no,
            certificate_valid_until=self.certificate_valid_until,
            enforcement_eligible=self.enforcement_eligible and not self.exclusion_reason,
            is_mine_specialist=self.is_mine_specialist,
        )


class Industry(models.TextChoices):
    COAL_MINE = facts.Industry.COAL_MINE.value, "煤矿"
    COAL_PROCESSING = facts.Industry.COAL_PROCESSING.value, "洗选煤及配煤型煤"
    NONCOAL_MINE = facts.Industry.NONCOAL_MINE.value, "非煤矿山"
    HAZCHEM = facts.Industry.HAZCHEM.value, "危险化学品"
    CIVIL_EXPLOSIVES = facts.Industry.CIVIL_EXPLOSIVES.value, "民用爆炸物品"
    PHARMA = facts.Industry.PHARMA.value, "医药"
    METALLURGY_TRADE = facts.Industry.METALLURGY_TRADE.value, "冶金工贸"
    TRAINING_BODY = facts.Industry.TRAINING_BODY.value, "安全生产培训机构"
    ASSESSMENT_BODY = facts.Industry.ASSESSMENT_BODY.value, "安全评价机构"
    OTHER = facts.Industry.OTHER.value, "其他"


class MineClass(models.TextChoices):
    A = "A", "A类"
    B = "B", "B类"
    C = "C", "C类"
    D = "D", "D类"


class StdGrade(models.TextChoices):
    FIRST = facts.StdGrade.FIRST.value, "一级"
    SECOND = facts.StdGrade.SECOND.value, "二级"
    THIRD = facts.StdGrade.THIRD.value, "三级"
    NONE = facts.StdGrade.NONE.value, "未定级"


class OperatingStatus(models.TextChoices):
    NORMAL = facts.OperatingStatus.NORMAL.value, "正常生产"
    TRIAL = facts.OperatingStatus.TRIAL.value, "试生产"
    RESUMPTION = facts.OperatingStatus.RESUMPTION.value, "复工复产"
    SUSPENDED = facts.OperatingStatus.SUSPENDED.value, "停产"
    CLOSED = facts.OperatingStatus.CLOSED.value, "关闭"


class Enterprise(models.Model):
    agency = models.ForeignKey(
        Agency,
        verbose_name="执法层级（监管部门）",
        on_delete=models.PROTECT,
        related_name="enterprises",
        help_text="一企一层级：负责对该单位执法的应急管理部门",
    )
    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True)
    uscc_override_reason = models.CharField(
        "校验未通过的说明",
        max_length=200,
        blank=True,
        help_text="早期代码可能无法通过 GB 32100 校验，须说明原因",
    )
    name = models.CharField("单位名称", max_length=200, db_index=True)
    address = models.CharField("地址", max_length=200, blank=True)
    principal = models.CharField("主要负责人", max_length=30, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    district_code = models.CharField(
        "所在区划代码", max_length=6, blank=True, validators=[region_code_validator]
    )
    district_name = models.CharField("所在县（市、区）", max_length=30, blank=True)
    industry = models.CharField("行业领域", max_length=20, choices=Industry.choices, db_index=True)
    sub_sector = models.CharField(
        "细分行业", max_length=30, blank=True, help_text="如 冶金、有色、建材、机械、轻工；尾矿库；加油站"
    )
    owning_office = models.ForeignKey(
        Office,
        verbose_name="主管股室/科室",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enterprises",
    )
    managing_level = models.CharField("管理层级", max_length=10, choices=Level.choices, default=Level.COUNTY)
    coal_class = models.CharField("煤矿分类", max_length=1, choices=MineClass.choices, blank=True)
    noncoal_class = models.CharField("非煤矿山风险等级", max_length=1, choices=MineClass.choices, blank=True)
    std_grade = models.CharField(
        "安全生产标准化等级", max_length=5, choices=StdGrade.choices, default=StdGrade.NONE
    )
    std_grade_valid_until = models.DateField("标准化证书有效期至", null=True, blank=True)
    high_risk_override = models.BooleanField(
        "高危行业（人工认定）", null=True, blank=True, help_text="留空则按规则包自动判定"
    )
    flag_key_chem = models.BooleanField("涉及重点监管危险化学品", default=False)
    flag_key_process = models.BooleanField("涉及重点监管危险化工工艺", default=False)
    flag_major_source = models.BooleanField("构成重大危险源", default=False)
    flag_combustible_dust = models.BooleanField("涉爆粉尘", default=False)
    flag_metal_smelting = models.BooleanField("金属冶炼", default=False)
    underground = models.BooleanField("地下矿山", default=False)
    open_pit_slope_m = models.PositiveIntegerField("露天矿边坡高度（米）", null=True, blank=True)
    tailings_upstream_important = models.BooleanField("尾矿库下游有重要设施", default=False)
    operating_status = models.CharField(
        "生产状态", max_length=12, choices=OperatingStatus.choices, default=OperatingStatus.NORMAL
    )
    parent_enterprise = models.ForeignKey(
        "self",
        verbose_name="所属煤矿（附属洗煤厂）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidiaries",
    )
    synthetic = models.BooleanField(
        "含合成数据", default=False, help_text="示例数据：原文未给出的统一社会信用代码、地址等由系统生成"
    )
    source_doc = models.CharField("数据来源", max_length=200, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "生产经营单位"
        verbose_name_plural = "生产经营单位"
        ordering = ["agency", "industry", "name"]
        indexes = [models.Index(fields=["agency", "industry"]), models.Index(fields=["district_code"])]

    def __str__(self) -> str:
        return self.name

    def to_domain(self) -> facts.Enterprise:
        return facts.Enterprise(
            id=self.pk,
            name=self.name,
            agency_id=self.agency_id,
            industry=facts.Industry(self.industry),
            uscc=self.uscc,
            sub_sector=self.sub_sector,
            district_code=self.district_code,
            owning_office_id=self.owning_office_id,
            managing_level=facts.Level(self.managing_level),
            coal_class=self.coal_class,
            noncoal_class=self.noncoal_class,
            std_grade=facts.StdGrade(self.std_grade),
            high_risk_override=self.high_risk_override,
            flag_key_chem=self.flag_key_chem,
            flag_key_process=self.flag_key_process,
            flag_major_source=self.flag_major_source,
            flag_combustible_dust=self.flag_combustible_dust,
            flag_metal_smelting=self.flag_metal_smelting,
            open_pit_slope_m=self.open_pit_slope_m,
            tailings_upstream_important=self.tailings_upstream_important,
            underground=self.underground,
            operating_status=facts.OperatingStatus(self.operating_status),
            facts=tuple(f.to_domain() for f in self.risk_facts.all()),
        )


class RiskFact(models.Model):
    class Kind(models.TextChoices):
        FATAL_ACCIDENT = facts.FactKind.FATAL_ACCIDENT.value, "发生死亡事故"
        MAJOR_HAZARD_FOUND = facts.FactKind.MAJOR_HAZARD_FOUND.value, "检查发现重大事故隐患"
        TRIAL_PRODUCTION = facts.FactKind.TRIAL_PRODUCTION.value, "试生产"
        RESUMPTION = facts.FactKind.RESUMPTION.value, "复工复产"
        JOINT_PUNISHMENT = facts.FactKind.JOINT_PUNISHMENT.value, "列入失信联合惩戒对象"
        DIRECTLY_MANAGED = facts.FactKind.DIRECTLY_MANAGED.value, "直管"
        SOE = facts.FactKind.SOE.value, "央企、省属企业"
        SUSPENDED = facts.FactKind.SUSPENDED.value, "停产"
        SHUTDOWN_ORDERED = facts.FactKind.SHUTDOWN_ORDERED.value, "责令停产（督导停产）"
        STD_OR_RISK_FAIL = facts.FactKind.STD_OR_RISK_FAIL.value, "标准化未达标或风险管控不到位"

    enterprise = models.ForeignKey(
        Enterprise, verbose_name="单位", on_delete=models.CASCADE, related_name="risk_facts"
    )
    kind = models.CharField("类别", max_length=24, choices=Kind.choices)
    valid_from = models.DateField("发生/起始日期")
    valid_to = models.DateField("终止日期", null=True, blank=True)
    detail = models.CharField(
        "情况说明", max_length=300, blank=True, help_text="如：顶板事故；市应急局检查发现"
    )
    deaths = models.PositiveSmallIntegerField("死亡人数", default=0)
    source_doc = models.CharField("依据文件", max_length=200, blank=True)

    class Meta:
        verbose_name = "风险事实"
        verbose_name_plural = "风险事实"
        ordering = ["enterprise", "valid_from"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.valid_from:%Y-%m-%d}"

    def to_domain(self) -> facts.RiskFact:
        return facts.RiskFact(
            kind=facts.FactKind(self.kind),
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            detail=self.detail,
            deaths=self.deaths,
            source_doc=self.source_doc,
        )
