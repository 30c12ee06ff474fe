"""Helpers for registry tests: write small .xlsx/.csv tables into tmp_path."""

import csv
from pathlib import Path

import openpyxl
import pytest

from anjian.planning.uscc import make_uscc

ENTERPRISE_HEADER = ["企业名称", "统一社会信用代码", "行业领域", "责任单位", "安全生产标准化等级"]


def write_xlsx(path: Path, *sheets: tuple[str, list[list[object]]]) -> Path:
    """A workbook with one sheet per (title, rows); the first row of each is its header."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def code(serial: int, region: str = "140828") -> str:
    return make_uscc(region, serial)


def enterprise_rows(count: int, first_serial: int = 1) -> list[list[object]]:
    """`count` valid rows under ENTERPRISE_HEADER, alternating sectors and offices of the county bureau."""
    sectors = [
        ("非煤矿山", "非煤矿山安全监管股"),
        ("加油站", "危险化学品安全监管股"),
        ("冶金", "冶金工贸安全监管股"),
    ]
    rows = []
    for i in range(count):
        industry, office = sectors[i % 3]
        rows.append(
            [f"夏县测试{first_serial + i}号有限公司", code(first_serial + i), industry, office, "二级"]
        )
    return rows


@pytest.fixture
def enterprises_xlsx(tmp_path):
    def make(rows, header=ENTERPRISE_HEADER, name="enterprises.xlsx", extra_sheets=()):
        return write_xlsx(tmp_path / name, ("生产经营单位", [header, *rows]), *extra_sheets)

    return make
