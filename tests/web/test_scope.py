"""Object-level permissions: another agency's objects answer 404, upper levels read without changing anything."""

import pytest

from anjian.plans.models import EntryOverride, Plan
from tests.conftest import schedule_fully

PLAN_PAGES = (
    "",
    "classification/",
    "frequencies/",
    "draw/",
    "workdays/",
    "schedule/",
    "documents/",
    "records/",
)


def enterprise_of(version):
    return version.entries.filter(category="key").first().enterprise


@pytest.mark.django_db
@pytest.mark.parametrize("page", PLAN_PAGES)
def test_plan_pages_answer_404_to_another_agency_and_200_to_the_city_above(people, xia_plan, page):
    url = f"/plans/{xia_plan.plan_id}/{page}"
    assert people["stranger"].get(url).status_code == 404
    assert people["city"].get(url).status_code == 200
    assert people["head"].get(url).status_code == 200


def test_enterprise_detail_is_404_outside_the_scope(people, xia_plan):
    url = f"/enterprises/{enterprise_of(xia_plan).pk}/"
    assert people["stranger"].get(url).status_code == 404
    assert people["city"].get(url).status_code == 200


def test_enterprise_list_shows_only_the_agencies_in_scope(people, xia_plan):
    e = enterprise_of(xia_plan)
    link = f'href="/enterprises/{e.pk}/"'
    assert link in people["head"].get("/enterprises/", {"q": e.name}).content.decode()
    assert link in people["city"].get("/enterprises/", {"q": e.name}).content.decode()
    assert link not in people["stranger"].get("/enterprises/", {"q": e.name}).content.decode()


def test_plan_list_and_dashboard_hide_other_agencies_plans(people, xia_plan):
    link = f'href="/plans/{xia_plan.plan_id}/'
    assert link in people["head"].get("/plans/").content.decode()
    assert link in people["head"].get("/").content.decode()
    assert link not in people["stranger"].get("/plans/").content.decode()
    assert link not in people["stranger"].get("/").content.decode()


def test_document_export_is_404_to_another_agency(people, xia_plan):
    url = f"/plans/{xia_plan.plan_id}/v{xia_plan.number}/xlsx/"
    assert people["stranger"].get(url).status_code == 404


@pytest.mark.slow
def test_export_downloads_for_the_city_above_and_is_audited(people, xia_plan):
    from anjian.audit.models import AuditEvent

    response = people["city"].get(f"/plans/{xia_plan.plan_id}/v{xia_plan.number}/xlsx/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    event = AuditEvent.objects.filter(action="export").latest("id")
    assert (event.actor, event.object_id) == ("city_head", str(xia_plan.pk))


def test_city_above_cannot_override_classification(people, xia_plan):
    e = enterprise_of(xia_plan)
    data = {"enterprise": e.pk, "category": "general", "reason": "上级试图修改"}
    assert people["city"].post(f"/plans/{xia_plan.plan_id}/override/", data).status_code == 403
    assert people["stranger"].post(f"/plans/{xia_plan.plan_id}/override/", data).status_code == 404
    assert not EntryOverride.objects.exists()


def test_office_head_records_an_override_with_its_reason(people, xia_plan):
    e = enterprise_of(xia_plan)
    data = {"enterprise": e.pk, "category": "general", "reason": "已关闭"}
    assert people["head"].post(f"/plans/{xia_plan.plan_id}/override/", data).status_code == 302
    o = EntryOverride.objects.get()
    assert (o.enterprise_id, o.category, o.reason, o.created_by) == (e.pk, "general", "已关闭", "xia_head")


def test_a_plan_with_unscheduled_visits_is_not_submitted(people, xia_plan):
    response = people["head"].post(f"/plans/{xia_plan.plan_id}/advance/", follow=True)
    assert Plan.objects.get().status == "draft"
    assert "尚未排程" in response.content.decode()


def test_only_the_bureau_leader_approves_the_plan(people, xia_plan):
    schedule_fully(xia_plan)
    url = f"/plans/{xia_plan.plan_id}/advance/"
    assert people["head"].post(url).status_code == 302  # 报批
    assert Plan.objects.get().status == "submitted"
    assert people["head"].post(url).status_code == 403
    assert people["city"].post(url).status_code == 403
    assert people["leader"].post(url, {"note": "同意"}).status_code == 302
    assert Plan.objects.get().status == "approved"


def test_administrators_do_not_see_business_pages(people, xia_plan):
    assert people["auditor"].get("/enterprises/").status_code == 403
    assert people["auditor"].get("/audit/").status_code == 200
    assert people["head"].get("/audit/").status_code == 403


def test_public_draw_page_verifies_the_published_draw_without_login(client, xia_plan):
    draw = xia_plan.draws.first()
    response = client.get(f"/verify/draw/{draw.commitment}/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert 'id="draw-verified"' in response.content.decode()


def test_anonymous_user_is_sent_to_login(client, xia_plan):
    response = client.get(f"/plans/{xia_plan.plan_id}/", HTTP_HOST="localhost")
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_only_the_leader_redraws_and_must_say_why(people, xia_plan):
    url = f"/plans/{xia_plan.plan_id}/draw/redraw/"
    first = xia_plan.draws.get().commitment
    assert people["head"].post(url, {"reason": "名录库有误"}).status_code == 403
    assert people["city"].post(url, {"reason": "名录库有误"}).status_code == 403
    assert people["leader"].post(url, {"reason": ""}).status_code == 302
    assert Plan.objects.get().versions.count() == 1
    assert people["leader"].post(url, {"reason": "名录库漏登三户，已补录"}).status_code == 302
    newest = Plan.objects.get().versions.order_by("-number").first()
    assert newest.reason == "重新抽取：名录库漏登三户，已补录"
    assert newest.draws.get().commitment != first


@pytest.mark.parametrize(
    "path, data",
    [
        ("override/", {"category": "general", "reason": "已关闭"}),
        ("recompile/", {"reason": "重新编制"}),
        ("workdays/save/", {"team": "x", "reason": "改"}),
        ("frequencies/justify/", {"text": "理由", "approved_by": "局长"}),
        ("draw/redraw/", {"reason": "名录库有误"}),
    ],
)
def test_a_submitted_plan_changes_only_through_an_adjustment(people, xia_plan, path, data):

    Plan.objects.filter(pk=xia_plan.plan_id).update(status=Plan.Status.SUBMITTED)
    data = {**data, "enterprise": enterprise_of(xia_plan).pk}
    for who in ("head", "leader"):
        response = people[who].post(f"/plans/{xia_plan.plan_id}/{path}", data)
        assert response.status_code == 403, (who, path)
    assert Plan.objects.get().versions.count() == 1
    page = people["head"].get(f"/plans/{xia_plan.plan_id}/classification/").content.decode()
    assert "按人工调整重新编制" not in page and "计划已报批，内容修改请走" in page
