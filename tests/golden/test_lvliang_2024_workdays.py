"""Golden figures of the Lüliang City 2024 plan (《吕梁市应急管理局2024年度安全生产监督检查计划》): the
bureau's workday sheet (the Lüliang 2024 plan annex 3), the brigade's (the Lüliang 2024 plan annex 4), the staffing table
(annex 1) and the review findings listed in docs/business-rules.md §11–§12. Every figure reproduces to the day."""

import json
import subprocess
import sys
from collections import Counter
from decimal import Decimal as D
from pathlib import Path

import pytest

from anjian.planning.review import review_result
from anjian.planning.rules import load_pack
from anjian.planning.workdays import (
    Category,
    compute_sheet,
    includes_of,
    parse_toml,
    read_xlsx,
    sheet_from_mapping,
    write_xlsx,
)
from anjian.planning.workdays.compute import SectionResult, Shares, Totals, compute_shares

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples" / "lvliang-2024"
SUP, OTHER, NON = Category.SUPERVISION, Category.OTHER_ENFORCEMENT, Category.NON_ENFORCEMENT


def read(name):
    data = parse_toml((SAMPLES / name).read_text("utf-8"), name)
    included = [read(n) for n in includes_of(data)]
    return sheet_from_mapping(data, file=name, included=included)


@pytest.fixture(scope="module")
def pack():
    return load_pack("shanxi")


@pytest.fixture(scope="module")
def sheet():
    return read("workdays-bureau.toml")


@pytest.fixture(scope="module")
def result(sheet, pack):
    return compute_sheet(sheet, pack)


@pytest.fixture(scope="module")
def findings(result, pack):
    return review_result(result, pack)


def results(team, category, section=None):
    return [
        i.result
        for i in team.items
        if i.category == category and (section is None or i.section[:1] == section)
    ]


def section(team_result, *path):
    return next(s.computed for s in team_result.sections if s.path == path)


def test_bureau_total_statutory_days_is_251_times_45(result):
    """The Lüliang 2024 plan annex 3 二: 251 天 × 45 人 = 11295."""
    bureau = result.team("bureau")
    assert result.statutory.value == 251 and bureau.totals.officers == 45
    assert bureau.totals.total_days == 11295


def test_bureau_supervision_3178_with_every_line_item(result):
    """The Lüliang 2024 plan annex 3 三 (docs/business-rules.md §11): coal 2682 = 2050 + 460 + 144 + 28, hazchem 65, non-coal 69,
    metallurgy 129, 办公室 88, 人事教育训练科 145."""
    b = result.team("bureau")
    team = b.team
    assert results(team, SUP, ("煤矿有关科室",)) == [2050, 460, 96, 48, 28]
    assert section(b, "煤矿有关科室", "煤矿安全监管专员") == 144
    assert section(b, "煤矿有关科室") == 2682
    assert (
        results(team, SUP, ("危化品安全监督管理科",)) == [36, 20, 9]
        and section(b, "危化品安全监督管理科") == 65
    )
    assert (
        results(team, SUP, ("非煤矿山安全监管科",)) == [40, 20, 9] and section(b, "非煤矿山安全监管科") == 69
    )
    assert (
        results(team, SUP, ("冶金工贸安全监管科",)) == [80, 40, 9] and section(b, "冶金工贸安全监管科") == 129
    )
    assert results(team, SUP, ("办公室",)) == [48, 40] and section(b, "办公室") == 88
    assert results(team, SUP, ("人事教育训练科",)) == [105, 40] and section(b, "人事教育训练科") == 145
    assert b.totals.supervision_days == 3178


def test_bureau_other_enforcement_4132_with_its_subtotals(result):
    """The Lüliang 2024 plan annex 3 四: 550, 907 = 72 + 522 + 307 + 6, 300, 600, 215, 370, 140, 80, 600, 370."""
    b = result.team("bureau")
    assert results(b.team, OTHER, ("开展安全生产综合监管",)) == [150, 400]
    assert section(b, "开展安全生产综合监管") == 550
    licensing = [
        section(b, "实施行政许可", name)
        for name in ("煤矿行政许可", "危化品行政许可", "非煤矿山行政许可", "金属冶炼行政许可")
    ]
    assert licensing == [72, 522, 307, 6] and section(b, "实施行政许可") == 907
    assert results(b.team, OTHER, ("实施行政许可",)) == [44, 28, 400, 2, 45, 60, 15, 240, 64, 3, 6]
    assert [i.result for i in b.team.items if i.category == OTHER and not i.section] == [
        300,
        600,
        215,
        370,
        140,
        80,
        600,
        370,
    ]
    assert b.totals.other_enforcement_days == 4132


def test_bureau_non_enforcement_need_overtime_and_residual(result):
    """The Lüliang 2024 plan annex 3 五–六: 3991 = 1405 + 743 + 263 + 325 + 1255; need 11301 → overtime 6;
    residual 3172."""
    b = result.team("bureau")
    assert results(b.team, NON) == [1405, 743, 263, 325, 1255]
    assert b.totals.non_enforcement_days == 3991
    assert b.totals.need_days == 11301 and b.totals.overtime_days == 6
    assert b.totals.residual_supervision_days == 3172


def test_brigade_sheet_7530_3110_2032_2402_need_7544_overtime_14(result):
    """The Lüliang 2024 plan annex 4: 251 × 30 = 7530; 1280 + 320 + 100 + 150 + 1260 = 3110; 2032; 2402;
    need 7544; overtime 14; residual 3096."""
    g = result.team("brigade")
    assert (g.totals.officers, g.totals.total_days) == (30, 7530)
    assert results(g.team, SUP) == [1280, 320, 100, 150, 1260]
    assert results(g.team, OTHER) == [702, 280, 44, 256, 720, 30]
    assert results(g.team, NON) == [1100, 32, 350, 400, 520]
    t = g.totals
    assert (t.supervision_days, t.other_enforcement_days, t.non_enforcement_days) == (3110, 2032, 2402)
    assert (t.need_days, t.overtime_days, t.residual_supervision_days) == (7544, 14, 3096)


def test_staff_shares_and_key_general_shares(result):
    """The Lüliang 2024 plan 正文二 and annex 3/4 一: 45/88 = 51.1 %, 30/72 = 41.7 %;
    正文三、四: 144/245 = 58.8 %, 41.2 %."""
    assert result.team("bureau").staff_share == D("51.1")
    assert result.team("brigade").staff_share == D("41.7")
    assert (result.shares.key, result.shares.general) == (D("58.8"), D("41.2"))
    assert (result.shares.key_count, result.shares.general_count) == (144, 101)


def test_every_printed_figure_of_annex_3_and_4_is_reproduced(findings):
    """No sum, total or statutory-workday finding: the sheets' arithmetic is right (docs/business-rules.md §11)."""
    arithmetic = {
        "item_product_mismatch",
        "section_sum_mismatch",
        "category_sum_mismatch",
        "total_days_mismatch",
        "need_mismatch",
        "overtime_mismatch",
        "statutory_mismatch",
        "formula_part_mismatch",
    }
    assert [f for f in findings if f.code in arithmetic] == []


def by(findings, code):
    return [f for f in findings if f.code == code]


def test_review_lists_the_known_inconsistencies_of_file_004(findings):
    """docs/business-rules.md §12 items visible in annexes 1–4."""
    # 13: both sheets need overtime against 留有余地
    assert [(str(f.where), f.severity) for f in by(findings, "overtime")] == [
        ("市应急局机关", "warning"),
        ("市执法支队", "warning"),
    ]
    # 9: annex 1 seconded column sums to 48 but prints 49; 39 + 48 = 87, not 88
    assert [f.message for f in by(findings, "staffing_column_sum")] == [
        "借调人员各行合计 48 人，合计行印刷为 49 人"
    ]
    assert "39 人 + 借调 48 人 = 87 人" in by(findings, "staffing_headcount")[0].message
    # 10: surprise checks booked as other enforcement; item 7 (intermediaries) skipped
    assert "组织安全生产突查和暗查暗访" in by(findings, "keyword_misfiled")[0].message
    assert any(
        f.message.split("：")[-1] == "⑦ 监督检查中介服务机构" for f in by(findings, "category_not_costed")
    )
    assert by(findings, "numbering_gap")[0].message == "其他执法工作日的编号从 6 跳到 8，缺第 7 项"
    # 14: specialist entries booked as supervision (Shanxi rules)
    assert sum(int(f.message.split("的 ")[1].split(" 天")[0]) for f in by(findings, "kind_misfiled")) == 144
    # 12: the brigade's general line is a lump sum of 1260 days for 56 units
    lump = [f for f in by(findings, "lump_sum_above_threshold") if f.severity == "warning"]
    assert [f.where.team for f in lump] == ["市执法支队"] and "折合每户 22.5 天" in lump[0].message
    # 5: the brigade coal line 32 × 8 × 5 has no visits factor
    assert "本项少计 32 户次" in by(findings, "missing_visits_factor")[0].message
    # 2: directly managed coal mines 30 (annex 3) vs 32 (annex 4)
    assert "“市直管煤矿”的数量不一致：本项为 32" in by(findings, "count_disagrees")[0].message
    # 7 and 8: general coal 23 visits costed vs 10 planned; random units costed but counted nowhere
    assert "一般检查煤矿 23 次，多于计划的 10 户 10 次" in by(findings, "plan_visits_exceeded")[0].message
    assert sorted(
        f.message.split("检查 ")[1].split(" 户")[0] for f in by(findings, "random_not_in_plan")
    ) == [
        "3",
        "3",
        "3",
        "7",
    ]
    # 4: washing plants visited twice in annex 4 against once in the text
    assert "洗选煤及配煤型煤 32 次，多于计划的 16 户 16 次" in by(findings, "plan_visits_exceeded")[1].message
    # 3: coal rows 31–41 get 2 checks but list one quarter each
    assert [f.where.item for f in by(findings, "windows_fewer_than_visits")] == [
        "第 31—33 行",
        "第 34 行",
        "第 35 行",
        "第 36—41 行",
    ]
    # 1: "58.8 % of enterprises" is computed on visits; by units 50.5 %
    assert "103/204 = 50.5%" in by(findings, "share_base_wording")[0].message


def test_xlsx_form_of_the_sample_gives_the_same_figures(sheet, pack):
    """The xlsx template holds everything annex 3/4 and annex 1 carry."""
    again = read_xlsx(write_xlsx(sheet), "workdays-bureau.xlsx")
    assert again == sheet
    assert compute_sheet(again, pack).consolidated == compute_sheet(sheet, pack).consolidated


def run_cli(*args, returncode=0):
    out = subprocess.run(
        [sys.executable, "-m", "anjian.manage", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert out.returncode == returncode, out.stderr
    return json.loads(out.stdout)


@pytest.mark.slow
def test_cli_json_prints_the_golden_figures():
    """`anjian workdays … --json`, `anjian review … --json`, `anjian calendar --year 2024 --json`
    on the Lüliang 2024 plan annex 3/4."""
    data = run_cli("workdays", str(SAMPLES / "workdays-bureau.toml"), "--json")
    assert data["year"] == 2024 and data["statutory_workdays"] == 251
    teams = {t["id"]: t for t in data["teams"]}
    assert {
        k: teams["bureau"][k]
        for k in (
            "officers",
            "total_days",
            "supervision_days",
            "other_enforcement_days",
            "non_enforcement_days",
            "need_days",
            "overtime_days",
        )
    } == {
        "officers": 45,
        "total_days": 11295,
        "supervision_days": 3178,
        "other_enforcement_days": 4132,
        "non_enforcement_days": 3991,
        "need_days": 11301,
        "overtime_days": 6,
    }
    assert (teams["brigade"]["need_days"], teams["brigade"]["overtime_days"]) == (7544, 14)
    assert (
        teams["bureau"]["staff_share"] == "51.1" and teams["bureau"]["items"][0]["factors"]["days"] == "2.5"
    )
    assert {f["code"] for f in data["findings"]} == {"overtime"}
    review = run_cli("review", str(SAMPLES / "workdays-bureau.toml"), "--json", returncode=1)  # it has errors
    findings = review["findings"]
    assert review["counts"] == dict(Counter(f["severity"] for f in findings))
    # The seed's only arithmetic errors are annex 1's (docs/business-rules.md §12 item 9): the seconded column sums to 48 but
    # prints 49, and 39 + 48 = 87 against the 88 of the text.
    assert sorted(f["code"] for f in findings if f["severity"] == "error") == [
        "staffing_column_sum",
        "staffing_headcount",
    ]
    # Each warning is one of the known inconsistencies of the Lüliang 2024 plan (§12 items 1–8, 10, 12–14), and each of
    # those items is warned about.
    assert {f["code"] for f in findings if f["severity"] == "warning"} == {
        "share_base_wording",  # 1: 58.8 % "of enterprises" computed on visits
        "count_disagrees",  # 2: 30 vs 32 directly managed coal mines
        "windows_fewer_than_visits",  # 3, 6: coal rows 31–41, 2 checks in one quarter
        "plan_visits_exceeded",  # 4, 7: washing plants 32 vs 16, general coal 23 vs 10
        "missing_visits_factor",  # 5: the brigade's 32 × 8 × 5 without visits
        "random_not_in_plan",  # 8: intra-departmental random units costed but counted nowhere
        "keyword_misfiled",  # 10: surprise checks booked as other enforcement
        "lump_sum_above_threshold",  # 12: the brigade's 1260 days for 56 units
        "overtime",  # 13: both sheets need overtime
        "kind_misfiled",  # 14: specialist entries booked as supervision
    }
    assert all({"code", "severity", "where", "message", "basis"} <= set(f) for f in review["findings"])
    cal = run_cli("calendar", "--year", "2024", "--json")
    assert (cal["statutory_workdays"], cal["calendar_workdays"], len(cal["holidays"])) == (251, 251, 28)
    assert {"date": "2024-10-01", "name": "国庆节"} in cal["holidays"]


def test_sections_consolidation_and_shares_on_each_base_of_annex_3_and_4(result):
    """Annex 3's section subtotals as computed beside the printed ones; the two sheets consolidated (overtime
    6 + 14, never offset); the key share on visits (58.8 %, §三), on units (103/204 = 50.5 %, §12 item 1) and on
    supervision workdays."""
    bureau = result.team("bureau")
    assert bureau.sections[:3] == (
        SectionResult(SUP, ("煤矿有关科室",), "（一）", D("2682"), D("2682")),
        SectionResult(SUP, ("煤矿有关科室", "煤矿安全监管专员"), "3", D("144"), D("144")),
        SectionResult(SUP, ("危化品安全监督管理科",), "（二）", D("65"), D("65")),
    )
    assert result.consolidated == Totals(75, D(18825), D(6288), D(6164), D(6393), D(20), D(0))
    assert result.shares == Shares("visits", "plan", D(144), D(101), D("58.8"), D("41.2"))
    assert compute_shares(result.sheet, result.share_rule, "units") == Shares(
        "units", "plan", D(103), D(101), D("50.5"), D("49.5")
    )
    assert compute_shares(result.sheet, result.share_rule, "workdays") == Shares(
        "workdays", "items", D(4209), D(1880), D("69.1"), D("30.9")
    )
