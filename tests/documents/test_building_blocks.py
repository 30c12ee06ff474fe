"""Numerals, titles and column widths used by every writer."""

import datetime as dt
from decimal import Decimal

from anjian.documents.numerals import chinese_date, chinese_ordinal, format_number, heading1, heading2
from anjian.documents.plan_docx import issuer_mark_size_pt, split_title
from anjian.documents.widths import display_width, lines_needed, shortest_table_widths


def test_figures_print_without_trailing_zeros_or_separators():
    assert [format_number(Decimal("2050.0")), format_number(Decimal("2.50")), format_number(11295)] == [
        "2050",
        "2.5",
        "11295",
    ]


def test_heading_numbers_and_dates_follow_gbt_9704():
    assert [chinese_ordinal(n) for n in (1, 10, 12, 20, 21)] == ["一", "十", "十二", "二十", "二十一"]
    assert heading1(6) == "六、" and heading2(3) == "（三）"
    assert chinese_date(dt.date(2025, 4, 7)) == "2025年4月7日"


def test_long_annex_title_breaks_before_its_parenthesis():
    title = "吕梁市应急管理局2024年重点检查安排表（生产经营单位103户）"
    assert split_title(title, 27) == ["吕梁市应急管理局2024年重点检查安排表", "（生产经营单位103户）"]
    assert split_title("市应急局安全生产执法人员配置情况表", 19) == ["市应急局安全生产执法人员配置情况表"]


def test_issuer_mark_fits_the_type_area():
    size = issuer_mark_size_pt("吕梁市应急管理局文件")
    assert size * 10 <= 156 / 25.4 * 72
    assert issuer_mark_size_pt("夏县应急管理局文件") == 42


def test_display_width_counts_cjk_as_one_em_and_ascii_as_half():
    assert display_width("第12周") == 3.0
    assert lines_needed(31, 71, em=4.23, padding=2.6) == 2


def test_column_widths_sum_to_the_type_area_and_keep_rows_short():
    rows = [
        [
            i,
            "山西汾西矿业（集团）有限责任公司贺西煤矿",
            "煤矿安全综合科、煤矿安全综合一科、煤矿安全综合二科、市执法支队",
            "第二、四季度",
        ]
        for i in range(1, 30)
    ]
    headers = ["序号", "企业名称", "责任单位", "检查时间"]
    for total, most_lines in ((300, 1), (225, 2)):  # 59 ems of text need ~250 mm on one line
        widths = shortest_table_widths(headers, rows, total, em=4.23, padding=2.6)
        assert abs(sum(widths) - total) < 1e-6
        lines = [
            lines_needed(display_width(str(v)), w, 4.23, 2.6) for v, w in zip(rows[0], widths, strict=True)
        ]
        assert max(lines) == most_lines and lines[0] == lines[3] == 1
