"""End to end in Debian's Chromium (marker `browser`): log in, dashboard, key units, draw check, DOCX, log out."""

import pytest

from .conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_office_head_walks_through_the_plan_in_the_browser(
    transactional_db, xia_plan, live_server, browser_page
):
    make_user("xia_head", xia_plan.plan.agency, "office_head")
    page, base = browser_page, live_server.url
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", "xia_head")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    assert page.locator("h1").first.inner_text().startswith("总览")
    assert page.locator("#months-chart").is_visible()

    page.click(f"a[href='/plans/{xia_plan.plan_id}/']")
    page.click("text=重点/一般认定")
    rows = page.locator("#entries tbody tr")
    assert rows.count() == xia_plan.entries.filter(category="key").count()

    page.click("text=双随机抽取")
    assert page.locator("#draw-verified").is_visible()
    page.click("a[href^='/verify/draw/']:not([href$='.json'])")
    assert page.locator("#draw-verified").is_visible()

    page.goto(f"{base}/plans/{xia_plan.plan_id}/documents/")
    with page.expect_download() as download:
        page.click(f"#download-docx-{xia_plan.number}")
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".docx")
    with open(path, "rb") as f:
        assert f.read(2) == b"PK"

    page.click("button:has-text('退出')")
    page.wait_for_url(f"{base}/login/")
    page.goto(f"{base}/plans/")
    assert "/login/" in page.url
