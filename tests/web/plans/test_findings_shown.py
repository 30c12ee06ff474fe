"""People read a finding's Chinese name and stage, never its internal code or source name."""

from anjian.planning.findings import label_of

from ..conftest import client_for, make_user


def test_the_workdays_page_names_each_finding_and_its_stage_in_chinese(xia_plan):
    head = client_for(make_user("xia_head2", xia_plan.plan.agency, "office_head"))
    findings = list(xia_plan.findings.all())
    assert findings
    page = head.get(f"/plans/{xia_plan.plan_id}/workdays/").content.decode()
    for f in findings:
        assert f"<td>{label_of(f.code)}</td>" in page
        assert f">{f.code}<" not in page and f"<td>{f.source}</td>" not in page
