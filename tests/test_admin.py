"""The Chinese admin serves the Lüliang sample: its enterprises, the officers of annex 1 and the 103 key units."""

import pytest
from django.contrib.auth import get_user_model

from tests.second_factor import signed_in


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_superuser("admin", password="x-Secret-2024")
    return signed_in(user, client)  # a superuser passes the second factor first


def test_admin_lists_the_103_key_units_of_the_compiled_plan(staff_client, lvliang_plan):
    page = staff_client.get(
        "/admin/plans/planentry/", {"category__exact": "key", "version__id__exact": lvliang_plan.pk}
    )
    assert page.status_code == 200
    assert "103 计划单位" in page.content.decode()


def test_admin_lists_the_officers_and_enterprises_in_chinese(staff_client, lvliang_plan):
    officers = staff_client.get(
        "/admin/registry/officer/", {"office__agency__id__exact": lvliang_plan.plan.agency_id}
    )
    assert officers.status_code == 200 and "159 执法人员" in officers.content.decode()
    units = staff_client.get("/admin/registry/enterprise/", {"q": "贾家沟"})
    assert units.status_code == 200 and "山西吕梁离石贾家沟煤业有限公司" in units.content.decode()


def test_anonymous_users_are_sent_to_the_login_page(client, db):
    assert client.get("/admin/registry/enterprise/").status_code == 302
