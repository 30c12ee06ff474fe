"""The import page with the Xia County persona: preview, confirm, the agency imported into, who may import."""

from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.audit.models import AuditEvent
from anjian.registry.models import Enterprise
from anjian.registry.samples import SAMPLES_DIR

from ..conftest import client_for, make_user

BROKEN_CSV = "单位名称,统一社会信用代码,行业领域\n某某化工有限公司,123,危险化学品\n".encode()


def test_import_preview_lists_row_errors_and_writes_nothing(people, xia_plan):
    before = Enterprise.objects.count()
    upload = SimpleUploadedFile("名录.csv", BROKEN_CSV, content_type="text/csv")
    page = people["head"].post("/import/", {"kind": "enterprises", "file": upload}).content.decode()
    assert "错误" in page and "名录.csv" in page and "确认导入" not in page
    assert Enterprise.objects.count() == before


def test_import_preview_then_confirm_writes_and_is_audited(people, xia_plan):
    data = (SAMPLES_DIR / "xia-2025" / "enterprises.xlsx").read_bytes()
    upload = SimpleUploadedFile("enterprises.xlsx", data)
    page = people["head"].post("/import/", {"kind": "enterprises", "file": upload}).content.decode()
    assert "确认导入" in page
    token = people["head"].session["import"]["token"]
    assert people["head"].post("/import/confirm/", {"token": token}).status_code == 302
    event = AuditEvent.objects.filter(action="import").latest("id")
    assert (event.actor, event.agency_id, event.after["ok"]) == ("xia_head", xia_plan.plan.agency_id, True)


def test_import_goes_into_the_users_own_agency_never_the_county_below(people, xia_plan):
    county = xia_plan.plan.agency
    upload = SimpleUploadedFile("名录.csv", BROKEN_CSV, content_type="text/csv")
    people["city"].post("/import/", {"kind": "enterprises", "file": upload, "agency": county.pk})
    assert people["city"].session["import"]["agency"] == county.parent_id


def test_officer_role_cannot_import(people, xia_plan):
    officer = client_for(make_user("xia_officer", xia_plan.plan.agency, "officer"))
    upload = SimpleUploadedFile("名录.csv", BROKEN_CSV, content_type="text/csv")
    assert officer.post("/import/", {"kind": "enterprises", "file": upload}).status_code == 403


def test_import_errors_name_sheet_row_and_column_but_never_the_internal_code(people, xia_plan):
    upload = SimpleUploadedFile("名录.csv", BROKEN_CSV, content_type="text/csv")
    page = people["head"].post("/import/", {"kind": "enterprises", "file": upload}).content.decode()
    assert "统一社会信用代码" in page and "名录.csv" in page
    assert "import_" not in page and "<th>代码</th>" not in page
