"""Synthetic first-run inputs of two bureaus outside Shanxi, written as a bureau would write them (CSV, TOML).

A Liaoning district bureau without mines (沈阳市和平区) and a Henan county bureau under the national pack only
(新安县). Names and codes are invented; USCCs carry valid check characters.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from anjian.planning.uscc import make_uscc


@dataclass(frozen=True)
class Bureau:
    code: str
    name: str
    short_name: str
    level: str
    region: str
    doc_prefix: str
    doc_number: str
    share_base: str
    required_visits: int
    offices: tuple[tuple[str, str], ...]  # (name, 类别)
    officers: tuple[tuple[str, str, str, bool], ...]  # (name, office, 人员性质, certified)
    key: tuple[tuple[str, str, str, str], ...]  # (name, 行业, flag column, office)
    general: tuple[tuple[str, str, str], ...]  # (name, 行业, office)
    key_team: dict[str, tuple[int, int]]  # office → (persons, days) per key visit, in the sheet
    other_days: int
    non_days: int
    lapsed: tuple[str, ...] = ()  # officers whose certificate ends on 31 December before the plan year


def _write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


FLAGS = ("构成重大危险源", "涉爆粉尘")


def write_inputs(b: Bureau, folder: Path, year: int) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "offices": _write_csv(folder / "offices.csv", [["名称", "类别"], *[list(o) for o in b.offices]]),
        "officers": _write_csv(
            folder / "officers.csv",
            [["姓名", "股室", "人员性质", "执法证号", "执法证有效期至"]]
            + [
                [
                    name,
                    office,
                    kind,
                    f"{b.region}{i:04d}" if certified else "",
                    (f"{year - 1}-12-31" if name in b.lapsed else f"{year + 2}-12-31") if certified else "",
                ]
                for i, (name, office, kind, certified) in enumerate(b.officers, 1)
            ],
        ),
    }
    header = ["企业名称", "统一社会信用代码", "行业领域", "责任单位", *FLAGS]
    rows = []
    for serial, (name, sector, flag, office) in enumerate(b.key, 1):
        rows.append(
            [name, make_uscc(b.region, serial), sector, office, *["是" if f == flag else "" for f in FLAGS]]
        )
    for serial, (name, sector, office) in enumerate(b.general, 100):
        rows.append([name, make_uscc(b.region, serial), sector, office, "", ""])
    files["enterprises"] = _write_csv(folder / "enterprises.csv", [header, *rows])
    files["key_units"] = _write_csv(
        folder / "key_units.csv",
        [["行业", "序号", "企业名称", "责任单位", "配合单位", "检查时间", "备注"]]
        + [[sector, i, name, office, "", "", ""] for i, (name, sector, _f, office) in enumerate(b.key, 1)],
    )
    files["workdays"] = folder / "workdays.toml"
    files["workdays"].write_text(workday_sheet(b, year), "utf-8")
    files["plan"] = folder / "plan.toml"
    files["plan"].write_text(plan_toml(b, year), "utf-8")
    return files


def teams(b: Bureau) -> dict[str, int]:
    """Enforcing officers per office (the workday sheet's teams)."""
    out: dict[str, int] = {}
    for name, office, kind, certified in b.officers:
        if certified and kind != "劳务派遣" and name not in b.lapsed:
            out[office] = out.get(office, 0) + 1
    return out


def supervision_days(b: Bureau) -> tuple[int, int]:
    """Key and general supervision person-days the sheet books: units × 1 visit × persons × days."""
    key = sum(b.key_team[office][0] * b.key_team[office][1] for _n, _s, _f, office in b.key)
    general = sum(2 * 1 for _ in b.general)  # the 部门内“双随机” lines (kind random) count in neither share
    return key, general


def workday_sheet(b: Bureau, year: int) -> str:
    lines = [f"year = {year}", f'agency = "{b.name}"', f'title = "{b.name}行政执法工作日测算"', ""]
    for i, (office, officers) in enumerate(teams(b).items(), 1):
        key_units = [k for k in b.key if k[3] == office]
        general_units = [g for g in b.general if g[2] == office]
        persons, days = b.key_team.get(office, (2, 1))
        lines += [
            "[[teams]]",
            f'id = "t{i}"',
            f'name = "{office}"',
            f"officers = {officers}",
            f"enforcement_team = {'true' if '执法' in office else 'false'}",
            "",
        ]
        if key_units:
            lines += [
                "[[teams.items]]",
                'category = "supervision"',
                'label = "重点检查"',
                'kind = "key"',
                f"units = {len(key_units)}",
                "visits = 1",
                f"persons = {persons}",
                f"days = {days}",
                "",
            ]
        if general_units:
            lines += [
                "[[teams.items]]",
                'category = "supervision"',
                'label = "一般检查"',
                'kind = "general"',
                f"units = {len(general_units)}",
                "visits = 1",
                "persons = 2",
                "days = 1",
                "",
                "[[teams.items]]",
                'category = "supervision"',
                'label = "部门内“双随机”检查"',
                'kind = "random"',
                "units = 3",
                "visits = 1",
                "persons = 2",
                "days = 1",
                "",
            ]
        lines += ["[[teams.items]]", 'category = "other_enforcement"', 'label = "调查核实投诉举报"',
                  'codes = ["complaints"]', f"lump = {b.other_days}", "",
                  "[[teams.items]]", 'category = "non_enforcement"', 'label = "机关值班"', 'codes = ["duty"]',
                  f"lump = {b.non_days}", ""]  # fmt: skip
    return "\n".join(lines)


def plan_toml(b: Bureau, year: int) -> str:
    return f"""[plan]
title = "{b.name}{year}年度安全生产监督检查计划"
doc_number = "{b.doc_number}"
issue_date = {year}-02-20
recipients = "局机关各科室，执法大队"
basis = ["《中华人民共和国安全生产法》", "《安全生产年度监督检查计划编制办法》"]
share_base = "{b.share_base}"
share_decimals = 1
required_visits = {b.required_visits}

[key]
arrangement = "key_units.csv"

[general]
mode = "all"

[workdays]
files = ["workdays.toml"]
"""


HEPING = Bureau(
    code="heping", name="沈阳市和平区应急管理局", short_name="区应急局", level="district", region="210102",
    doc_prefix="沈和应急发", doc_number="沈和应急发〔2026〕3号", share_base="workdays", required_visits=16,
    offices=(("危险化学品安全监管科", "科室"), ("工贸安全监管科", "科室"), ("执法大队", "执法大队")),
    officers=(
        ("赵一", "危险化学品安全监管科", "行政编制", True), ("钱二", "危险化学品安全监管科", "行政编制", True),
        ("孙三", "工贸安全监管科", "行政编制", True), ("李四", "工贸安全监管科", "参照公务员法管理", True),
        ("周五", "执法大队", "事业编制", True), ("吴六", "执法大队", "事业编制", True),
        ("郑七", "执法大队", "事业编制", True), ("王八", "执法大队", "劳务派遣", False),
        ("冯九", "执法大队", "事业编制", True),
    ),
    key=(
        ("和平区甲化工储运有限公司", "危险化学品", "构成重大危险源", "危险化学品安全监管科"),
        ("和平区乙气体有限公司", "危险化学品", "构成重大危险源", "危险化学品安全监管科"),
        ("和平区丙铝制品有限公司", "冶金工贸", "涉爆粉尘", "工贸安全监管科"),
    ),
    general=tuple(
        [(f"和平区第{i}加油站", "加油站", "执法大队") for i in range(1, 5)]
        + [(f"和平区丁{i}机械有限公司", "冶金工贸", "执法大队") for i in range(1, 7)]
    ),
    key_team={"危险化学品安全监管科": (3, 2), "工贸安全监管科": (2, 2)},
    other_days=200, non_days=250, lapsed=("冯九",),
)  # fmt: skip

XINAN = Bureau(
    code="xinan", name="新安县应急管理局", short_name="县应急局", level="county", region="410323",
    doc_prefix="新应急", doc_number="新应急[2026]12号", share_base="visits", required_visits=8,
    offices=(("安全生产监督管理股", "股室"), ("综合行政执法大队", "执法大队")),
    officers=(
        ("冯一", "安全生产监督管理股", "行政编制", True), ("陈二", "安全生产监督管理股", "行政编制", True),
        ("褚三", "综合行政执法大队", "事业编制", True), ("卫四", "综合行政执法大队", "事业编制", True),
    ),
    key=(("新安县甲危化品经营有限公司", "危险化学品", "构成重大危险源", "安全生产监督管理股"),),
    general=tuple((f"新安县{i}号加油站", "加油站", "综合行政执法大队") for i in range(1, 6)),
    key_team={"安全生产监督管理股": (2, 1)},
    other_days=150, non_days=180,
)  # fmt: skip
