"""PlanSnapshot: everything a document needs, already computed and formatted by the plans service.

Writers only lay out what is here; they never recompute a figure, so the document and the plan cannot
disagree.
Decimals are kept as Decimal; texts are final Chinese (e.g. quarters_text "第二、四季度").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class StaffingRow:
    """One row of annex 1 (人员配置情况表); `group` is the merged first column (局机关 / 其他 / 执法支队)."""

    group: str
    name: str
    on_roll: int
    on_roll_enforcing: int
    seconded: int
    seconded_enforcing: int
    note: str = ""


@dataclass(frozen=True)
class SheetItem:
    """One line of a workday sheet: 'n 户 × p 人 × d 天 = r 天' or a lump sum."""

    category: str  # 监督检查 / 其他执法 / 非执法
    office: str
    label: str
    expression: str  # e.g. "41座×2次×5人×2组×2.5天" ('' for a lump sum)
    result: Decimal
    note: str = ""


@dataclass(frozen=True)
class TeamSheet:
    name: str  # e.g. 吕梁市应急管理局 / 吕梁市应急管理综合行政执法支队
    staff_total: int  # 在册（含抽调）人数
    officers: int  # 从事安全生产执法人员
    officer_share_text: str  # "51.1%"
    statutory_workdays: int
    total_days: Decimal
    supervision_days: Decimal
    other_enforcement_days: Decimal
    non_enforcement_days: Decimal
    need_days: Decimal
    overtime_days: Decimal
    residual_supervision_days: Decimal
    items: tuple[SheetItem, ...] = ()
    short_name: str = ""  # 市执法支队 ('' → name); used in running text after its first mention


@dataclass(frozen=True)
class KeyRow:
    seq: int
    name: str
    responsible: str  # 责任单位, several joined by 、
    cooperating: str  # 配合单位
    quarters_text: str
    note: str  # 备注: the first classification reason
    visits: int = 1


@dataclass(frozen=True)
class KeySection:
    """One sector's key-unit table, e.g. 煤矿企业重点检查安排表（生产经营单位 41 家）."""

    sector: str  # 煤矿企业
    unit_word: str  # 家 / 户 / 座
    rows: tuple[KeyRow, ...]
    has_cooperating_column: bool = True
    entity_word: str = "生产经营单位"  # sub-header count word: 生产经营单位 / 安全生产培训机构
    responsible_label: str = "责任单位"  # column header: 责任单位 / 实施单位
    heading: str = ""  # sub-header override; default "{sector}重点检查安排表（{entity_word}n{unit_word}）"

    @property
    def units(self) -> int:
        return len(self.rows)

    @property
    def visits(self) -> int:
        return sum(r.visits for r in self.rows)


@dataclass(frozen=True)
class GeneralRow:
    seq: int
    name: str
    district: str
    responsible: str
    quarters_text: str
    visits: int = 1
    drawn: bool = True


@dataclass(frozen=True)
class GeneralSection:
    sector: str
    rows: tuple[GeneralRow, ...]
    unit_word: str = "户"

    @property
    def units(self) -> int:
        return len(self.rows)

    @property
    def visits(self) -> int:
        return sum(r.visits for r in self.rows)


@dataclass(frozen=True)
class DrawSummary:
    scope: str  # 部门内 / 部门间
    commitment: str
    pool_digest: str
    pool_size: int
    drawn: int
    seed: str = ""


@dataclass(frozen=True)
class BreakdownRow:
    """Planned entries per office and period.

    period is '第一季度', '1月', or an ISO week '第12周（3月18日—3月24日）'.
    """

    office: str
    period_kind: str  # quarter / month / week
    period: str
    visits: int


@dataclass(frozen=True)
class VisitRow:
    date: dt.date
    enterprise: str
    district: str
    offices: str
    officers: str  # names with certificate numbers
    joint: bool = False


@dataclass(frozen=True)
class PlanSnapshot:
    agency_name: str  # 吕梁市应急管理局
    agency_short_name: str  # 市应急局
    year: int
    title: str  # 吕梁市应急管理局2024年度安全生产监督检查计划
    doc_number: str  # 吕应急发〔2024〕6号 ('' while a draft)
    recipients: str  # 主送
    issue_date: dt.date | None
    approving_government: str
    basis_docs: tuple[str, ...]
    staffing: tuple[StaffingRow, ...]
    teams: tuple[TeamSheet, ...]
    key_sections: tuple[KeySection, ...]
    general_sections: tuple[GeneralSection, ...]
    key_share_text: str  # "58.8%"
    general_share_text: str
    share_base_text: str  # 按检查次数 / 按单位数
    draws: tuple[DrawSummary, ...] = ()
    breakdown: tuple[BreakdownRow, ...] = ()
    visits: tuple[VisitRow, ...] = ()
    safeguards: tuple[str, ...] = field(default_factory=tuple)  # 保障措施 paragraphs
    # Optional document texts (documents/plan_text.py supplies the Lüliang 2024 plan's wording when empty):
    objectives: tuple[str, ...] = ()  # 工作目标 items, without numbers
    issuer_mark: str = ""  # red 发文机关标志 ('' → agency_name + "文件")
    signatory: str = ""  # 发文机关署名 ('' → agency_name)
    printing_office: str = ""  # 版记 印发机关 ('' → no 版记)
    openpit_slope_m: int = 0  # key-unit scope threshold from the rule pack (0: "达到规定高度")
    copy_to: str = ""  # 版记 抄送 ('' → none)
    print_date: dt.date | None = None  # 版记 印发日期
    # Filled into the default 保障措施 wording (plan_wording.SAFEGUARDS): "30日", "7个工作日", "2" …
    deadlines: tuple[tuple[str, str], ...] = ()
    exported_on: dt.date | None = None  # the day the files are written (core properties)
    draft: bool = False  # 草稿: the 公文 frame is incomplete (see frame.missing_frame_fields)
    industries: tuple[str, ...] = ()  # Industry codes the bureau supervises (() = unknown: whole scope)
    required_visits: int | None = None  # 应检查户次 ([plan] required_visits; None → no coverage sentence)
    coverage_text: str = ""  # planned / required, e.g. "96.5%"

    @property
    def key_units(self) -> int:
        return sum(s.units for s in self.key_sections)

    @property
    def key_visits(self) -> int:
        return sum(s.visits for s in self.key_sections)

    @property
    def general_units(self) -> int:
        return sum(s.units for s in self.general_sections)

    @property
    def general_visits(self) -> int:
        return sum(s.visits for s in self.general_sections)
