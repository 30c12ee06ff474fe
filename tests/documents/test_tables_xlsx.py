"""The XLSX workbook read back with openpyxl: totals equal the snapshot's; print set-up like the seeds'."""

from decimal import Decimal

from anjian.documents.annex_tables import key_section_heading
from anjian.documents.sheet_text import CATEGORIES, category_total
from anjian.documents.snapshot import SheetItem
from anjian.documents.tables_xlsx import expression_factors


def _rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_workbook_has_one_sheet_per_table(workbook):
    assert workbook.sheetnames == [
        "人员配置",
        "重点检查",
        "一般检查",
        "工作日测算-市应急局",
        "工作日测算-市执法支队",
        "执法检查台账",
        "季度分解",
        "月度分解",
        "周分解",
        "检查日程",
        "双随机抽取",
    ]


def test_key_sheet_lists_103_units_under_sector_subheaders_and_totals_144_visits(workbook, luliang):
    rows = _rows(workbook["重点检查"])
    assert rows[0][0] == "吕梁市应急管理局2024年重点检查安排表（生产经营单位103户）"
    subheaders = [r[0] for r in rows if isinstance(r[0], str) and "重点检查安排表（" in r[0]][1:]
    assert subheaders == [key_section_heading(s) for s in luliang.key_sections]
    units = [r for r in rows if isinstance(r[0], int)]
    assert len(units) == 103 and sum(r[5] for r in units) == 144
    assert rows[-1][0] == "合计" and rows[-1][5] == luliang.key_visits == 144


def test_general_sheet_totals_101(workbook, luliang):
    rows = _rows(workbook["一般检查"])
    units = [r for r in rows if isinstance(r[0], int)]
    assert len(units) == luliang.general_units == 101
    assert rows[-1][0] == "合计" and rows[-1][5] == luliang.general_visits


def test_workday_sheets_subtotals_equal_the_snapshot_and_the_items(workbook, luliang):
    for team, name in zip(luliang.teams, ("工作日测算-市应急局", "工作日测算-市执法支队"), strict=True):
        rows = _rows(workbook[name])
        totals = {r[0]: r[10] for r in rows if isinstance(r[0], str) and r[10] is not None}
        for category in CATEGORIES:
            items = sum(r[10] for r in rows if isinstance(r[0], int) and r[1] == category)
            assert items == totals[f"{category}工作日小计"] == category_total(team, category)
        assert totals["实际所需工作日"] == team.need_days
        assert totals["总法定工作日"] == team.total_days
        assert totals["需加班工作日"] == team.overtime_days
    bureau = _rows(workbook["工作日测算-市应急局"])
    first = next(r for r in bureau if r[0] == 1)
    assert first[4:11] == [41, 2, 2, 5, 2.5, "41座×2次×5人×2组×2.5天", 2050]


def test_staffing_sheet_has_two_header_levels_and_the_row_sums(workbook):
    ws = workbook["人员配置"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A2:B3", "C2:D2", "E2:F2", "G2:G3"} <= merged
    rows = _rows(ws)
    assert rows[-1][0] == "合计" and rows[-1][2:6] == [39, 31, 48, 14]


def test_every_sheet_prints_on_a4_fitted_to_width_with_repeated_headers(workbook):
    for ws in workbook.worksheets:
        setup = ws.page_setup
        assert int(setup.paperSize) == 9, ws.title  # A4
        assert setup.orientation == ("portrait" if ws.title == "人员配置" else "landscape"), ws.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows, ws.title
        assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_cells_use_the_official_chinese_fonts_and_borders(workbook):
    ws = workbook["重点检查"]
    assert ws["A1"].font.name == "方正小标宋简体"
    assert ws["A2"].font.name == "黑体"
    assert ws["B4"].font.name == "仿宋_GB2312"
    assert ws["B4"].border.left.style == "thin" and ws["B4"].alignment.wrap_text


def test_column_widths_fit_names_wider_than_numbers(workbook):
    dims = workbook["重点检查"].column_dimensions
    assert dims["B"].width > 3 * dims["A"].width  # 企业名称 vs 序号
    assert sum(dims[c].width for c in "ABCDEFG") <= 136


def test_expression_factors_read_units_visits_groups_persons_days():
    item = SheetItem("监督检查", "", "", "41座×2次×5人×2组×2.5天", Decimal(2050))
    assert expression_factors(item) == {
        "units": 41,
        "visits": 2,
        "persons": 5,
        "groups": 2,
        "days": Decimal("2.5"),
    }
    assert expression_factors(SheetItem("监督检查", "", "", "2人×4次×12月+1人×4次×12月", Decimal(144))) == {}
    assert expression_factors(SheetItem("其他执法", "", "", "", Decimal(300))) == {}


def test_a_unit_named_like_a_formula_is_written_as_text(luliang):
    import dataclasses
    import io
    import zipfile

    from anjian.documents.tables_xlsx import tables_xlsx

    sec = luliang.key_sections[0]
    row = dataclasses.replace(sec.rows[0], name='=HYPERLINK("http://x","煤矿")', note="@SUM(A1)")
    evil = dataclasses.replace(
        luliang, key_sections=(dataclasses.replace(sec, rows=(row, *sec.rows[1:])), *luliang.key_sections[1:])
    )
    z = zipfile.ZipFile(io.BytesIO(tables_xlsx(evil)))
    sheets = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in sheets and "HYPERLINK" in sheets
