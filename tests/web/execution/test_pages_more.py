"""计划执行 pages over the services that had none: the enforcement-export import (on the Lüliang sample), 周调度,
检查事项清单 and 基层联系点 (with the Xia County persona) — each scoped like the other execution pages."""

import datetime as dt
import io
import shutil

import pytest
from openpyxl import load_workbook

from anjian.accounts.models import Role
from anjian.audit.models import AuditEvent
from anjian.execution.contact_points import (
    ANSWER_BEFORE_FEEDBACK,
    contact_feedback_record,
    contact_point_assign,
)
from anjian.execution.importing import IMPORT_UNKNOWN_OFFICER
from anjian.execution.item_list_file import ITEM_LINE_FIELDS
from anjian.execution.item_lists import ITEM_LIST_DOCUMENT_TAKEN
from anjian.execution.models import (
    ContactFeedback,
    ContactPoint,
    Inspection,
    InspectionItem,
    ItemListPublication,
)
from anjian.execution.weekly import WEEK_BAD
from anjian.plans.models import ScheduledVisit
from anjian.registry.models import Office
from anjian.registry.samples import SAMPLES_DIR
from anjian.web.execution.forms import ENTERPRISE_NOT_FOUND
from anjian.web.execution.items import ITEMS_PUBLISHED, ITEMS_TEXT_ERRORS

from ..conftest import client_for, make_user
from .test_pages import done, html  # noqa: F401 - the `done` fixture

D = dt.date
EXPORT = SAMPLES_DIR / "lvliang-2024" / "enforcement-export.xlsx"
NEW_PAGES = ("/execution/weekly/", "/execution/items/", "/execution/contacts/")


# 检查记录（省执法系统导出） on the import page


@pytest.fixture
def lv_head(lvliang_plan):
    return client_for(make_user("lv_head", lvliang_plan.plan.agency, Role.OFFICE_HEAD))


def upload(client, path):
    with path.open("rb") as f:
        return client.post("/import/", {"kind": "inspections", "file": f}).content.decode()


def test_enforcement_export_previews_its_counts_and_confirm_writes_the_inspections(lv_head):
    assert "检查记录（省执法系统导出）" in html(lv_head, "/import/", kind="inspections")
    page = upload(lv_head, EXPORT)
    assert "enforcement-export.xlsx" in page and "确认导入" in page
    assert "<th>读取行数</th><td>6</td>" in page and "<th>将新增</th><td>6</td>" in page
    assert "<th>关联计划单位</th><td>5</td>" in page and "<th>行政处罚（件）</th><td>2</td>" in page
    assert Inspection.objects.count() == 0
    token = lv_head.session["import"]["token"]
    response = lv_head.post("/import/confirm/", {"token": token}, follow=True)
    assert "已导入：新增 6、更新 0、未变 0" in response.content.decode()
    assert Inspection.objects.filter(in_system=True).count() == 6
    event = AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).latest("id")
    assert event.object_type == "import.inspections" and event.after["created"] == 6


def test_export_with_an_unknown_officer_shows_the_row_error_and_writes_nothing(
    lv_head, lvliang_plan, tmp_path
):
    broken = tmp_path / "导出有误.xlsx"
    shutil.copy(EXPORT, broken)
    wb = load_workbook(broken)
    ws = wb.active
    column = [c.value for c in ws[1]].index("执法人员") + 1
    ws.cell(row=3, column=column, value="查无此人、武彦")
    wb.save(broken)
    page = upload(lv_head, broken)
    message = IMPORT_UNKNOWN_OFFICER.format(file=broken.name, row=3, column="执法人员", value="查无此人",
                                            agency=lvliang_plan.plan.agency.name)  # fmt: skip
    assert message in page and "确认导入" not in page
    assert "import_unknown_officer" not in page  # the clerk reads the sentence, never the internal code
    token = lv_head.session["import"]["token"]
    response = lv_head.post("/import/confirm/", {"token": token}, follow=True)
    assert "导入未写入：1 处错误" in response.content.decode()
    assert Inspection.objects.count() == 0


# 周调度


def test_weekly_tab_lists_office_figures_overdue_visits_and_next_weeks_reviews(people, done, xia_plan):  # noqa: F811
    review = done["order"].reviews.get()
    week = review.due_on - dt.timedelta(days=7)
    late = xia_plan.entries.select_related("enterprise").exclude(pk=done["entry"].pk).order_by("pk").first()
    missed = ScheduledVisit.objects.create(version=xia_plan, enterprise=late.enterprise,
                                           date=week - dt.timedelta(days=9))  # fmt: skip
    missed.offices.set(Office.objects.filter(agency=xia_plan.plan.agency)[:1])
    page = html(people["head"], "/execution/weekly/", week=week.isoformat())
    iso = week.isocalendar()
    assert f"{iso.year}年第{iso.week}周" in page and "本周计划检查（次）" in page and "合计" in page
    assert late.enterprise.name in page and str(missed.date) in page
    assert review.order.number in page and str(review.due_on) in page
    by_week = html(people["head"], "/execution/weekly/", week=f"{iso.year}-W{iso.week:02d}")
    assert review.order.number in by_week and f'value="{iso.year}-W{iso.week:02d}"' in by_week


def test_weekly_xlsx_download_is_audited_as_an_export(people, done, xia_plan):  # noqa: F811
    review = done["order"].reviews.get()
    week = (review.due_on - dt.timedelta(days=7)).isocalendar()
    response = people["head"].get("/execution/weekly/xlsx/", {"week": f"{week.year}-W{week.week}"})
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb.sheetnames == ["按股室", "逾期未检", "下周到期复查"]
    cells = [c for row in wb["下周到期复查"].iter_rows(values_only=True) for c in row]
    assert review.order.number in cells
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).latest("id")
    assert event.agency_id == xia_plan.plan.agency_id and event.after["kind"] == "weekly"
    assert event.after["file"].endswith("执法检查周调度.xlsx")


def test_a_bad_week_is_explained_on_the_page_and_refused_for_download(people):
    page = html(people["head"], "/execution/weekly/", week="2025-W99")
    assert WEEK_BAD.format(text="2025-W99") in page and "本周计划检查（次）" in page
    assert people["head"].get("/execution/weekly/xlsx/", {"week": "下周"}).status_code == 404


# 检查事项清单


def publish(client, agency, **data):
    return client.post("/execution/items/publish/", {"agency": agency.pk, "published_on": "2025-02-01",
                                                      "document_no": "夏应急发〔2025〕3号", **data}, follow=True)  # fmt: skip


def test_editor_publishes_a_list_from_text_and_it_is_shown_in_force_with_its_history(people, xia_plan):
    agency = xia_plan.plan.agency
    lines = "危险化学品经营许可条件检查｜《危险化学品安全管理条例》第三十四条｜危险化学品经营单位\n\n" \
            "安全生产教育培训检查\t《安全生产法》第二十八条"  # fmt: skip
    page = publish(people["head"], agency, lines=lines, title="2025年检查事项清单").content.decode()
    assert ITEMS_PUBLISHED.format(number="夏应急发〔2025〕3号", count=2, date="2025-02-01") in page
    items = InspectionItem.objects.filter(agency=agency, withdrawn_on__isnull=True).order_by("sort_order")
    assert [(i.name, i.subject) for i in items] == [("危险化学品经营许可条件检查", "危险化学品经营单位"),
                                                    ("安全生产教育培训检查", "")]  # fmt: skip
    shown = html(people["head"], "/execution/items/")
    assert "《安全生产法》第二十八条" in shown and "现行" in shown and "2025年检查事项清单" in shown
    # the text box holds the list in force, ready to be edited into the next version
    assert "安全生产教育培训检查｜《安全生产法》第二十八条" in shown
    again = publish(people["head"], agency, lines="一项｜依据").content.decode()
    assert ITEM_LIST_DOCUMENT_TAKEN.format(number="夏应急发〔2025〕3号", date="2025-02-01") in again
    assert ItemListPublication.objects.count() == 1


def test_uploaded_csv_publishes_a_new_version_that_replaces_the_old_one(people, xia_plan, tmp_path):
    agency = xia_plan.plan.agency
    publish(people["head"], agency, lines="旧事项｜旧依据")
    csv = tmp_path / "清单.csv"
    csv.write_text("检查事项,检查依据,检查对象\n动火作业管理检查,《工贸企业有限空间作业安全规定》,工贸企业\n",
                   encoding="utf-8")  # fmt: skip
    with csv.open("rb") as f:
        page = publish(people["head"], agency, document_no="夏应急发〔2025〕9号", published_on="2025-06-01",
                       file=f, lines="").content.decode()  # fmt: skip
    assert "共 1 项" in page
    in_force = InspectionItem.objects.filter(agency=agency, withdrawn_on__isnull=True)
    assert [i.name for i in in_force] == ["动火作业管理检查"]
    assert InspectionItem.objects.get(name="旧事项").withdrawn_on == D(2025, 6, 1)
    assert "已替代" in html(people["head"], "/execution/items/")


def test_a_malformed_line_or_file_publishes_nothing_and_names_the_row(people, xia_plan, tmp_path):
    agency = xia_plan.plan.agency
    page = publish(people["head"], agency, lines="好事项｜好依据\n只有名称").content.decode()
    assert ITEMS_TEXT_ERRORS.format(count=1) in page
    assert ITEM_LINE_FIELDS.format(file="清单文本", row=2, column="", text="只有名称") in page
    bad = tmp_path / "清单.csv"
    bad.write_text("检查事项,检查依据\n无依据的事项,\n", encoding="utf-8")
    with bad.open("rb") as f:
        page = publish(people["head"], agency, file=f).content.decode()
    assert "清单.csv 第 2 行「检查依据」：必填，不能为空" in page
    too_long = publish(people["head"], agency, lines="事" * 201 + "｜依据")
    assert "不超过 200 字符" in too_long.content.decode() and not ItemListPublication.objects.exists()
    assert not ItemListPublication.objects.exists()


# 基层联系点


@pytest.fixture
def contact(xia_plan, done):  # noqa: F811
    agency = xia_plan.plan.agency
    point = contact_point_assign(agency=agency, enterprise=done["entry"].enterprise, year=2025)
    old = contact_feedback_record(contact_point=point, date=D(2025, 3, 1), content="希望开展安全培训")
    return {"agency": agency, "point": point, "feedback": old}


def test_editor_assigns_a_contact_point_by_uscc_with_its_office(people, xia_plan):
    agency = xia_plan.plan.agency
    entry = xia_plan.entries.select_related("enterprise").order_by("pk").first()
    office = Office.objects.filter(agency=agency).order_by("pk").first()
    page = people["head"].post("/execution/contacts/assign/", {"agency": agency.pk, "year": 2025, "office": office.pk,
                                                               "enterprise": entry.enterprise.uscc}, follow=True)  # fmt: skip
    assert f"已将{entry.enterprise.name}列为2025年基层联系点" in page.content.decode()
    point = ContactPoint.objects.get()
    assert (point.enterprise, point.office, point.year) == (entry.enterprise, office, 2025)
    listed = html(people["head"], "/execution/contacts/", year="2025")
    assert entry.enterprise.name in listed and office.name in listed
    missing = people["head"].post("/execution/contacts/assign/", {"agency": agency.pk, "year": 2025,
                                                                  "enterprise": "不存在的公司"}, follow=True)  # fmt: skip
    assert ENTERPRISE_NOT_FOUND.format(q="不存在的公司") in missing.content.decode()
    twice = people["head"].post("/execution/contacts/assign/", {"agency": agency.pk, "year": 2025,
                                                                "enterprise": entry.enterprise.name}, follow=True)  # fmt: skip
    assert "已是" in twice.content.decode() and ContactPoint.objects.count() == 1


def test_feedback_is_listed_unanswered_first_and_an_answer_is_recorded(people, contact):
    head, point = people["head"], contact["point"]
    head.post(
        f"/execution/contacts/{point.pk}/feedback/", {"date": "2025-04-02", "content": "咨询有限空间作业规定"}
    )
    newer = ContactFeedback.objects.get(content="咨询有限空间作业规定")
    head.post(f"/execution/feedback/{contact['feedback'].pk}/answer/", {"answered_on": "2025-03-05",
                                                                         "response": "已安排4月培训"})  # fmt: skip
    page = html(head, "/execution/contacts/", year="2025")
    # the open one comes first although it is newer
    assert page.index("咨询有限空间作业规定") < page.index("希望开展安全培训") and "已安排4月培训" in page
    assert f'action="/execution/feedback/{newer.pk}/answer/"' in page
    refused = head.post(f"/execution/feedback/{newer.pk}/answer/", {"answered_on": "2025-04-01", "response": "答复"},
                        follow=True)  # fmt: skip
    assert ANSWER_BEFORE_FEEDBACK.format(answered="2025-04-01", date="2025-04-02") in refused.content.decode()
    answered = ContactFeedback.objects.get(pk=contact["feedback"].pk)
    assert (answered.response, answered.answered_on, answered.answered_by) == (
        "已安排4月培训",
        D(2025, 3, 5),
        "xia_head",
    )


# scope


def test_another_agency_sees_none_of_it_and_its_posts_answer_404(people, contact, xia_plan):
    stranger, agency = people["stranger"], contact["agency"]
    assert contact["point"].enterprise.name not in html(stranger, "/execution/contacts/", year="2025")
    for url in NEW_PAGES:
        assert stranger.get(url, {"agency": agency.pk}).status_code == 404
    assert stranger.get("/execution/weekly/xlsx/", {"agency": agency.pk}).status_code == 404
    assert publish(stranger, agency, lines="事项｜依据").status_code == 404
    posts = {
        "/execution/contacts/assign/": {"agency": agency.pk, "year": 2025, "enterprise": "x"},
        f"/execution/contacts/{contact['point'].pk}/feedback/": {"date": "2025-05-01", "content": "x"},
        f"/execution/feedback/{contact['feedback'].pk}/answer/": {
            "answered_on": "2025-05-01",
            "response": "x",
        },
    }
    for url, data in posts.items():
        assert stranger.post(url, data).status_code == 404, url
    assert not ItemListPublication.objects.exists() and ContactFeedback.objects.count() == 1


def test_the_city_above_reads_the_county_but_cannot_publish_assign_or_answer(people, contact):
    city, agency = people["city"], contact["agency"]
    items = html(city, "/execution/items/", agency=agency.pk)
    assert "只读" in items and 'action="/execution/items/publish/"' not in items
    contacts = html(city, "/execution/contacts/", agency=agency.pk, year="2025")
    assert "希望开展安全培训" in contacts and "记录答复" not in contacts
    assert "本周计划检查（次）" in html(city, "/execution/weekly/", agency=agency.pk)
    assert publish(city, agency, lines="事项｜依据").status_code == 403
    assert city.post("/execution/contacts/assign/", {"agency": agency.pk, "year": 2025, "enterprise": "x"}
                     ).status_code == 403  # fmt: skip
    assert city.post(f"/execution/contacts/{contact['point'].pk}/feedback/", {"date": "2025-05-01", "content": "x"}
                     ).status_code == 403  # fmt: skip
    assert city.post(f"/execution/feedback/{contact['feedback'].pk}/answer/",
                     {"answered_on": "2025-05-01", "response": "x"}).status_code == 403  # fmt: skip
    assert not ItemListPublication.objects.exists() and ContactFeedback.objects.get().response == ""


def test_administrators_see_none_of_the_new_pages(people):
    for url in (*NEW_PAGES, "/execution/weekly/xlsx/"):
        assert people["auditor"].get(url).status_code == 403, url
    assert people["auditor"].post("/execution/items/publish/", {}).status_code == 403


def test_the_new_tabs_are_in_the_execution_tab_bar(people):
    page = html(people["head"], "/execution/")
    assert all(label in page for label in ("周调度", "检查事项清单", "基层联系点"))
