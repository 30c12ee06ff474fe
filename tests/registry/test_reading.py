"""The parsing layer without the database: cells, quarters, headers, the fast xlsx reader, file errors."""

import datetime as dt
import zipfile

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from anjian.registry.importing import cells
from anjian.registry.importing.enterprises import ENTERPRISE_COLUMNS
from anjian.registry.importing.errors import IMPORT_UNSUPPORTED_FORMAT, ImportFileError
from anjian.registry.importing.headers import find_header
from anjian.registry.importing.table import open_table
from anjian.registry.importing.xlsx import XlsxBook


@pytest.mark.parametrize(
    ("text", "quarters"),
    [
        ("第二、四季度", (2, 4)),
        ("第一、二、三季度", (1, 2, 3)),
        ("第一季度", (1,)),
        ("第三、四季度", (3, 4)),
        ("全年", (1, 2, 3, 4)),
        ("1-2季度", (1, 2)),
        ("第4季度", (4,)),
        ("", ()),
    ],
)
def test_quarter_windows_are_read_as_in_annex_2(text, quarters):
    assert cells.quarters(text) == quarters


def test_unreadable_quarter_raises_a_cell_problem():
    with pytest.raises(cells.CellProblem) as problem:
        cells.quarters("每月")
    assert problem.value.code == "import_bad_quarters"


@pytest.mark.parametrize(
    "text",
    ["2024-01-31", "2024/1/31", "2024.1.31", "2024年1月31日", "20240131", dt.datetime(2024, 1, 31), 45322],
)
def test_dates_in_the_usual_spellings(text):
    assert cells.date(text) == dt.date(2024, 1, 31)


def test_unit_lists_split_on_chinese_and_latin_separators():
    assert cells.names("危险化学品安全监督管理科、 办公室") == ("危险化学品安全监督管理科", "办公室")
    assert cells.names("灾防中心，救援支队;办公室") == ("灾防中心", "救援支队", "办公室")


def test_header_row_is_the_row_naming_most_known_columns_below_a_title():
    rows = [(1, ("生产经营单位名录",)), (2, ("序号", "企业名称", "统一社会信用代码", "行业", "电话号码"))]
    header = find_header(rows, ENTERPRISE_COLUMNS)
    assert header.row == 2 and header.positions == {"name": 1, "uscc": 2, "industry": 3}
    assert header.ignored == [(4, "电话号码")]  # 序号 is row numbering, ignored silently


def test_fast_reader_gives_the_same_values_as_openpyxl(tmp_path):
    path = tmp_path / "mixed.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "甲"
    ws.append(["文本", "整数", "小数", "日期", "是否", "空"])
    ws.append(["吕梁", 41, 2.5, dt.date(2024, 1, 31), True, None])
    ws["F5"] = "跳过两行后"
    ws["A6"] = CellRichText(["富", TextBlock(InlineFont(b=True), "文本")])
    ws["B6"] = dt.datetime(2023, 7, 16)
    ws["B6"].number_format = 'yyyy"年"m"月"d"日"'
    book.create_sheet("乙").append(["第二张表"])
    book.save(path)
    fast = XlsxBook(str(path))
    got = {name: list(fast.rows(member)) for name, member in fast.sheets}
    fast.close()
    reference = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for ws in reference.worksheets:
        expected = [
            (n, tuple(r))
            for n, r in enumerate(ws.iter_rows(values_only=True), start=1)
            if any(v is not None for v in r)
        ]
        assert [
            (n, r + (None,) * (len(e) - len(r)))
            for (n, r), (_, e) in zip(got[ws.title], expected, strict=True)
        ] == expected
    assert got["甲"][3] == (6, ("富文本", dt.datetime(2023, 7, 16)))


def test_other_file_types_are_refused_with_a_chinese_message(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ImportFileError) as raised, open_table(path):
        pass
    assert raised.value.errors[0].message == IMPORT_UNSUPPORTED_FORMAT.format(file="old.xls", suffix=".xls")


def test_a_workbook_damaged_in_mid_sheet_is_reported_not_raised(tmp_path):
    from anjian.registry.importing.files import parse_offices

    good = tmp_path / "good.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["名称", "类别"])
    for i in range(2000):
        book.active.append([f"第{i}股", "股室"])
    book.save(good)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, data[: len(data) // 2] if info.filename.endswith("sheet1.xml") else data)
    parsed = parse_offices(damaged)
    assert [e.code for e in parsed.errors] == ["import_unreadable"]
    assert parsed.errors[0].message.startswith("damaged.xlsx：无法读取（第 ")
