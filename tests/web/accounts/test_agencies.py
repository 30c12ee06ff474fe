"""A 系统管理员 adds and edits the agencies under their own through the web, with the checks of `agency add`."""

import pytest

from anjian.accounts.models import Role
from anjian.registry.models import Agency

from ..conftest import client_for, make_user


@pytest.fixture
def shenyang(db):
    return Agency.objects.create(
        name="沈阳市应急管理局", code="shenyang", level="city", province="辽宁省", ruleset="liaoning"
    )


def form(**fields):
    base = {
        "code": "heping",
        "name": "沈阳市和平区应急管理局",
        "level": "district",
        "doc_prefix": "沈和应急发",
    }
    return base | fields


def test_a_system_admin_adds_a_child_that_inherits_province_and_pack(shenyang):
    c = client_for(make_user("sys", shenyang, Role.SYSTEM_ADMIN))
    assert "下级部门" in c.get("/agencies/").content.decode()
    response = c.post("/agencies/", form())
    assert response.status_code == 302
    child = Agency.objects.get(code="heping")
    assert (child.parent, child.province, child.ruleset, child.district) == (
        shenyang,
        "辽宁省",
        "liaoning",
        True,
    )
    assert "沈阳市和平区应急管理局" in c.get("/agencies/").content.decode()


def test_a_pack_of_another_province_is_refused_on_the_form_with_the_usable_packs(shenyang):
    c = client_for(make_user("sys", shenyang, Role.SYSTEM_ADMIN))
    page = c.post("/agencies/", form(pack="lvliang")).content.decode()
    assert "属于山西省" in page and "national（国家规则）" in page
    assert not Agency.objects.filter(code="heping").exists()


def test_editing_changes_the_child_and_another_agencys_child_is_absent(shenyang, other_county):
    c = client_for(make_user("sys", shenyang, Role.SYSTEM_ADMIN))
    c.post("/agencies/", form())
    child = Agency.objects.get(code="heping")
    assert (
        c.post(f"/agencies/{child.pk}/", form(doc_prefix="沈和应急", short_name="区应急局")).status_code
        == 302
    )
    child.refresh_from_db()
    assert (child.doc_number_prefix, child.short_name) == ("沈和应急", "区应急局")
    assert c.get(f"/agencies/{other_county.pk}/").status_code == 404


def test_business_roles_and_the_security_admin_cannot_manage_agencies(shenyang):
    for role in (Role.SECURITY_ADMIN, Role.OFFICE_HEAD):
        c = client_for(make_user(f"u-{role}", shenyang, role))
        assert c.get("/agencies/").status_code == 403
