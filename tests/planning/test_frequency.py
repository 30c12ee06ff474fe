"""Visits per year with quarter windows (docs/business-rules.md §6): rule choice, windows, overrides, key minimum."""

import pytest

from anjian.planning.classify import Category, classify
from anjian.planning.facts import Agency, Enterprise, Industry, Level
from anjian.planning.frequency import (
    FREQ_BELOW_KEY_MINIMUM,
    FREQ_NO_RULE,
    FREQ_OVERRIDE_NO_REASON,
    VisitsOverride,
    plan_frequencies,
    quarters_text,
    spread,
)
from anjian.planning.rules import load_pack

COUNTY = Agency(3, "夏县应急管理局", Level.COUNTY)


def firm(id=1, **kw) -> Enterprise:
    return Enterprise(
        **{"id": id, "name": f"单位{id}", "agency_id": COUNTY.id, "industry": Industry.OTHER, **kw}
    )


def frequencies(*enterprises, pack="yuncheng", overrides=(), extra_dirs=()):
    rules = load_pack(pack, extra_dirs)
    classified = classify(enterprises, planning_agency=COUNTY, agencies={3: COUNTY}, pack=rules, year=2025)
    return plan_frequencies(classified, enterprises, pack=rules, overrides=overrides)


def write_pack(root, body):
    folder = root / "local"
    folder.mkdir()
    (folder / "pack.toml").write_text('[pack]\nid = "local"\nname = "l"\nextends = "yuncheng"\n', "utf-8")
    (folder / "f.toml").write_text(body, "utf-8")
    return [root]


def test_most_specific_rule_wins_over_the_general_default():
    """A key coal mine: key_coal_mine (2 criteria) beats key_default (1); a fuel station: its own rule."""
    result = frequencies(
        firm(1, industry=Industry.COAL_MINE),
        firm(2, industry=Industry.HAZCHEM, sub_sector="加油站"),
        firm(3, industry=Industry.OTHER),
    )
    assert (result.of(1).visits, result.of(1).rule_key) == (2, "frequency.rules.key_coal_mine")
    assert result.of(2).rule_key == "frequency.rules.general_fuel_station"
    assert (result.of(3).visits, result.of(3).rule_key) == (1, "frequency.rules.general_default")


def test_rule_on_a_reason_code_applies_only_to_units_with_that_reason():
    """夏应急发〔2025〕6号 §一（一）2: 两重点一重大 chemicals/pharma twice a year; key pharma for another reason once."""
    result = frequencies(
        firm(1, industry=Industry.PHARMA, flag_major_source=True),
        firm(2, industry=Industry.PHARMA, flag_combustible_dust=True),
    )
    assert (result.of(1).visits, result.of(1).windows) == (2, ((1, 2), (3, 4)))
    assert result.of(2).visits == 1 and result.of(2).category == Category.KEY


def test_rule_basis_carries_the_citation_and_mark():
    f = frequencies(firm(industry=Industry.NONCOAL_MINE, noncoal_class="D")).of(1)
    assert "运城市非煤矿山安全风险分级监管实施办法" in f.basis and "实践做法" in f.basis
    assert f.quarters_text == "第一、二、三、四季度"


def test_on_equal_specificity_the_lower_pack_wins(tmp_path):
    dirs = write_pack(
        tmp_path,
        '[frequency.rules.my_key_metallurgy]\nvalue = { category = "key", '
        'industry = "metallurgy_trade", visits = 3 }\nsource = "本局"\nmark = "U"\n',
    )
    f = frequencies(
        firm(industry=Industry.METALLURGY_TRADE, flag_metal_smelting=True), pack="local", extra_dirs=dirs
    ).of(1)
    assert (f.visits, f.rule_key, f.windows) == (3, "frequency.rules.my_key_metallurgy", ((1, 2, 3, 4),) * 3)


def test_no_matching_rule_is_an_error_naming_the_unit(tmp_path):
    dirs = write_pack(
        tmp_path,
        '[frequency.rules.general_default]\nvalue = { category = "general", '
        'industry = "hazchem", visits = 1 }\nsource = "本局"\nmark = "U"\n',
    )
    result = frequencies(firm(), pack="local", extra_dirs=dirs)
    assert result.frequencies == ()
    assert result.findings[0].message == FREQ_NO_RULE.format(name="单位1", category="一般检查")


def test_windows_that_do_not_fit_the_visits_are_an_error(tmp_path):
    dirs = write_pack(
        tmp_path,
        '[frequency.rules.general_default]\nvalue = { category = "general", visits = 2, '
        'windows = [[1, 2]] }\nsource = "本局"\nmark = "U"\n',
    )
    result = frequencies(firm(), pack="local", extra_dirs=dirs)
    assert result.findings[0].code == "freq_bad_windows"
    assert result.of(1).windows == ((1, 2), (3, 4))


@pytest.mark.parametrize(
    ("visits", "windows"),
    [
        (0, ()),
        (1, ((1, 2, 3, 4),)),
        (2, ((1, 2), (3, 4))),
        (4, ((1,), (2,), (3,), (4,))),
        (8, ((1,), (1,), (2,), (2,), (3,), (3,), (4,), (4,))),
        (3, ((1, 2, 3, 4),) * 3),
    ],
)
def test_visits_without_windows_are_spread_evenly(visits, windows):
    assert spread(visits) == windows


def test_quarters_text_prints_like_the_seeds():
    assert quarters_text([4, 2]) == "第二、四季度"
    assert quarters_text([]) == ""


def test_override_with_reason_replaces_visits_and_windows():
    o = VisitsOverride(1, 3, "上年发现重大隐患，增加一次", "王五", windows=((1,), (2,), (4,)))
    result = frequencies(firm(industry=Industry.COAL_MINE), overrides=[o])
    f = result.of(1)
    assert (f.visits, f.windows, f.override) == (3, ((1,), (2,), (4,)), o)
    assert "上年发现重大隐患" in f.basis and result.findings == ()


def test_override_without_reason_is_refused():
    result = frequencies(firm(industry=Industry.COAL_MINE), overrides=[VisitsOverride(1, 5, "", "王五")])
    assert result.of(1).visits == 2
    assert result.findings[0].message == FREQ_OVERRIDE_NO_REASON.format(name="单位1", visits=5)


def test_key_unit_planned_below_once_a_year_is_an_error():
    result = frequencies(firm(industry=Industry.COAL_MINE), overrides=[VisitsOverride(1, 0, "停产", "王五")])
    assert result.findings[0].message == FREQ_BELOW_KEY_MINIMUM.format(name="单位1", visits=0, minimum=1)
    assert "11号" in result.findings[0].basis


def test_totals_count_units_and_visits_by_decision():
    totals = frequencies(firm(1, industry=Industry.COAL_MINE), firm(2), firm(3)).totals
    assert (totals.key_units, totals.key_visits, totals.general_units, totals.general_visits) == (1, 2, 2, 2)
    assert (totals.total_units, totals.total_visits) == (3, 4)
