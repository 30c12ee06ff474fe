"""The pages follow the scope tree: a county user reaches no enterprise of its city, its province or a sibling
county (404, so their existence is not disclosed); the city reaches its counties' enterprises, read-only."""

import pytest
from django.test import Client
from django.urls import reverse

from anjian.accounts.models import Role
from anjian.registry.models import Agency, Enterprise
from tests.web.conftest import make_user

USCC = {"shanxi": "91140000MA0L000018", "yuncheng": "91140800MA0L000022", "xiaxian": "91140828MA0L00003X",
        "wenxi": "91140823MA0L000041"}  # fmt: skip


@pytest.fixture
def tree(db):
    shanxi = Agency.objects.create(
        name="山西省应急管理厅", code="shanxi", level="province", region_code="140000"
    )
    yuncheng = Agency.objects.create(
        name="运城市应急管理局", code="yuncheng", level="city", parent=shanxi, region_code="140800"
    )
    agencies = {
        "shanxi": shanxi,
        "yuncheng": yuncheng,
        "xiaxian": Agency.objects.create(
            name="夏县应急管理局", code="xiaxian", level="county", parent=yuncheng, region_code="140828"
        ),
        "wenxi": Agency.objects.create(
            name="闻喜县应急管理局", code="wenxi", level="county", parent=yuncheng, region_code="140823"
        ),
    }
    firms = {
        code: Enterprise.objects.create(
            agency=a,
            uscc=USCC[code],
            name=f"{a.name[:-5]}某化工有限公司",
            industry="hazchem",
            district_code=a.region_code,
        )  # fmt: skip
        for code, a in agencies.items()
    }
    return agencies, firms


def client_of(agency, role=Role.OFFICE_HEAD) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(make_user(f"u_{agency.code}", agency, role))
    return client


def reachable(client, firms) -> set[str]:
    seen = set()
    for code, firm in firms.items():
        status = client.get(reverse("web:enterprise_detail", args=[firm.pk])).status_code
        assert status in (200, 404), (code, status)
        if status == 200:
            seen.add(code)
    return seen


def test_a_county_user_reaches_only_its_own_enterprises(tree):
    agencies, firms = tree
    county = client_of(agencies["xiaxian"])
    assert reachable(county, firms) == {"xiaxian"}
    listing = county.get(reverse("web:enterprise_list")).content.decode()
    assert firms["xiaxian"].name in listing
    assert not any(firms[c].name in listing for c in ("shanxi", "yuncheng", "wenxi"))


def test_a_city_user_reaches_its_counties_but_not_the_province(tree):
    agencies, firms = tree
    assert reachable(client_of(agencies["yuncheng"]), firms) == {"yuncheng", "xiaxian", "wenxi"}


def test_the_province_reaches_every_enterprise_below_it(tree):
    agencies, firms = tree
    assert reachable(client_of(agencies["shanxi"]), firms) == set(firms)
