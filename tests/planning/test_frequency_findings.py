"""Frequency findings in full (code, severity, unit, citation, source) and what an override leaves behind."""

from anjian.planning.facts import Industry
from anjian.planning.findings import Finding, Severity
from anjian.planning.frequency import (
    FREQ_BAD_WINDOWS,
    FREQ_BELOW_KEY_MINIMUM,
    FREQ_OVERRIDE_NO_REASON,
    VisitsOverride,
)
from anjian.planning.rules import load_pack

from .test_frequency import firm, frequencies


def error(code, message, basis=""):
    return Finding(code, Severity.ERROR, "", message, basis=basis, source="frequency", enterprise_id=1)


def test_a_refused_override_keeps_the_rules_frequency_and_says_why():
    mine = firm(industry=Industry.COAL_MINE)
    plain = frequencies(mine).of(1)
    no_reason = frequencies(mine, overrides=[VisitsOverride(1, 5, "  ", "王五")])
    assert no_reason.of(1) == plain
    assert no_reason.findings == (
        error("freq_override_no_reason", FREQ_OVERRIDE_NO_REASON.format(name="单位1", visits=5)),
    )
    bad = frequencies(mine, overrides=[VisitsOverride(1, 3, "增加检查", "王五", windows=((1,), (5,)))])
    assert bad.of(1) == plain
    assert bad.findings == (
        error(
            "freq_bad_windows",
            FREQ_BAD_WINDOWS.format(where="单位1的人工频次调整", windows=[(1,), (5,)], visits=3),
        ),
    )


def test_an_accepted_override_cites_the_person_and_keeps_the_rule_key():
    mine = firm(industry=Industry.COAL_MINE)
    plain = frequencies(mine).of(1)
    o = VisitsOverride(1, 4, " 上年发现重大隐患 ", "王五")
    f = frequencies(mine, overrides=[o]).of(1)
    assert (f.visits, f.windows, f.basis, f.rule_key, f.category) == (
        4, ((1,), (2,), (3,), (4,)), "人工确定：上年发现重大隐患（王五）", plain.rule_key, plain.category,
    )  # fmt: skip


def test_a_key_unit_below_the_minimum_cites_the_minimum_rule():
    result = frequencies(firm(industry=Industry.COAL_MINE), overrides=[VisitsOverride(1, 0, "停产", "王五")])
    basis = load_pack("yuncheng").rule("frequency.min_visits_key").citation
    assert result.findings == (
        error(
            "freq_below_key_minimum", FREQ_BELOW_KEY_MINIMUM.format(name="单位1", visits=0, minimum=1), basis
        ),
    )
    assert result.of(1).visits == 0  # kept as decided, and refused by the error
