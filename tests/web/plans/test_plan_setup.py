"""Creating a plan and changing its settings from the browser: checked decisions, compiled right away."""

import pytest

from anjian.plans.models import Plan
from anjian.web.plans.forms import OFFICES_UNKNOWN, WORKDAYS_BAD
from anjian.web.plans.setup import PLAN_EXISTS

BASE = {"title": "夏县应急管理局2026年度安全生产监督检查计划", "recipients": "局机关相关股室",
        "share_base": "visits", "general_mode": "draw", "basis_docs": "《安全生产法》\n《山西省安全生产条例》"}  # fmt: skip


def sector_field(label):
    from anjian.web.plans.forms import SECTOR_LABELS

    return SECTOR_LABELS.index(label)


@pytest.mark.slow
def test_office_head_creates_next_years_plan_and_it_is_compiled_with_the_draw_sizes(people, xia_plan):
    i = sector_field("冶金工贸")
    data = {**BASE, "year": 2026, f"units_{i}": 6, f"offices_{i}": "冶金工贸安全监管股 4，执法大队"}
    response = people["head"].post("/plans/new/", data)
    plan = Plan.objects.get(agency=xia_plan.plan.agency, year=2026)
    assert response.status_code == 302 and response.url == f"/plans/{plan.pk}/classification/"
    assert plan.settings["general"] == [
        {"stratum": "冶金工贸", "units": 6, "offices": [["冶金工贸安全监管股", 4], ["执法大队", 2]]}
    ]
    assert plan.settings["basis_docs"] == ["《安全生产法》", "《山西省安全生产条例》"]
    version = plan.versions.get()
    metallurgy = version.entries.filter(category="general", drawn=True, sector="冶金工贸")
    offices = [e.responsible_offices.get().name for e in metallurgy.order_by("sort_order")]
    quota = next(q for q in version.draws.get().record["quotas"] if q["stratum"] == "冶金工贸")
    assert (quota["requested"], quota["n"]) == (6, 6) and len(offices) == 6  # 6 asked, above the pack's 3
    assert offices.count("冶金工贸安全监管股") == 4 and offices.count("执法大队") == len(offices) - 4


def test_an_unknown_office_is_named_and_nothing_is_created(people, xia_plan):
    i = sector_field("冶金工贸")
    data = {**BASE, "year": 2026, f"units_{i}": 6, f"offices_{i}": "安全股 6"}
    page = people["head"].post("/plans/new/", data).content.decode()
    assert OFFICES_UNKNOWN.split("「")[0].format(sector="冶金工贸") + "「安全股」" in page
    assert not Plan.objects.filter(year=2026).exists()


def test_only_the_last_office_may_leave_out_its_units(people, xia_plan):
    from anjian.web.plans.forms import OFFICES_NEED_UNITS

    i = sector_field("冶金工贸")
    data = {**BASE, "year": 2026, f"units_{i}": 6, f"offices_{i}": "冶金工贸安全监管股，执法大队 2"}
    page = people["head"].post("/plans/new/", data).content.decode()
    assert OFFICES_NEED_UNITS.format(sector="冶金工贸", office="冶金工贸安全监管股") in page
    assert not Plan.objects.filter(year=2026).exists()


def test_a_second_plan_for_the_same_year_is_refused(people, xia_plan):
    page = people["head"].post("/plans/new/", {**BASE, "year": 2025}).content.decode()
    assert PLAN_EXISTS.format(agency=xia_plan.plan.agency.name, year=2025) in page
    assert Plan.objects.filter(year=2025).count() == 1


def test_a_broken_workday_sheet_is_reported_with_its_file_and_the_settings_stay(people, xia_plan, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = Plan.objects.get(pk=xia_plan.plan_id).settings
    upload = SimpleUploadedFile("测算.toml", b"[[teams]\nname = 1")
    url = f"/plans/{xia_plan.plan_id}/settings/"
    page = (
        people["head"]
        .post(url, {**BASE, "year": 2025, "save": "1", "workday_files": upload})
        .content.decode()
    )
    assert WORKDAYS_BAD.split("：")[0] in page and "测算.toml" in page
    assert Plan.objects.get(pk=xia_plan.plan_id).settings == before


def test_settings_are_saved_without_compiling_when_asked(people, xia_plan):
    url = f"/plans/{xia_plan.plan_id}/settings/"
    data = {**BASE, "year": 2025, "title": "夏县2025年度计划（修订）", "general_mode": "all", "save": "1"}
    assert people["head"].post(url, data).status_code == 302
    plan = Plan.objects.get(pk=xia_plan.plan_id)
    assert plan.settings["title"] == "夏县2025年度计划（修订）" and plan.versions.count() == 1
    assert len(plan.settings["key_arrangement"]) == len(xia_plan.plan.settings["key_arrangement"])


def test_settings_are_read_only_above_and_hidden_from_other_agencies(people, xia_plan):
    url = f"/plans/{xia_plan.plan_id}/settings/"
    assert people["city"].get(url).status_code == 200
    assert people["city"].post(url, {**BASE, "year": 2025, "save": "1"}).status_code == 403
    assert people["stranger"].get(url).status_code == 404
    assert people["auditor"].get("/plans/new/").status_code == 403


def test_an_issued_plan_keeps_its_settings(people, xia_plan):
    Plan.objects.filter(pk=xia_plan.plan_id).update(status=Plan.Status.ISSUED)
    url = f"/plans/{xia_plan.plan_id}/settings/"
    assert people["head"].post(url, {**BASE, "year": 2025, "save": "1"}).status_code == 403


def test_share_basis_decimals_required_visits_and_the_doc_number_are_set_and_checked_in_the_form(
    people, xia_plan
):
    url = f"/plans/{xia_plan.plan_id}/settings/"
    wrong = {**BASE, "year": 2025, "doc_number": "夏应急发〔2024〕6号", "save": "1"}
    page = people["head"].post(url, wrong).content.decode()
    assert "与计划年度 2025 不一致" in page
    data = {**BASE, "year": 2025, "doc_number": "夏应急发[2025]7号", "share_base": "workdays", "share_decimals": 2,
            "required_visits": 150, "save": "1"}  # fmt: skip
    assert people["head"].post(url, data).status_code == 302
    settings = Plan.objects.get(pk=xia_plan.plan_id).settings
    assert (settings["share_base"], settings["share_decimals"], settings["required_visits"]) == (
        "workdays",
        2,
        150,
    )
    assert settings["doc_number"] == "夏应急发〔2025〕7号"


def test_the_form_is_checked_by_the_plan_toml_schema_a_sheet_of_another_year_is_refused(people, xia_plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from anjian.registry.samples import SAMPLES_DIR

    before = Plan.objects.get(pk=xia_plan.plan_id).settings
    sheet = (SAMPLES_DIR / "lvliang-2024" / "workdays-brigade.toml").read_bytes()
    upload = SimpleUploadedFile("workdays-brigade.toml", sheet)
    url = f"/plans/{xia_plan.plan_id}/settings/"
    page = (
        people["head"]
        .post(url, {**BASE, "year": 2025, "save": "1", "workday_files": upload})
        .content.decode()
    )
    assert "workdays-brigade.toml 是 2024 年度的，与计划年度 2025 不一致" in page
    assert Plan.objects.get(pk=xia_plan.plan_id).settings == before
