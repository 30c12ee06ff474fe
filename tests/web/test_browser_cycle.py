"""The whole yearly cycle on the Lüliang sample in Debian's Chromium (marker `browser`), as a 股室负责人 does it:
log in, import a file with a bad row and read its message, compile, draw and verify, edit a workday line and watch the
totals change, download the DOCX, log out."""

import openpyxl
import pytest

from anjian.registry.models import Enterprise

from .conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]
expect = pytest.importorskip("playwright.sync_api").expect
HEADER = (
    "企业名称",
    "统一社会信用代码",
    "行业领域",
    "细分行业",
    "责任单位",
    "管理层级",
    "所在区划代码",
    "地址",
)
GOOD = ("吕梁恒泰化工有限公司", "91141100000900017A", "危险化学品", "危险化学品生产", "危险化学品安全监管科", "市级",
        "141102", "山西省吕梁市离石区滨河路1号")  # fmt: skip
BAD_USCC = "911411000009000250"  # the check character is wrong


def bad_row_workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "生产经营单位"
    ws.append(HEADER)
    ws.append(GOOD)
    ws.append(("吕梁鑫源化工有限公司", BAD_USCC, *GOOD[2:]))
    wb.save(path)
    return path


def text_of(page, selector):
    return page.locator(selector).first.inner_text().strip()


def finished_job(page, seconds: float = 300) -> str:
    """Wait on a job's page until the job has ended; its message. The job must end done."""
    page.wait_for_selector(
        "#job-status[data-state='done'], #job-status[data-state='failed']", timeout=seconds * 1000
    )
    assert page.locator("#job-status").get_attribute("data-state") == "done", text_of(page, "#job-message")
    return text_of(page, "#job-message")


def test_office_head_runs_the_yearly_cycle_in_the_browser(
    transactional_db, lvliang_plan, live_server, browser_page, tmp_path
):
    page, base = browser_page, live_server.url
    plan_id, agency = lvliang_plan.plan_id, lvliang_plan.plan.agency
    make_user("lv_head", agency, "office_head")
    enterprises_before = Enterprise.objects.count()

    # Log in.
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", "lv_head")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")

    # Import a file whose third row has a broken credit code: the row is named, nothing is written.
    page.goto(f"{base}/import/")
    page.select_option("select[name=kind]", "enterprises")
    page.set_input_files("input[name=file]", str(bad_row_workbook(tmp_path / "新增企业.xlsx")))
    page.click("button:has-text('上传并预览')")
    error_row = page.locator("table.grid tr", has_text=BAD_USCC).first
    assert error_row.is_visible()
    assert "统一社会信用代码" in error_row.inner_text()
    assert error_row.locator("td.num").inner_text() == "3"
    assert page.locator("text=确认导入").count() == 0
    assert Enterprise.objects.count() == enterprises_before

    # Compile a new version from the classification step.
    page.goto(f"{base}/plans/{plan_id}/classification/")
    page.fill("input[name=reason]", "浏览器全流程测试")
    page.click("button:has-text('按人工调整重新编制')")
    assert "已编制第 2 版" in finished_job(
        page
    )  # a background job: the request answered at once with its page
    page.goto(f"{base}/plans/{plan_id}/classification/")
    assert page.locator("#entries tbody tr").count() == 100  # the first page of the 103 key units

    # The draw is replayed on the plan page and on the public verification page.
    page.click("text=双随机抽取")
    assert page.locator("#draw-verified").is_visible()
    page.click("a[href^='/verify/draw/']:not([href$='.json'])")
    assert page.locator("#draw-verified").is_visible()

    # Edit a workday line: the bureau's supervision days follow the units typed in, then the edit is saved.
    page.goto(f"{base}/plans/{plan_id}/workdays/")
    supervision = "#sheet-bureau-supervision"
    assert text_of(page, supervision) == "3178"
    units = page.locator("#sheet-bureau-form tr[data-line-title='1 重点检查矿井'] input[data-factor=units]")
    units.fill("40")
    expect(page.locator(supervision)).to_have_text("3128")  # the htmx preview, nothing saved yet
    assert page.locator(f"{supervision}[data-changed='1']").count() == 1
    page.fill("#sheet-bureau-reason", "一户矿井已关闭")
    page.click("#sheet-bureau-save")
    assert "编制第 3 版" in text_of(page, ".messages")
    assert text_of(page, supervision) == "3128"

    # Scheduling from the browser (a background job with its progress bar) is driven against a real `anjian serve`
    # in tests/jobs/test_browser.py: under the test live server a job thread and the request share one SQLite.
    page.goto(f"{base}/plans/{plan_id}/")

    # Download the plan document of version 3.
    page.click("text=文书")
    with page.expect_download() as download:
        page.click("#download-docx-3")
    assert download.value.suggested_filename.endswith(".docx")
    with open(download.value.path(), "rb") as f:
        assert f.read(2) == b"PK"

    # Log out; the plan is no longer reachable.
    page.click("button:has-text('退出')")
    page.wait_for_url(f"{base}/login/")
    page.goto(f"{base}/plans/{plan_id}/")
    assert "/login/" in page.url
