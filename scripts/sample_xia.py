"""Xia County 2025 sample (夏应急发〔2025〕6号 §一): 12 key and 65 general units, four offices and the brigade.

夏应急发〔2025〕6号 names only three key units (运力化工, 晋新双鹤, 好大夫制药); the others are synthetic.
Classes and grades
are chosen so that the plan's frequencies stay within the Shanxi caps (docs/business-rules.md §6): non-coal D at 4/yr,
key metallurgy at 4/yr (high-risk smelting graded 二级/三级/未定级, dust-only 三级/未定级), general
metallurgy at 2/yr (never non-high-risk 一级), the tailings pond class C at 2/yr.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sample_synth import O_HEADER, P_HEADER, Sample, certificate, date_between, weighted, write_xlsx

SEED = "夏应急发〔2025〕6号"
SOURCE_KEY = (
    f"夏县应急管理局2025年度安全生产监督检查计划第一部分重点检查任务（{SEED}）；除文中点名单位外均为合成数据"
)
SOURCE_GENERAL = f"合成数据：按夏县应急管理局2025年度安全生产监督检查计划（{SEED}）第一部分一般检查任务的行业与数量生成"
COUNTY = {"140828": "夏县"}
NONCOAL, HAZCHEM, METALLURGY = "非煤矿山安全监管股", "危险化学品安全监管股", "冶金工贸安全监管股"
OFFICES = [
    [1, NONCOAL, "股室", None, None],
    [2, HAZCHEM, "股室", None, None],
    [3, METALLURGY, "股室", None, None],
    [4, "综合协调股", "股室", None, None],
    [5, "执法大队", "执法大队", "执法队、综合行政执法队", "监督各股室执法检查，接收月度报送与调整备案"],
]
STAFF = {NONCOAL: 3, HAZCHEM: 3, METALLURGY: 3, "综合协调股": 2, "执法大队": 3}
KEY_METALLURGY = (  # (name template, sub-sector, smelting, dust, grade)
    ("夏县{w}铝业有限公司", "有色", True, False, "二级"),
    ("夏县{w}铸造有限公司", "冶金", True, False, "二级"),
    ("夏县{w}精密铸造有限公司", "机械", True, False, "三级"),
    ("夏县{w}镁业有限公司", "有色", True, False, "未定级"),
    ("夏县{w}面粉有限公司", "轻工", False, True, "三级"),
    ("夏县{w}木业有限公司", "轻工", False, True, "三级"),
    ("夏县{w}金属制品有限公司", "机械", False, True, "未定级"),
)
GENERAL_METALLURGY = (
    ("建材", "夏县{w}建材有限公司"),
    ("机械", "夏县{w}机械有限公司"),
    ("轻工", "夏县{w}食品有限公司"),
    ("纺织", "夏县{w}纺织有限公司"),
    ("建材", "夏县{w}新型墙材有限公司"),
)


def build_xia(folder: Path) -> None:
    rng = random.Random(2025)
    sample = Sample(rng, city="运城市", counties=COUNTY, area="0359", first_serial=22_000_000)
    district = "140828"
    key = {"备注": "重点检查", "数据来源": SOURCE_KEY, "管理层级": "县级"}
    general = {"备注": "一般检查", "数据来源": SOURCE_GENERAL, "管理层级": "县级"}
    for _ in range(2):
        sample.add(
            sample.names.company("夏县{w}矿业有限公司"),
            "非煤矿山",
            district,
            **key,
            **{
                "细分行业": "金属非金属矿山",
                "非煤矿山风险等级": "D",
                "责任单位": NONCOAL,
                "安全生产标准化等级": "三级",
            },
        )
    chem = {"涉及重点监管危险化学品": True, "构成重大危险源": True, "责任单位": HAZCHEM}
    sample.add(
        "夏县运力化工有限公司",
        "危险化学品",
        district,
        **key,
        **chem,
        **{"细分行业": "危险化学品生产", "涉及重点监管危险化工工艺": True, "安全生产标准化等级": "二级"},
    )
    sample.add(
        "山西晋新双鹤药业有限责任公司",
        "医药",
        district,
        **key,
        **chem,
        **{"细分行业": "化学原料药", "涉及重点监管危险化工工艺": True, "安全生产标准化等级": "二级"},
    )
    sample.add(
        "山西好大夫制药有限公司",
        "医药",
        district,
        **key,
        **chem,
        **{"细分行业": "化学制剂", "安全生产标准化等级": "三级"},
    )
    for template, sub, smelting, dust, grade in KEY_METALLURGY:
        sample.add(
            sample.names.company(template),
            "冶金工贸",
            district,
            **key,
            **{
                "细分行业": sub,
                "金属冶炼": smelting,
                "涉爆粉尘": dust,
                "安全生产标准化等级": grade,
                "责任单位": METALLURGY,
            },
        )
    sample.add(
        sample.names.company("夏县{w}矿业有限公司尾矿库"),
        "非煤矿山",
        district,
        **general,
        **{"细分行业": "尾矿库", "非煤矿山风险等级": "C", "责任单位": NONCOAL, "安全生产标准化等级": "三级"},
    )
    for _ in range(29):
        sample.add(
            sample.names.company("夏县{w}加油站"),
            "危险化学品",
            district,
            **general,
            **{
                "细分行业": "加油站",
                "责任单位": HAZCHEM,
                "安全生产标准化等级": weighted(rng, [("二级", 2), ("三级", 5), ("未定级", 1)]),
            },
        )
    for i in range(35):
        sub, template = GENERAL_METALLURGY[i % len(GENERAL_METALLURGY)]
        sample.add(
            sample.names.company(template),
            "冶金工贸",
            district,
            **general,
            **{
                "细分行业": sub,
                "责任单位": METALLURGY,
                "安全生产标准化等级": weighted(rng, [("二级", 2), ("三级", 5), ("未定级", 2)]),
            },
        )
    sample.write_enterprises(folder / "enterprises.xlsx")
    write_xlsx(folder / "offices.xlsx", [("股室", O_HEADER, OFFICES)])
    people, serial = [], 0
    for office, count in STAFF.items():
        for _ in range(count):
            serial += 1
            valid = date_between(rng, dt.date(2026, 6, 30), dt.date(2029, 12, 31))
            people.append(
                [
                    sample.names.person(),
                    office,
                    "在编",
                    certificate(district, serial),
                    valid,
                    "是",
                    None,
                    "否",
                    "是",
                    "合成姓名与证号",
                ]
            )
    write_xlsx(folder / "officers.xlsx", [("执法人员", P_HEADER, people)])
