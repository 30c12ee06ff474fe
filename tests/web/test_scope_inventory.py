"""Every workbench route that names an object answers 404 to a user of an unrelated agency.

The table below must list each such route: a new route with an id in its path fails
`test_every_route_with_an_object_in_its_path_is_in_the_scope_table` until it is added here, with how to build its
URL for an object of the Xia County bureau."""

import datetime as dt

import pytest
from django.urls import URLPattern, get_resolver

from anjian.execution.adjustments import plan_adjust
from anjian.execution.contact_points import contact_feedback_record, contact_point_assign
from anjian.jobs.models import Job
from anjian.plans.models import ScheduledVisit

from .execution.test_pages import done, entry_with_cap  # noqa: F401 - the `done` fixture

# route name → (method, how to build its path from the objects)
ROUTES = {
    "enterprise_detail": ("get", lambda o: f"/enterprises/{o['entry'].enterprise_id}/"),
    "plan_settings": ("get", lambda o: f"/plans/{o['plan']}/settings/"),
    "plan_rules": ("get", lambda o: f"/plans/{o['plan']}/"),
    "plan_classification": ("get", lambda o: f"/plans/{o['plan']}/classification/"),
    "plan_override": ("post", lambda o: f"/plans/{o['plan']}/override/"),
    "plan_recompile": ("post", lambda o: f"/plans/{o['plan']}/recompile/"),
    "plan_frequencies": ("get", lambda o: f"/plans/{o['plan']}/frequencies/"),
    "plan_cap_justify": ("post", lambda o: f"/plans/{o['plan']}/frequencies/justify/"),
    "plan_draw": ("get", lambda o: f"/plans/{o['plan']}/draw/"),
    "plan_redraw": ("post", lambda o: f"/plans/{o['plan']}/draw/redraw/"),
    "plan_workdays": ("get", lambda o: f"/plans/{o['plan']}/workdays/"),
    "workday_preview": ("post", lambda o: f"/plans/{o['plan']}/workdays/preview/"),
    "workday_save": ("post", lambda o: f"/plans/{o['plan']}/workdays/save/"),
    "plan_schedule": ("get", lambda o: f"/plans/{o['plan']}/schedule/"),
    "plan_schedule_run": ("post", lambda o: f"/plans/{o['plan']}/schedule/run/"),
    "plan_documents": ("get", lambda o: f"/plans/{o['plan']}/documents/"),
    "plan_download": ("get", lambda o: f"/plans/{o['plan']}/v{o['number']}/docx/"),
    "plan_doc_check": ("post", lambda o: f"/plans/{o['plan']}/documents/check/"),
    "visit_plan_download": ("get", lambda o: f"/plans/{o['plan']}/visits/{o['scheduled'].pk}/plan.docx"),
    "plan_records": ("get", lambda o: f"/plans/{o['plan']}/records/"),
    "plan_advance": ("post", lambda o: f"/plans/{o['plan']}/advance/"),
    "exec_inspection": ("get", lambda o: f"/execution/inspections/{o['visit'].pk}/"),
    "exec_hazard_record": ("post", lambda o: f"/execution/inspections/{o['visit'].pk}/hazards/new/"),
    "exec_order_issue": ("post", lambda o: f"/execution/inspections/{o['visit'].pk}/orders/new/"),
    "exec_penalty_decide": ("post", lambda o: f"/execution/inspections/{o['visit'].pk}/penalties/new/"),
    "exec_adjustment_file": ("post", lambda o: f"/execution/adjustments/{o['adjustment'].pk}/file/"),
    "exec_review_record": ("post", lambda o: f"/execution/reviews/{o['review'].pk}/record/"),
    "exec_penalty_publish": ("post", lambda o: f"/execution/penalties/{o['penalty'].pk}/publish/"),
    "exec_adjustment": ("get", lambda o: f"/execution/adjustments/{o['adjustment'].pk}/"),
    "exec_feedback_record": (
        "post",
        lambda o: f"/execution/contacts/{o['feedback'].contact_point_id}/feedback/",
    ),
    "exec_feedback_answer": ("post", lambda o: f"/execution/feedback/{o['feedback'].pk}/answer/"),
    "job_detail": ("get", lambda o: f"/jobs/{o['job'].pk}/"),
    "job_status": ("get", lambda o: f"/jobs/{o['job'].pk}/status/"),
    "job_cancel": ("post", lambda o: f"/jobs/{o['job'].pk}/cancel/"),
    "job_file": ("get", lambda o: f"/jobs/{o['job'].pk}/files/0/"),
    "plan_export_job": ("post", lambda o: f"/plans/{o['plan']}/documents/export/"),
}
# Routes with a path parameter that is not an object of an agency, and why they are not in the table.
NOT_OBJECTS = {
    "draw_public": "公开的抽取复核页：任何人凭承诺值复核（设计如此）",
    "draw_public_json": "公开的抽取记录",
    "account_role": "三员分立的账号页，按账号所属部门限定（tests/accounts）",
    "agency_edit": "系统管理员的下级部门页：只能打开本部门的下级，其他部门的为 404（tests/web/accounts/test_agencies.py）",
    "otp_enrol": "安全管理员为本部门及下级部门的账号绑定动态口令，按账号所属部门限定（tests/accounts/test_second_factor.py）",
    "exec_report": "报表按本账号所属部门计算，路径中只有报表期间",
}


def parameterised_routes() -> set[str]:
    patterns = get_resolver().url_patterns
    web = next(p for p in patterns if getattr(p, "namespace", None) == "web")
    return {p.name for p in web.url_patterns if isinstance(p, URLPattern) and p.pattern.converters}


def test_every_route_with_an_object_in_its_path_is_in_the_scope_table():
    assert parameterised_routes() - set(ROUTES) - set(NOT_OBJECTS) == set()
    assert set(ROUTES) | set(NOT_OBJECTS) <= parameterised_routes()


@pytest.fixture
def objects(xia_plan, done, tmp_path):  # noqa: F811 - `done` is the imported fixture
    exported = tmp_path / "计划.docx"
    exported.write_bytes(b"PK")
    return {
        "plan": xia_plan.plan_id, "number": xia_plan.number, "entry": done["entry"], "visit": done["visit"],
        "review": done["order"].reviews.get(), "penalty": done["penalty"],
        "job": Job.objects.create(kind=Job.Kind.EXPORT, agency=xia_plan.plan.agency, year=2025, by="xia_head",
                                  state=Job.State.DONE, result={"files": [str(exported)]}),
        "scheduled": ScheduledVisit.objects.create(version=xia_plan, enterprise=done["entry"].enterprise,
                                                   date=dt.date(2025, 4, 9)),
        "adjustment": plan_adjust(plan=xia_plan.plan, reason="更正责任股室", decision_date=dt.date(2025, 6, 3)),
        "feedback": contact_feedback_record(
            contact_point=contact_point_assign(agency=xia_plan.plan.agency, enterprise=done["entry"].enterprise,
                                               year=2025), date=dt.date(2025, 3, 1), content="希望开展安全培训"),
    }  # fmt: skip


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_another_agencys_object_answers_404_on_every_route(people, objects, name):
    method, url = ROUTES[name]
    response = getattr(people["stranger"], method)(url(objects))
    assert response.status_code == 404, (name, response.status_code)


@pytest.mark.parametrize("name", sorted(n for n, (m, _) in ROUTES.items() if m == "get"))
def test_the_bureaus_own_office_head_opens_every_page(people, objects, name):
    _, url = ROUTES[name]
    assert people["head"].get(url(objects)).status_code == 200, name


def test_another_bureaus_scheduled_visit_cannot_prefill_the_inspection_form(people, objects, xia_plan):
    """The new-inspection form takes a scheduled visit from the query string; only the user's own agency's."""
    from anjian.plans.models import ScheduledVisit

    visit = ScheduledVisit.objects.create(version=xia_plan, enterprise=objects["entry"].enterprise,
                                          date=dt.date(2025, 4, 8))  # fmt: skip
    assert people["stranger"].get("/execution/inspections/new/", {"visit": visit.pk}).status_code == 404
    own = people["head"].get("/execution/inspections/new/", {"visit": visit.pk})
    assert own.status_code == 200 and objects["entry"].enterprise.uscc in own.content.decode()
