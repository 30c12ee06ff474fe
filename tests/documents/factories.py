"""A realistic PlanSnapshot of the Lüliang 2024 plan (《吕梁市应急管理局2024年度安全生产监督检查计划》), for document tests and the benchmark.

Staffing (annex 1), both workday sheets (annexes 3, 4) and the 103 key units of annex 2 are the seed's own
figures
and names (`data/luliang_2024_key_units.tsv`); the 101 general units of §四 get synthetic names but the seed's
per-sector counts and responsible offices. Breakdowns, draws and visits are derived deterministically.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from anjian.documents.snapshot import (
    GeneralRow,
    GeneralSection,
    KeyRow,
    KeySection,
    PlanSnapshot,
    StaffingRow,
)
from anjian.documents.visit_plan_docx import VisitPlan
from tests.documents.luliang_schedule import QUARTERS, breakdown, draws, visits
from tests.documents.luliang_sheets import brigade_sheet, bureau_sheet
from tests.documents.luliang_text import SAFEGUARDS

DATA = Path(__file__).with_name("data")
COAL_OFFICES = "煤矿安全综合科、煤矿安全综合一科、煤矿安全综合二科、市执法支队"
DISTRICTS = (
    "离石区",
    "孝义市",
    "汾阳市",
    "文水县",
    "交城县",
    "兴县",
    "临县",
    "柳林县",
    "石楼县",
    "岚县",
    "方山县",
    "中阳县",
    "交口县",
)

# (sector, unit word, entity word, responsible label, has 配合单位 column, visits per unit) — the Lüliang 2024 plan annex 2
KEY_SECTORS = {
    "煤矿企业": ("家", "生产经营单位", "责任单位", True, 2),
    "洗选煤企业": ("户", "生产经营单位", "实施单位", False, 1),
    "非煤矿山企业": ("户", "生产经营单位", "实施单位", True, 1),
    "危险化学品、民爆企业": ("户", "生产经营单位", "责任单位", True, 1),
    "冶金工贸": ("户", "生产经营单位", "责任单位", True, 1),
    "培训机构": ("户", "安全生产培训机构", "责任单位", True, 1),
}

# (sector, [(responsible, units)], name pattern) — the Lüliang 2024 plan §四(二)
GENERAL_SECTORS = (
    ("煤矿", [(COAL_OFFICES, 10)], "{d}{n}煤业有限公司"),
    ("洗选煤及配煤型煤加工企业", [("市执法支队", 6)], "{d}{n}洗煤有限公司"),
    ("非煤矿山", [("非煤矿山安全监管科", 5), ("市执法支队", 10)], "{d}{n}石料有限公司"),
    ("危险化学品企业（含民爆）", [("危险化学品安全监督管理科", 5), ("市执法支队", 30)], "{d}{n}化工有限公司"),
    ("冶金工贸企业", [("冶金工贸安全监管科", 5), ("市执法支队", 10)], "{d}{n}铸造有限公司"),
    ("安全评价机构", [("办公室", 10)], "山西{n}安全评价有限公司"),
    ("随机抽查（煤矿、非煤矿山、危险化学品、冶金工贸）", [("人事教育训练科", 10)], "{d}{n}实业有限公司"),
)
TRADE_NAMES = (
    "恒泰",
    "鑫源",
    "宏达",
    "瑞丰",
    "永安",
    "金盛",
    "华兴",
    "晋峰",
    "隆昌",
    "兴旺",
    "泰和",
    "昌盛",
    "德润",
    "广源",
    "聚鑫",
)

STAFFING = (
    ("局机关", "局领导", 5, 5, 0, 0, ""),
    ("局机关", "调研员", 4, 3, 0, 0, ""),
    ("局机关", "县级领导", 5, 4, 0, 0, "1人下乡"),
    ("局机关", "办公室", 4, 3, 10, 1, "1人未取证"),
    ("局机关", "安委办工作科", 3, 2, 3, 0, "1人下乡"),
    ("局机关", "煤矿安全综合一科", 1, 0, 5, 4, "1人下乡"),
    ("局机关", "煤矿安全综合科", 0, 0, 4, 2, ""),
    ("局机关", "煤矿安全综合二科", 0, 0, 6, 3, ""),
    ("局机关", "非煤矿山安全监管科", 1, 1, 2, 1, ""),
    ("局机关", "危险化学品安全监管科", 2, 2, 3, 1, ""),
    ("局机关", "冶金工贸安全监管科", 1, 1, 3, 1, ""),
    ("局机关", "人事教育训练科", 5, 3, 2, 0, "1人下乡、1人未取证"),
    ("局机关", "科技规划科", 1, 1, 0, 0, ""),
    ("局机关", "行政审批管理科", 1, 1, 2, 0, ""),
    ("局机关", "事故调查科", 1, 1, 3, 0, ""),
    ("局机关", "自然灾害救援科", 1, 1, 3, 0, ""),
    ("局机关", "救灾减灾科", 1, 1, 2, 1, ""),
    ("局机关", "监察专员", 1, 1, 0, 0, ""),
    ("局机关", "指挥专员", 1, 1, 0, 0, ""),
    ("其他", "其他", 1, 0, 0, 0, "下属单位县级领导"),
)

BASIS = (
    "《安全生产法》",
    "《山西省安全生产条例》",
    "《安全生产监管监察职责和行政执法责任追究的规定》",
    "《安全生产执法手册》（2020版）",
    "《安全生产年度监督检查计划编制办法》",
    "《国家煤矿安全监察局关于印发煤矿安全监管执法计划编制办法（试行）的通知》（煤安监监察〔2018〕24号）",
)


def key_sections() -> tuple[KeySection, ...]:
    rows: dict[str, list[KeyRow]] = {s: [] for s in KEY_SECTORS}
    for line in (DATA / "luliang_2024_key_units.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        sector, seq, name, responsible, cooperating, quarters, note = line.split("\t")
        rows[sector].append(
            KeyRow(
                seq=int(seq),
                name=name,
                responsible=responsible,
                cooperating=cooperating,
                quarters_text=quarters,
                note=note,
                visits=KEY_SECTORS[sector][4],
            )
        )
    return tuple(
        KeySection(
            sector=s,
            unit_word=w,
            rows=tuple(rows[s]),
            has_cooperating_column=coop,
            entity_word=e,
            responsible_label=label,
        )
        for s, (w, e, label, coop, _v) in KEY_SECTORS.items()
    )


def general_sections() -> tuple[GeneralSection, ...]:
    sections, k = [], 0
    for sector, shares, pattern in GENERAL_SECTORS:
        rows = []
        for responsible, count in shares:
            for _ in range(count):
                district = DISTRICTS[k % len(DISTRICTS)]
                name = pattern.format(
                    d=district, n=TRADE_NAMES[k % len(TRADE_NAMES)] + TRADE_NAMES[k // 15 % 15]
                )
                rows.append(
                    GeneralRow(
                        seq=len(rows) + 1,
                        name=name,
                        district=district,
                        responsible=responsible,
                        quarters_text=QUARTERS[k % 4],
                    )
                )
                k += 1
        sections.append(
            GeneralSection(sector=sector, rows=tuple(rows), unit_word="座" if sector == "煤矿" else "户")
        )
    return tuple(sections)


def luliang_snapshot() -> PlanSnapshot:
    keys, generals = key_sections(), general_sections()
    return PlanSnapshot(
        openpit_slope_m=200,  # the Lüliang 2024 plan §三（一）1（2）
        agency_name="吕梁市应急管理局",
        agency_short_name="市应急局",
        year=2024,
        title="吕梁市应急管理局2024年度安全生产监督检查计划",
        doc_number="吕应急发〔2024〕6号",
        recipients="局机关各科室，市应急管理综合行政执法支队",
        issue_date=dt.date(2024, 3, 8),
        approving_government="吕梁市人民政府",
        basis_docs=BASIS,
        staffing=tuple(StaffingRow(*row) for row in STAFFING),
        teams=(bureau_sheet(), brigade_sheet()),
        key_sections=keys,
        general_sections=generals,
        key_share_text="58.8%",
        general_share_text="41.2%",
        share_base_text="按检查次数",
        draws=draws(),
        breakdown=breakdown(keys, generals),
        visits=visits(keys),
        printing_office="吕梁市应急管理局办公室",
        print_date=dt.date(2024, 3, 8),
        copy_to="山西省应急管理厅，吕梁市人民政府",
        safeguards=SAFEGUARDS,
    )


def sample_visit_plan() -> VisitPlan:
    return VisitPlan(
        agency_name="吕梁市应急管理局",
        number="吕应急检方〔2024〕12号",
        enterprise="山西吕梁离石贾家沟煤业有限公司",
        address="吕梁市离石区信义镇贾家沟村",
        principal="王建国",
        phone="0358-8221234",
        date=dt.date(2024, 3, 12),
        area="井下采掘工作面、主要通风机房、中央变电所、调度室",
        content=(
            "安全生产责任制及主要负责人履职情况",
            "顶板管理及采掘工作面作业规程执行情况",
            "重大事故隐患排查治理情况",
            "从业人员安全培训及“逢查必考”",
        ),
        focus="2023年2月8日顶板事故整改措施落实情况",
        method="“四不两直”、验证式检查",
        officers=(("张伟", "14010001"), ("李娜", "14010002"), ("赵强", "14010003")),
        experts=("刘振华（采矿工程专家）",),
        tools=("执法记录仪", "便携式瓦斯检测报警仪", "激光测距仪"),
        author="张伟",
        approver="王志刚",
    )
