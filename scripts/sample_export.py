"""A small export of the provincial enforcement system (省执法系统导出) for the Lüliang 2024 sample, read by
`anjian execute import` (anjian/execution/importing.py).

The rows are inspections of key units of annex 2 by officers of the unit's first responsible office that has
two certified officers (else the brigade), taken from the sample's own enterprises.xlsx and officers.xlsx, so
the file always imports into the loaded sample. Everything in it is synthetic.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from sample_synth import write_xlsx

EXPORT_FILE = "enforcement-export.xlsx"
HEADER = ["序号", "执法文书编号", "执法日期", "被检查单位", "统一社会信用代码", "执法人员", "检查方式", "检查类型",
          "检查来源", "发现隐患数", "重大隐患数", "处罚决定书文号", "罚款金额（元）", "典型案例", "检查情况"]  # fmt: skip
BRIGADE = "吕梁市应急管理综合行政执法支队"
# (sector table of annex 2, nth unit of it, date, 现场/非现场, kind, origin, hazards, major, penalty, amount, typical)
ROWS = [
    (
        "煤矿",
        0,
        dt.date(2024, 5, 14),
        "现场",
        "日常检查",
        "计划内",
        3,
        1,
        "吕应急罚〔2024〕101号",
        50000,
        "是",
    ),
    ("煤矿", 1, dt.date(2024, 5, 21), "现场", "四不两直", "计划内", 0, 0, "", None, ""),
    ("煤矿", 2, dt.date(2024, 6, 4), "非现场", "日常检查", "计划内", 1, 0, "", None, ""),
    ("非煤矿山", 0, dt.date(2024, 6, 5), "现场", "专项检查", "计划内", 2, 0, "", None, ""),
    ("危险化学品、民爆", 0, dt.date(2024, 6, 6), "现场", "日常检查", "计划内", 1, 0, "", None, ""),
    (
        "冶金工贸",
        0,
        dt.date(2024, 6, 12),
        "现场",
        "日常检查",
        "投诉举报",
        1,
        0,
        "吕应急罚〔2024〕102号",
        "3万",
        "否",
    ),
]
ALIASES = {"市执法支队": BRIGADE, "危险化学品安全监督管理科": "危险化学品安全监管科"}


def _sheet(path: Path) -> list[tuple]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def _crew(officers: list[tuple], offices: list[str], day: dt.date) -> list[str]:
    """Two officers certified on `day`, of the first office in `offices` that has them, else the brigade."""
    for office in [*offices, BRIGADE]:
        ok = [
            r[0] for r in officers if r[1] == office and r[3] and r[5] == "是" and r[4] and r[4].date() >= day
        ]
        if len(ok) >= 2:
            return ok[:2]
    raise ValueError(f"{offices} 没有两名持证执法人员")


def build_enforcement_export(folder: Path) -> None:
    """Write `folder`/enforcement-export.xlsx from the sample's key units, enterprises and officers."""
    uscc = {r[0]: r[1] for r in _sheet(folder / "enterprises.xlsx")[1:]}
    officers = _sheet(folder / "officers.xlsx")[1:]
    keys = _sheet(folder / "key_units.xlsx")[1:]
    out = []
    for n, (table, nth, day, site, kind, origin, hazards, major, penalty, amount, typical) in enumerate(
        ROWS, 1
    ):
        unit = [r for r in keys if r[0] == table][nth]
        offices = [ALIASES.get(o.strip(), o.strip()) for o in str(unit[3]).split("、")]
        crew = "、".join(_crew(officers, offices, day))
        out.append([n, f"晋执法检〔2024〕{1400 + n}号", day, unit[2], uscc[unit[2]], crew, site, kind, origin,
                    hazards, major, penalty or None, amount, typical or None, f"对{unit[2]}开展{kind}"])  # fmt: skip
    write_xlsx(folder / EXPORT_FILE, [("执法检查记录", HEADER, out)])
