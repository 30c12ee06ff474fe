"""Pages of background jobs: a schedule or recompile started from the plan pages, its progress panel, cancel."""

from django.utils import timezone

from anjian.jobs.models import Job
from anjian.plans.models import PlanVersion


def test_rescheduling_from_the_schedule_page_shows_the_jobs_page_with_its_result(people, xia_plan):
    response = people["head"].post(f"/plans/{xia_plan.plan_id}/schedule/run/")
    job = Job.objects.get()
    assert response.url == f"/jobs/{job.pk}/"
    assert (job.kind, job.state, job.progress, job.by) == ("schedule", "done", 100, "xia_head")
    page = people["head"].get(response.url).content.decode()
    assert "排程已定稿" in page and "查看结果" in page and f"/plans/{xia_plan.plan_id}/schedule/" in page
    assert 'aria-valuenow="100"' in page
    panel = people["head"].get(f"/jobs/{job.pk}/status/").content.decode()
    assert "hx-get" not in panel  # a finished job is no longer polled
    listing = people["head"].get("/jobs/").content.decode()
    assert f'href="/jobs/{job.pk}/"' in listing and "已完成" in listing


def test_a_running_jobs_panel_polls_and_offers_cancel_to_editors_only(people, xia_plan):
    agency = xia_plan.plan.agency
    job = Job.objects.create(kind=Job.Kind.SCHEDULE, agency=agency, year=2025, state=Job.State.RUNNING, progress=37,
                             message="日期安排：夏县应急管理局", params={"plan": xia_plan.plan_id},
                             heartbeat_at=timezone.now())  # fmt: skip
    panel = people["head"].get(f"/jobs/{job.pk}/status/").content.decode()
    assert (
        f'hx-get="/jobs/{job.pk}/status/"' in panel and 'aria-valuenow="37"' in panel and "取消任务" in panel
    )
    city = people["city"].get(f"/jobs/{job.pk}/").content.decode()
    assert "日期安排" in city and "取消任务" not in city  # the city above reads, does not act
    assert people["city"].post(f"/jobs/{job.pk}/cancel/").status_code == 403
    assert people["head"].post(f"/jobs/{job.pk}/cancel/").status_code == 302
    job.refresh_from_db()
    assert job.cancel_requested and job.state == Job.State.RUNNING


def test_recompiling_from_the_classification_page_is_a_job_that_makes_version_2(people, xia_plan):
    response = people["head"].post(f"/plans/{xia_plan.plan_id}/recompile/", {"reason": "补录三户"})
    job = Job.objects.get()
    assert response.url == f"/jobs/{job.pk}/" and job.state == Job.State.DONE
    newest = PlanVersion.objects.filter(plan_id=xia_plan.plan_id).order_by("-number").first()
    assert newest.number == 2 and newest.reason == "补录三户" and job.result["version"] == 2


def test_generating_the_documents_from_the_documents_page_is_a_job_offering_its_files(
    people, xia_plan, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    response = people["head"].post(f"/plans/{xia_plan.plan_id}/documents/export/")
    job = Job.objects.get()
    assert (
        response.url == f"/jobs/{job.pk}/" and job.state == Job.State.DONE and len(job.result["files"]) == 2
    )
    page = people["head"].get(response.url).content.decode()
    assert f"/jobs/{job.pk}/files/1/" in page and ".xlsx" in page
    download = people["head"].get(f"/jobs/{job.pk}/files/0/")
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    assert people["head"].get(f"/jobs/{job.pk}/files/2/").status_code == 404
    assert people["city"].post(f"/plans/{xia_plan.plan_id}/documents/export/").status_code == 403
