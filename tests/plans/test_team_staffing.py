"""Each workday-sheet team against the officers on record (certified for the plan year), so the staffing table
and the body text give the same totals."""

import datetime as dt

from anjian.planning import facts
from anjian.plans.bridge import Bureau
from anjian.plans.team_staffing import TEAM_NO_OFFICE, TEAM_STAFF_DISAGREES, team_staffing_findings

AGENCY = facts.Agency(1, "某区应急管理局", facts.Level.COUNTY)
OFFICES = (
    facts.Office(1, 1, "危险化学品安全监管科"),
    facts.Office(2, 1, "工贸安全监管科"),
    facts.Office(3, 1, "执法大队", is_enforcement_team=True),
)


def officer(pk, office, valid_until=dt.date(2030, 12, 31), certificate="C"):
    return facts.Officer(
        pk, office, f"人员{pk}", certificate_no=f"{certificate}{pk}", certificate_valid_until=valid_until
    )


def bureau(*officers):
    return Bureau(AGENCY, {1: AGENCY}, (), OFFICES, officers, {o.name: o.id for o in OFFICES}, {})


def test_a_team_named_like_an_office_is_compared_with_that_offices_certified_officers():
    b = bureau(
        officer(1, 1), officer(2, 1), officer(3, 2), officer(4, 3), officer(5, 3, dt.date(2025, 12, 31))
    )
    found = team_staffing_findings([("危险化学品安全监管科", 2, False), ("执法大队", 2, True)], b, 2026)
    assert [f.message for f in found] == [
        TEAM_STAFF_DISAGREES.format(team="执法大队", sheet=2, offices="执法大队", registry=1)
    ]


def test_a_bureau_sheet_stands_for_the_offices_no_other_team_names_and_an_orphan_team_is_named():
    b = bureau(officer(1, 1), officer(2, 2), officer(3, 3))
    assert team_staffing_findings([("区应急局机关", 2, False), ("执法大队", 1, True)], b, 2026) == []
    only_teams = Bureau(AGENCY, {1: AGENCY}, (), OFFICES[2:], (), {}, {})
    (missing,) = team_staffing_findings([("区应急局机关", 2, False)], only_teams, 2026)
    assert missing.code == "staffing_team_missing" and missing.message == TEAM_NO_OFFICE.format(
        team="区应急局机关"
    )
