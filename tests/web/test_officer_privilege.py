"""Least privilege (issue 15 item 7): an 执法人员 sees their own tasks, inspections and the enterprises they are
assigned to, as the user guide says; not the whole registry, the plan's other pages, its documents or reports."""

import pytest

from anjian.accounts.models import Membership, Role
from anjian.plans.scheduling import plan_schedule
from anjian.registry.models import Enterprise
from tests.web.conftest import client_for, make_user


@pytest.fixture
def officer_client(xia_plan):
    plan_schedule(version=xia_plan, time_limit_s=5)
    visit = xia_plan.visits.filter(officers__isnull=False).order_by("date").first()
    officer = visit.officers.first()
    user = make_user("xia_officer", xia_plan.plan.agency, Role.OFFICER)
    Membership.objects.filter(user=user).update(officer=officer)
    own = set(xia_plan.visits.filter(officers=officer).values_list("enterprise_id", flat=True))
    return client_for(user), own


def test_an_officer_sees_only_the_enterprises_assigned_to_them(xia_plan, officer_client):
    client, own = officer_client
    others = Enterprise.objects.filter(agency=xia_plan.plan.agency).exclude(pk__in=own)
    assert own and others.exists()
    page = client.get("/enterprises/").content.decode()
    assert all(e.name in page for e in Enterprise.objects.filter(pk__in=own))
    stranger = others.first()
    assert stranger.name not in page
    assert client.get(f"/enterprises/{stranger.pk}/").status_code == 404
    assert client.get(f"/enterprises/{min(own)}/").status_code == 200


def test_an_officer_has_their_schedule_but_not_the_whole_plan_its_documents_or_reports(
    xia_plan, officer_client
):
    client, _ = officer_client
    plan_id = xia_plan.plan_id
    assert client.get(f"/plans/{plan_id}/schedule/").status_code == 200
    for url in (
        f"/plans/{plan_id}/classification/",
        f"/plans/{plan_id}/draw/",
        f"/plans/{plan_id}/v{xia_plan.number}/docx/",
        "/execution/reports/",
        "/execution/reports/ledger/",
        "/execution/reports/year/2025/1/xlsx/",
    ):
        assert client.get(url).status_code == 403, url
