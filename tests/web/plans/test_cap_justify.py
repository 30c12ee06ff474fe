"""超上限说明 on the frequencies page: only the bureau leader records it; the line then shows as justified."""

from anjian.plans import services
from anjian.plans.cap_justifications import CAP_JUSTIFICATION_NEEDS_TEXT
from anjian.plans.models import CapJustification, EntryOverride


def over_cap_unit(xia_plan):
    entry = xia_plan.entries.filter(cap__status="at_cap").select_related("enterprise").first()
    plan = xia_plan.plan
    EntryOverride.objects.create(
        plan=plan,
        enterprise=entry.enterprise,
        visits_per_year=entry.visits_per_year + 1,
        reason="事故隐患复查",
    )
    services.plan_compile(agency=plan.agency, year=plan.year, by="测试")
    return entry.enterprise


def test_leader_sees_the_form_and_the_line_becomes_justified(people, xia_plan):
    unit = over_cap_unit(xia_plan)
    url = f"/plans/{xia_plan.plan_id}/frequencies/"
    assert f'id="cap-justify-{unit.pk}"' in people["leader"].get(url, {"alerts": "1"}).content.decode()
    assert f'id="cap-justify-{unit.pk}"' not in people["head"].get(url, {"alerts": "1"}).content.decode()
    data = {"enterprise": unit.pk, "text": "群众举报查处需要", "approved_by": "王局长"}
    assert people["leader"].post(url + "justify/", data).status_code == 302
    version = xia_plan.plan.current_version()
    assert version.number == 3 and version.entries.get(enterprise=unit).cap["status"] == "justified"
    assert version.findings.get(code="ledger_over_cap_justified").severity == "warning"
    page = people["leader"].get(url, {"alerts": "1"}).content.decode()
    assert "超上限（已说明）" in page and "群众举报查处需要（王局长）" in page
    assert f'id="cap-justify-{unit.pk}"' not in page


def test_office_head_and_other_agencies_cannot_record_a_justification(people, xia_plan):
    unit = over_cap_unit(xia_plan)
    url = f"/plans/{xia_plan.plan_id}/frequencies/justify/"
    data = {"enterprise": unit.pk, "text": "理由", "approved_by": "王局长"}
    assert people["head"].post(url, data).status_code == 403
    assert people["city"].post(url, data).status_code == 403
    assert people["stranger"].post(url, data).status_code == 404
    assert not CapJustification.objects.exists()


def test_empty_text_is_refused_with_a_chinese_message(people, xia_plan):
    unit = over_cap_unit(xia_plan)
    url = f"/plans/{xia_plan.plan_id}/frequencies/"
    people["leader"].post(url + "justify/", {"enterprise": unit.pk, "text": " ", "approved_by": "王局长"})
    assert CAP_JUSTIFICATION_NEEDS_TEXT in people["leader"].get(url).content.decode()
    assert not CapJustification.objects.exists() and xia_plan.plan.current_version().number == 2
