"""The documents page checks an uploaded DOCX against GB/T 9704; the calendar's week view offers each visit's
现场检查方案."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from anjian.audit.models import AuditEvent
from anjian.plans.models import ScheduledVisit


def _upload(name: str, data: bytes):
    return {"document": SimpleUploadedFile(name, data, content_type="application/octet-stream")}


def test_an_uploaded_default_document_is_checked_and_its_faults_listed(people, xia_plan):
    out = io.BytesIO()
    Document().save(out)
    page = people["head"].post(
        f"/plans/{xia_plan.plan_id}/documents/check/", _upload("草稿.docx", out.getvalue())
    )
    text = page.content.decode()
    assert page.status_code == 200 and "“草稿.docx”的检查结果" in text
    assert "上边距为25.4毫米，应为37±1毫米" in text and "未找到版记的印发机关和印发日期" in text


def test_the_plan_export_passes_and_a_non_docx_is_refused_in_chinese(people, xia_plan):
    plan = people["head"].get(f"/plans/{xia_plan.plan_id}/v{xia_plan.number}/docx/")
    data = b"".join(plan.streaming_content)
    ok = people["head"].post(f"/plans/{xia_plan.plan_id}/documents/check/", _upload("计划.docx", data))
    assert "符合 GB/T 9704-2012 的各项检查" in ok.content.decode()
    bad = people["head"].post(f"/plans/{xia_plan.plan_id}/documents/check/", _upload("表.docx", b"not a zip"))
    assert "“表.docx”不是 Word 文档（.docx），无法检查" in bad.content.decode()


def test_week_view_links_each_visit_to_its_on_site_plan_which_downloads_audited(people, xia_plan):
    entry = xia_plan.entries.order_by("sort_order").first()
    visit = ScheduledVisit.objects.create(version=xia_plan, enterprise=entry.enterprise, date=entry_date())
    week = people["head"].get(f"/plans/{xia_plan.plan_id}/schedule/", {"view": "week", "date": "2025-04-09"})
    assert f"/plans/{xia_plan.plan_id}/visits/{visit.pk}/plan.docx" in week.content.decode()
    response = people["head"].get(f"/plans/{xia_plan.plan_id}/visits/{visit.pk}/plan.docx")
    cells = [c.text for t in Document(io.BytesIO(b"".join(response.streaming_content))).tables
             for r in t.rows for c in r.cells]  # fmt: skip
    assert entry.enterprise.name in cells
    assert AuditEvent.objects.filter(action="export", object_id=str(visit.pk)).exists()


def entry_date():
    import datetime as dt

    return dt.date(2025, 4, 9)
