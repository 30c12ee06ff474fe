"""A user sees their own agency and every one below it, never one above or beside it (province → city → county)."""

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404

from anjian.accounts.models import Membership, Role
from anjian.accounts.scope import scope_for
from anjian.registry.models import Agency


@pytest.fixture
def tree(db):
    def agency(code, name, level, parent=None, region="140000"):
        return Agency.objects.create(name=name, code=code, level=level, parent=parent, region_code=region)

    shanxi = agency("shanxi", "山西省应急管理厅", "province")
    yuncheng = agency("yuncheng", "运城市应急管理局", "city", shanxi, "140800")
    taiyuan = agency("taiyuan", "太原市应急管理局", "city", shanxi, "140100")
    return {
        "shanxi": shanxi,
        "yuncheng": yuncheng,
        "xia": agency("xiaxian", "夏县应急管理局", "county", yuncheng, "140828"),
        "wenxi": agency("wenxi", "闻喜县应急管理局", "county", yuncheng, "140823"),
        "taiyuan": taiyuan,
        "qingxu": agency("qingxu", "清徐县应急管理局", "county", taiyuan, "140121"),
    }


def scope_of(agency, role=Role.OFFICE_HEAD):
    user = get_user_model().objects.create_user(username=f"u_{agency.code}_{role}", password="x")
    Membership.objects.create(user=user, agency=agency, role=role)
    return scope_for(user)


def names(tree, scope):
    return {code for code, a in tree.items() if scope.sees(a.pk)}


def test_a_county_user_sees_only_its_county_not_its_city_province_or_sibling(tree):
    scope = scope_of(tree["xia"])
    assert names(tree, scope) == {"xia"}
    with pytest.raises(Http404):
        scope.check_visible(tree["yuncheng"].pk)
    with pytest.raises(Http404):
        scope.check_visible(tree["wenxi"].pk)
    scope.check_visible(tree["xia"].pk)


def test_a_city_user_sees_its_counties_but_not_the_province_or_another_city(tree):
    assert names(tree, scope_of(tree["yuncheng"])) == {"yuncheng", "xia", "wenxi"}


def test_the_province_sees_every_agency_below_it(tree):
    assert names(tree, scope_of(tree["shanxi"])) == set(tree)


def test_upper_levels_read_their_children_but_edit_only_their_own_agency(tree):
    city = scope_of(tree["yuncheng"], Role.LEADER)
    assert city.edits(tree["yuncheng"].pk) and city.approves(tree["yuncheng"].pk)
    assert not city.edits(tree["xia"].pk) and not city.approves(tree["xia"].pk)
    county = scope_of(tree["xia"], Role.OFFICE_HEAD)
    assert county.edits(tree["xia"].pk) and not county.approves(tree["xia"].pk)
    assert not county.edits(tree["yuncheng"].pk)


def test_an_officer_reads_their_agency_but_edits_nothing(tree):
    officer = scope_of(tree["xia"], Role.OFFICER)
    assert names(tree, officer) == {"xia"} and not officer.edits(tree["xia"].pk)
