"""Synthetic parts of the sample bureaus (names, certificates, addresses) and deterministic xlsx output.

Everything is drawn from a `random.Random` the caller seeds, so `scripts/build_samples.py` rebuilds the same
files byte for byte. Nothing here is real: people and companies are invented and marked synthetic.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from anjian.planning.uscc import make_uscc

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏"
    "薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹武乔贺常"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰文斌宇浩凯鹏辉波宁晓东海燕鑫亮"
    "晨晖峰瑞俊琳婷雪颖佳欣慧琦璐博睿泽宏彦亚林卫忠荣庆永鸿"
)
TRADE_WORDS = "鑫宏泰晋瑞丰源隆盛华兴旺昌达通运福金安德恒利润嘉新永祥和顺成远富鼎诚信汇聚宝升川荣"
STREETS = ("滨河", "龙山", "凤山", "永宁", "建设", "迎宾", "朝阳", "新华", "府前", "长治", "北川", "东川")
FIXED_TIME = (2024, 1, 1, 0, 0, 0)
YES = {True: "是", False: "否"}
E_HEADER = [
    "企业名称",
    "统一社会信用代码",
    "行业领域",
    "细分行业",
    "责任单位",
    "监管部门",
    "管理层级",
    "所在区划代码",
    "所在县（市、区）",
    "地址",
    "主要负责人",
    "联系电话",
    "煤矿分类",
    "非煤矿山风险等级",
    "安全生产标准化等级",
    "标准化证书有效期至",
    "涉及重点监管危险化学品",
    "涉及重点监管危险化工工艺",
    "构成重大危险源",
    "涉爆粉尘",
    "金属冶炼",
    "地下矿山",
    "生产状态",
    "所属煤矿",
    "合成数据",
    "数据来源",
    "备注",
]
F_HEADER = ["统一社会信用代码", "企业名称", "事实类别", "日期", "死亡人数", "说明", "依据文件"]
O_HEADER = ["排序", "名称", "类别", "别名", "人员配置备注"]
P_HEADER = [
    "姓名",
    "股室（科室）",
    "人员性质",
    "执法证号",
    "执法证有效期至",
    "是否参加执法",
    "不参加执法原因",
    "矿山安全监管专员",
    "合成数据",
    "备注",
]


class Names:
    """Unique synthetic names within one sample."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def person(self) -> str:
        while True:
            name = self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=self.rng.choice((1, 2, 2))))
            if name not in self.used:
                self.used.add(name)
                return name

    def company(self, template: str) -> str:
        """`template` with '{w}' replaced by a two-character trade name, unique in this sample."""
        while True:
            name = template.format(w="".join(self.rng.sample(TRADE_WORDS, 2)))
            if name not in self.used:
                self.used.add(name)
                return name


def address(rng: random.Random, city: str, district: str) -> str:
    return f"山西省{city}{district}{rng.choice(STREETS)}路{rng.randint(1, 399)}号"


def phone(area: str, serial: int) -> str:
    """A fixed-line number that cannot exist (local numbers never start with 00)."""
    return f"{area}-00{serial:05d}"


def date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def weighted(rng: random.Random, options: Sequence[tuple[str, int]]) -> str:
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def certificate(region: str, serial: int) -> str:
    """A synthetic enforcement-certificate number: 'HC' (合成) + region + serial."""
    return f"HC{region}{serial:04d}"


class Sample:
    """Collects one sample's enterprises (as E_HEADER records) and risk facts, with unique names and codes."""

    def __init__(
        self, rng: random.Random, *, city: str, counties: dict[str, str], area: str, first_serial: int
    ):
        self.rng = rng
        self.names = Names(rng)
        self.city, self.counties, self.area = city, counties, area
        self.serial = first_serial
        self.enterprises: list[dict[str, object]] = []
        self.facts: list[list[object]] = []

    def add(self, name: str, industry: str, district: str, **fields: object) -> dict[str, object]:
        """A unit with a valid synthetic USCC of its district, address, principal and (when graded) a
        standardisation certificate date; `fields` are further E_HEADER columns (bools become 是/否)."""
        self.serial += 1
        self.names.used.add(name)
        grade = fields.pop("安全生产标准化等级", "未定级")
        county = self.counties[district]
        record: dict[str, object] = {
            "企业名称": name,
            "统一社会信用代码": make_uscc(district, self.serial),
            "行业领域": industry,
            "所在区划代码": district,
            "所在县（市、区）": county,
            "地址": address(self.rng, self.city, county),
            "主要负责人": self.names.person(),
            "联系电话": phone(self.area, self.serial % 100000),
            "安全生产标准化等级": grade,
            "生产状态": "正常生产",
            "合成数据": "是",
            "标准化证书有效期至": None
            if grade == "未定级"
            else date_between(self.rng, dt.date(2024, 3, 1), dt.date(2026, 12, 31)),
        }
        record.update({k: YES[v] if isinstance(v, bool) else v for k, v in fields.items()})
        self.enterprises.append(record)
        return record

    def fact(
        self, record: dict[str, object], kind: str, day: dt.date, deaths: int, detail: str, source: str
    ) -> None:
        self.facts.append([record["统一社会信用代码"], record["企业名称"], kind, day, deaths, detail, source])

    def write_enterprises(self, path: Path) -> None:
        rows = [[r.get(h) for h in E_HEADER] for r in self.enterprises]
        write_xlsx(path, [("生产经营单位", E_HEADER, rows), ("风险事实", F_HEADER, self.facts)])


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """UTF-8 with BOM, as Excel/WPS expect for Chinese CSV."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_xlsx(path: Path, sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[object]]]]) -> None:
    """A workbook of (title, header, rows) sheets with a bold header and readable widths, saved so that the
    same
    content always gives the same bytes (fixed document and zip timestamps)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        ws = book.create_sheet(title)
        ws.append(list(header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [len(str(h)) * 2 + 2 for h in header]
        for row in rows:
            ws.append(list(row))
            for i, value in enumerate(row):
                widths[i] = min(60, max(widths[i], len(str(value or "")) * 2 + 2))
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
    book.properties.creator = "anjian scripts/build_samples.py"
    buffer = io.BytesIO()
    book.save(buffer)
    _freeze_timestamps(buffer.getvalue(), path)


def _freeze_timestamps(data: bytes, path: Path) -> None:
    stamp = "2024-01-01T00:00:00Z"
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), content
                )
            dst.writestr(
                zipfile.ZipInfo(info.filename, date_time=FIXED_TIME),
                content,
                compress_type=zipfile.ZIP_DEFLATED,
            )
