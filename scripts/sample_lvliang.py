"""Lüliang City 2024 sample (《吕梁市应急管理局2024年度安全生产监督检查计划》): annex 1 staff, the brigade, every key unit of annex 2, pools."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

from sample_synth import (
    O_HEADER,
    P_HEADER,
    YES,
    Sample,
    certificate,
    date_between,
    weighted,
    write_csv,
    write_xlsx,
)

SEED = "《吕梁市应急管理局2024年度安全生产监督检查计划》"
SOURCE_KEY = f"{SEED}附件2；代码、地址、负责人等为合成数据"
SOURCE_POOL = f"合成数据：按{SEED}第四部分一般检查的行业与数量生成的抽查池"
COUNTIES = {
    "141102": "离石区",
    "141121": "文水县",
    "141122": "交城县",
    "141123": "兴县",
    "141124": "临县",
    "141125": "柳林县",
    "141126": "石楼县",
    "141127": "岚县",
    "141128": "方山县",
    "141129": "中阳县",
    "141130": "交口县",
    "141181": "孝义市",
    "141182": "汾阳市",
}
SHORT = {code: name if len(name) == 2 else name[:-1] for code, name in COUNTIES.items()}
# Places named in annex 2 → county, for units whose name does not say it (best knowledge; synthetic data).
PLACES = {
    "141125": "贺西 双柳 沙曲 三交 佳峰 朱家店 宏岩 鑫飞 金家庄 恒源升",
    "141129": "苏村 高家庄 南山 西合 付家焉",
    "141124": "黄家沟 庞庞塔 招贤 孙家塔 裕民 吕临",
    "141123": "关家崖 车家庄 崩底 斜沟 肖家洼 杨家沟 华兴 奥家湾",
    "141128": "木瓜 店坪 吕梁山煤电",
    "141181": "柳湾 高阳 水峪 曙光 宜兴 香源 兑镇 克俄 西河底 晋茂 大土河",
    "141130": "中兴 温泉 辛庄 下桃花 牛槽沟 旺庄 肥美 兴华",
    "141182": "西武堡 杏花",
    "141127": "袁家村 金隅",
}
BRIGADE = "吕梁市应急管理综合行政执法支队"
COAL_OFFICE = "煤矿安全综合科"
OFFICE_BY_INDUSTRY = {
    "煤矿": COAL_OFFICE,
    "洗选煤及配煤型煤": BRIGADE,
    "非煤矿山": "非煤矿山安全监管科",
    "危险化学品": "危险化学品安全监管科",
    "民用爆炸物品": "危险化学品安全监管科",
    "冶金工贸": "冶金工贸安全监管科",
    "安全生产培训机构": "人事教育训练科",
    "安全评价机构": "办公室",
}
ALIASES = {
    "危险化学品安全监管科": "危险化学品安全监督管理科、危化品安全监督管理科",
    "非煤矿山安全监管科": "非煤矿山安全监督管理科",
    "冶金工贸安全监管科": "冶金工贸安全监督管理科",
    BRIGADE: "市执法支队、执法支队",
}
OTHER_KINDS = {"调研员", "县级领导", "监察专员", "指挥专员", "其他"}
TABLES = (
    ("煤矿企业", "煤矿", "煤矿"),
    ("洗选煤", "洗选煤", "洗选煤及配煤型煤"),
    ("非煤矿山", "非煤矿山", "非煤矿山"),
    ("危险化学品", "危险化学品、民爆", "危险化学品"),
    ("冶金工贸", "冶金工贸", "冶金工贸"),
    ("培训机构", "培训机构", "安全生产培训机构"),
)
HAZCHEM_SUB = (
    "成品油销售",
    "成品油销售",
    "油库",
    "油库",
    "危险化学品生产",
    "危险化学品生产",
    "危险化学品生产",
    "天然气开采",
    "民爆生产",
    "民爆经营",
    "煤化工",
    "危险化学品生产",
    "焦化",
    "焦化",
)


def district_of(name: str) -> str:
    """The county a unit's name places it in (earliest county name, else a known place), else 离石区."""
    hits = sorted((name.find(short), code) for code, short in SHORT.items() if short in name)
    if hits:
        return hits[0][1]
    return next((code for code, words in PLACES.items() if any(w in name for w in words.split())), "141102")


def parse_annex1(path: Path) -> list[tuple[str, list[int], str]]:
    """(office, [on roll, enforcing, seconded, seconded enforcing], 备注) per row, 合计 left out."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "机构名称", "合计")):
            continue
        f = line.split("\t")
        name, rest = (f[1], f[2:]) if f[0] in ("局机关", "") else (f[0], f[1:])
        numbers = [int(x) if x.strip() else 0 for x in (rest + [""] * 4)[:4]]
        out.append((name.strip(), numbers, (rest[4] if len(rest) > 4 else "").strip()))
    return out


def parse_annex2(path: Path) -> list[dict[str, str]]:
    """Every data row of the six tables, with its table's label ('table') and industry label ('industry')."""
    rows, table, columns = [], TABLES[0], ["序号"]
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [
            re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", c.strip()) for c in line.split("\t")
        ]
        if cells[0] == "序号":
            columns = ["序号", "企业名称", *("责任单位" if c == "实施单位" else c for c in cells[2:])]
        elif not cells[0].isdigit():
            table = next(t for t in TABLES if t[0] in cells[0])
        else:
            row = {"配合单位": "", "检查时间": "", "备注": "", **dict(zip(columns, cells, strict=False))}
            rows.append({**row, "table": table[1], "industry": table[2]})
    return rows


def match_parent(plant: str, mines: dict[str, dict[str, object]]) -> str:
    """USCC of the mine an attached washing plant belongs to; '' when no single mine matches its name."""

    def norm(s: str) -> str:
        return s.replace("(", "（").replace(")", "）")

    by_name = {norm(n): str(r["统一社会信用代码"]) for n, r in mines.items()}
    stem = re.sub(r"(选煤厂|洗煤厂)$", "", norm(plant))
    candidates = [stem] if stem in by_name else [n for n in by_name if n.startswith(stem)]
    places = re.findall(r"(..)(?:煤矿|煤业)", stem)
    if len(candidates) != 1 and places:
        candidates = [n for n in by_name if places[-1] in n]
    return by_name[candidates[0]] if len(candidates) == 1 else ""


def key_facts(sample: Sample, record: dict[str, object], note: str) -> None:
    src = f"{SEED}附件2 备注"
    if note == "市直管煤矿":
        sample.fact(record, "直管", dt.date(2024, 1, 1), 0, "市直管煤矿", src)
    if m := re.match(r"(\d{4})年(\d+)月(\d+)日发生一起(.+?)(事故|事物)，造成一人死亡", note):
        kind = m[4] + "事故" + ("（原文作“事物”）" if m[5] == "事物" else "")
        sample.fact(record, "发生死亡事故", dt.date(int(m[1]), int(m[2]), int(m[3])), 1, kind, src)
    if m := re.match(r"(\d{4})年(\d+)月(\d+)日市应急局检查发现重大事故隐患", note):
        sample.fact(
            record,
            "检查发现重大事故隐患",
            dt.date(int(m[1]), int(m[2]), int(m[3])),
            0,
            "市应急局检查发现",
            src,
        )
    if note.startswith("国务院督导组"):
        sample.fact(
            record,
            "责令停产（督导停产）",
            dt.date(2023, 12, 31),
            0,
            note + "（原文未载日期，按 2023 年末记）",
            src,
        )
    if "央企" in note:
        sample.fact(record, "央企、省属企业", dt.date(2024, 1, 1), 0, note, src)


def add_key_units(sample: Sample, rows: list[dict[str, str]]) -> None:
    rng = sample.rng
    mines: dict[str, dict[str, object]] = {}
    for row in rows:
        name, table, note, seq = row["企业名称"], row["table"], row["备注"], int(row["序号"])
        industry = row["industry"]
        fields: dict[str, object] = {"备注": note, "数据来源": SOURCE_KEY, "管理层级": "市级"}
        if table == "煤矿":
            county_mine = seq > 30  # rows 31-41: county-managed mines the city spot-checks
            classes = [("B", 1), ("C", 1)] if county_mine else [("A", 8), ("B", 9), ("C", 3)]
            fields |= {
                "煤矿分类": weighted(rng, classes),
                "细分行业": "井工煤矿",
                "安全生产标准化等级": weighted(rng, [("一级", 35), ("二级", 65)]),
                "管理层级": "县级" if county_mine else "市级",
                "生产状态": "停产" if note.startswith("国务院督导组") else "正常生产",
            }
        elif table == "洗选煤":
            fields |= {
                "安全生产标准化等级": weighted(rng, [("二级", 2), ("三级", 1)]),
                "所属煤矿": match_parent(name, mines),
            }
        elif table == "非煤矿山":
            sub = (
                "赤泥堆场"
                if "赤泥" in name
                else "尾矿库"
                if "尾矿库" in name
                else "石灰岩料场"
                if "料场" in name
                else "金属非金属矿山"
            )
            fields |= {
                "细分行业": sub,
                "非煤矿山风险等级": weighted(rng, [("A", 1), ("B", 4), ("C", 4), ("D", 1)]),
                "安全生产标准化等级": weighted(rng, [("二级", 3), ("三级", 2)]),
            }
        elif table == "危险化学品、民爆":
            sub = HAZCHEM_SUB[seq - 1]
            industry = "民用爆炸物品" if sub.startswith("民爆") else "危险化学品"
            producer = sub in {"危险化学品生产", "煤化工", "焦化"}
            fields |= {
                "细分行业": sub,
                "构成重大危险源": industry == "危险化学品",
                "涉及重点监管危险化学品": producer or "重点监管危化品" in note,
                "涉及重点监管危险化工工艺": "危险化工工艺" in note or sub in {"煤化工", "焦化"},
                "安全生产标准化等级": weighted(rng, [("二级", 3), ("三级", 2)]),
            }
        elif table == "冶金工贸":
            smelting = note in {"冶金", "有色"}
            grades = [("二级", 2), ("三级", 2)] + ([] if smelting else [("未定级", 1)])
            fields |= {
                "细分行业": note,
                "金属冶炼": smelting,
                "涉爆粉尘": note in {"机械", "轻工"},
                "安全生产标准化等级": weighted(rng, grades),
            }
        fields["责任单位"] = OFFICE_BY_INDUSTRY[industry]
        if fields["管理层级"] == "县级":  # a county's unit: the county enforces, the city spot-checks it
            fields |= {"责任单位": "", "监管部门": county_bureau(district_of(name))}
        record = sample.add(name, industry, district_of(name), **fields)
        if table == "煤矿":
            mines[name] = record
        key_facts(sample, record, note)


POOLS = (  # (count, industry, sub-sector, name template, extra columns)
    (110, "煤矿", "井工煤矿", "山西{county}{w}煤业有限公司", {}),
    (30, "洗选煤及配煤型煤", "", "{county}{w}洗煤有限公司", {}),
    (30, "非煤矿山", "金属非金属矿山", "{county}{w}矿业有限公司", {}),
    (8, "非煤矿山", "尾矿库", "{county}{w}选矿有限公司尾矿库", {}),
    (7, "非煤矿山", "石料场", "{county}{w}石料有限公司", {}),
    (120, "危险化学品", "加油站", "{county}{w}加油站", {}),
    (25, "危险化学品", "燃气", "{county}{w}燃气有限公司", {}),
    (30, "危险化学品", "危险化学品生产", "{county}{w}化工有限公司", {"chem": True}),
    (20, "危险化学品", "危险化学品经营", "{county}{w}化工贸易有限公司", {}),
    (5, "民用爆炸物品", "民爆经营", "{county}{w}民爆器材经营有限公司", {}),
    (8, "冶金工贸", "冶金", "{county}{w}铸造有限公司", {"smelting": True}),
    (5, "冶金工贸", "有色", "{county}{w}铝业有限公司", {"smelting": True}),
    (14, "冶金工贸", "建材", "{county}{w}建材有限公司", {}),
    (10, "冶金工贸", "机械", "{county}{w}机械制造有限公司", {"dust": 0.3}),
    (8, "冶金工贸", "轻工", "{county}{w}食品有限公司", {"dust": 0.4}),
    (12, "安全评价机构", "", "山西{w}安全评价有限公司", {}),
    (15, "安全生产培训机构", "", "{county}{w}安全培训学校有限公司", {"county": True}),
)


def county_bureau(district: str) -> str:
    """The county-level bureau that enforces for units of `district` (one enterprise, one level)."""
    return f"{COUNTIES[district]}应急管理局"


def add_pools(sample: Sample) -> None:
    rng = sample.rng
    for count, industry, sub, template, extra in POOLS:
        for _ in range(count):
            district = rng.choice(sorted(COUNTIES))
            body = industry.endswith("机构")  # training and assessment bodies: no class, no grade
            county_level = not body or bool(extra.get("county"))
            fields: dict[str, object] = {
                "细分行业": sub,
                "责任单位": "" if county_level else OFFICE_BY_INDUSTRY[industry],
                "监管部门": county_bureau(district) if county_level else "",
                "备注": "一般检查抽查池",
                "数据来源": SOURCE_POOL,
                "管理层级": "县级" if county_level else "市级",
            }
            if industry == "煤矿":
                cls = weighted(rng, [("A", 15), ("B", 40), ("C", 35), ("D", 10)])
                fields |= {
                    "煤矿分类": cls,
                    "生产状态": "停产" if cls == "D" else "正常生产",
                    "安全生产标准化等级": weighted(rng, [("一级", 20), ("二级", 80)]),
                }
            elif not body:
                fields["安全生产标准化等级"] = weighted(
                    rng, [("一级", 10), ("二级", 35), ("三级", 35), ("未定级", 20)]
                )
            if industry == "非煤矿山":
                fields["非煤矿山风险等级"] = weighted(rng, [("A", 25), ("B", 40), ("C", 25), ("D", 10)])
            if extra.get("chem"):
                fields |= {
                    "涉及重点监管危险化学品": rng.random() < 0.5,
                    "涉及重点监管危险化工工艺": rng.random() < 0.3,
                    "构成重大危险源": rng.random() < 0.3,
                }
            fields |= {
                "金属冶炼": bool(extra.get("smelting")),
                "涉爆粉尘": rng.random() < float(extra.get("dust", 0)),
            }
            name = sample.names.company(template.replace("{county}", SHORT[district]))
            sample.add(name, industry, district, **fields)


def staff(sample: Sample, rows: list[tuple[str, list[int], str]]) -> list[list[object]]:
    """One officer per person of annex 1 (totals reproduce it) plus the 72 of the brigade (30 enforcing)."""
    rng, people, serial = sample.rng, [], 0

    def person(
        office: str, employment: str, enforcing: bool, reason: str, note: str, specialist: bool = False
    ):
        nonlocal serial
        certified = enforcing or reason == "下乡"
        serial += certified
        valid = date_between(rng, dt.date(2025, 6, 30), dt.date(2028, 12, 31)) if certified else None
        people.append(
            [
                sample.names.person(),
                office,
                employment,
                certificate("141100", serial) if certified else None,
                valid,
                YES[enforcing],
                reason or None,
                YES[specialist],
                "是",
                note or None,
            ]
        )

    specialists = {
        "煤矿安全综合科",
        "煤矿安全综合一科",
        "煤矿安全综合二科",
    }  # 3 specialists (annex 3 §三(一)3)
    for office, (on_roll, enforcing, seconded, seconded_enforcing), note in rows:
        reasons = [r for part in note.split("、") for r in ("下乡", "未取证") if r in part]
        for group, total, active in (("在编", on_roll, enforcing), ("借调", seconded, seconded_enforcing)):
            for i in range(total):
                if i < active:
                    special = office in specialists and group == "借调" and i == 0
                    person(office, group, True, "", "煤矿安全监管专员" if special else "", special)
                else:
                    reason = reasons.pop(0) if reasons else "其他"
                    lead = "下属单位县级领导；" if office == "县级领导" else ""
                    person(
                        office,
                        group,
                        False,
                        reason,
                        lead + ("附件1未注明原因" if reason == "其他" else "附件1备注"),
                    )
    for i in range(72):
        person(
            BRIGADE,
            "在编",
            i < 30,
            "" if i < 30 else "其他",
            "" if i < 30 else "不具备执法条件（计划第二部分）",
        )
    return people


def build_lvliang(folder: Path) -> None:
    rng = random.Random(2024)
    sample = Sample(rng, city="吕梁市", counties=COUNTIES, area="0358", first_serial=11_000_000)
    annex1 = parse_annex1(folder / "source" / "annex1.tsv")
    annex2 = parse_annex2(folder / "source" / "annex2.tsv")
    offices = [
        [
            i,
            name,
            "局领导" if name == "局领导" else "其他" if name in OTHER_KINDS else "科室",
            ALIASES.get(name),
            note or None,
        ]
        for i, (name, _, note) in enumerate(annex1, start=1)
    ]
    offices.append([len(offices) + 1, BRIGADE, "执法支队", ALIASES[BRIGADE], "在册72人，具备执法条件30人"])
    write_xlsx(folder / "offices.xlsx", [("股室科室", O_HEADER, offices)])
    write_xlsx(folder / "officers.xlsx", [("执法人员", P_HEADER, staff(sample, annex1))])
    add_key_units(sample, annex2)
    add_pools(sample)
    sample.write_enterprises(folder / "enterprises.xlsx")
    header = ["行业", "序号", "企业名称", "责任单位", "配合单位", "检查时间", "备注"]
    key_rows = [
        [
            r["table"],
            int(r["序号"]),
            r["企业名称"],
            r["责任单位"],
            r["配合单位"] or None,
            r["检查时间"],
            r["备注"] or None,
        ]
        for r in annex2
    ]
    write_xlsx(folder / "key_units.xlsx", [("重点检查安排表", header, key_rows)])
    write_csv(folder / "key_units.csv", header, [[c if c is not None else "" for c in r] for r in key_rows])
