"""The schedule calendars, rerunning the schedule, and the dashboard's count of recorded inspections."""

from ..conftest import client_for, make_user


def test_officer_sees_only_own_visits_in_the_calendar(people, xia_plan):
    from anjian.plans.scheduling import plan_schedule

    plan_schedule(version=xia_plan, time_limit_s=5)
    visit = xia_plan.visits.filter(officers__isnull=False).order_by("date").first()
    officer = visit.officers.first()
    user = make_user("xia_officer", xia_plan.plan.agency, "officer")
    user.membership.officer = officer
    user.membership.save()
    page = (
        client_for(user)
        .get(f"/plans/{xia_plan.plan_id}/schedule/", {"view": "week", "date": visit.date.isoformat()})
        .content.decode()
    )
    assert visit.enterprise.name in page and "只显示本人任务" in page
    others = xia_plan.visits.filter(date=visit.date).exclude(officers=officer)
    for other in others:
        assert f"<b>{other.enterprise.name}</b>" not in page


def test_month_calendar_lists_the_days_visits(people, xia_plan):
    from anjian.plans.scheduling import plan_schedule

    plan_schedule(version=xia_plan, time_limit_s=5)
    visit = xia_plan.visits.order_by("date").first()
    page = (
        people["city"]
        .get(f"/plans/{xia_plan.plan_id}/schedule/", {"date": visit.date.isoformat()})
        .content.decode()
    )
    assert f"{visit.date:%Y年%-m月}" in page
    same_day = xia_plan.visits.filter(date=visit.date).select_related("enterprise")
    assert all(v.enterprise.name in page for v in same_day)


def test_office_head_reruns_the_schedule_and_the_city_above_may_not(people, xia_plan):
    url = f"/plans/{xia_plan.plan_id}/schedule/run/"
    assert people["city"].post(url).status_code == 403
    response = people["head"].post(url)
    assert response.status_code == 302 and response.url.startswith("/jobs/")  # the job's page, at once
    xia_plan.refresh_from_db()
    assert xia_plan.summary["schedule"]["entries"] == xia_plan.visits.count() > 0


def test_dashboard_counts_recorded_inspections_against_the_schedule(people, xia_plan):
    from anjian.execution.models import Inspection
    from anjian.plans.scheduling import plan_schedule

    plan_schedule(version=xia_plan, time_limit_s=5)
    visit = xia_plan.visits.order_by("date").first()
    entry = xia_plan.entries.get(enterprise=visit.enterprise)
    overdue_before = xia_plan.visits.count()  # the 2025 plan lies wholly in the past
    Inspection.objects.create(
        agency=xia_plan.plan.agency,
        enterprise=visit.enterprise,
        plan_entry=entry,
        scheduled_visit=visit,
        date=visit.date,
    )
    page = people["head"].get("/").content.decode()
    assert f'逾期未检查</th><td><span class="warn">{overdue_before - 1} 次</span>' in page
    assert "已检查（执行登记）" in page
