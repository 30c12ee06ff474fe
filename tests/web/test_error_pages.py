"""Error pages are Chinese and offer the way back (issue 15 item 6)."""

import pytest
from django.test import Client


def test_404_names_the_scope_and_links_back(people):
    page = people["head"].get("/enterprises/999999/", HTTP_REFERER="/enterprises/")
    body = page.content.decode()
    assert page.status_code == 404 and "未找到" in body
    assert 'href="/enterprises/">返回上一页' in body and "回到工作台首页" in body


def test_403_says_why_and_links_back(people):
    body = people["auditor"].get("/enterprises/").content.decode()
    assert "三员分立" in body and "回到工作台首页" in body


def test_a_failed_csrf_check_is_a_chinese_page_with_the_way_back(db):
    response = Client(enforce_csrf_checks=True, HTTP_HOST="localhost").post("/login/", {"username": "x"})
    body = response.content.decode()
    assert response.status_code == 403 and "页面已过期" in body and "CSRF" in body and "登录" in body
    assert "Forbidden" not in body


def test_a_server_error_is_a_chinese_page_with_the_way_back(people, monkeypatch):
    client = people["head"]
    client.raise_request_exception = False

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("anjian.web.registry.enterprises.render", boom)
    response = client.get("/enterprises/")
    body = response.content.decode()
    assert response.status_code == 500 and "系统出错" in body and "回到工作台首页" in body
    assert "Traceback" not in body and "boom" not in body


pytestmark = pytest.mark.django_db
