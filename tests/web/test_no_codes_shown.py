"""Screens a clerk reads name things in Chinese: agency levels, the draw's scope, changed fields, downloaded files,
the rule pack and the public draw's findings — never the internal code, the field's code name or a machine path."""

import copy

import pytest
from django.test import Client
from django.urls import reverse

from anjian.audit.chain import record
from anjian.audit.models import AuditEvent
from anjian.planning.rules import load_pack
from anjian.plans.models import PlanEntry


def get(client, name: str, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_the_enterprise_page_names_the_cap_ledger_levels_in_chinese(xia_plan, people):
    entry = next(e for e in PlanEntry.objects.filter(version=xia_plan) if (e.cap or {}).get("used"))
    html = get(people["head"], "web:enterprise_detail", entry.enterprise_id)
    assert "县级：" in html
    for code in ("province：", "city：", "county："):
        assert code not in html


def test_the_draw_page_names_the_scope_in_chinese(xia_plan, people):
    html = get(people["head"], "web:plan_draw", xia_plan.plan.pk)
    assert "双随机抽取 · 部门内部抽查" in html
    assert "intra" not in html


def test_the_records_page_names_changed_fields_and_downloaded_files_without_a_path(xia_plan, people):
    plan = xia_plan.plan
    record(AuditEvent.Action.UPDATE, obj=plan, agency_id=plan.agency_id,
           after={"doc_number": "夏应急发〔2025〕6号", "settings": {}, "title": "新标题"})  # fmt: skip
    record(AuditEvent.Action.EXPORT, obj=xia_plan, agency_id=plan.agency_id,
           after={"file": "/srv/anjian/var/out/夏县2025年度计划.docx", "format": "docx"})  # fmt: skip
    html = get(people["head"], "web:plan_records", plan.pk)
    assert "修改：发文字号、" in html and "标题" in html
    assert "doc_number" not in html and "settings" not in html
    assert "下载 夏县2025年度计划.docx" in html
    assert "/srv/anjian" not in html and "var/out" not in html


def test_the_plan_page_names_the_rule_pack_instead_of_a_command(xia_plan, people):
    html = get(people["head"], "web:plan_rules", xia_plan.plan.pk)
    assert "anjian rules show" not in html
    pack = load_pack(xia_plan.ruleset)
    assert f"规则包“{pack.name}”" in html
    assert " → ".join(load_pack(i).name for i in pack.chain) in html
    assert xia_plan.ruleset_chain not in html


@pytest.mark.parametrize("field", ["seed", "pool"])
def test_the_public_draw_page_names_its_findings_in_chinese(xia_plan, field):
    draw = xia_plan.draws.first()
    stored = copy.deepcopy(draw.record)
    if field == "seed":
        stored["seed"] = "another seed chosen after seeing the pool"
    else:
        stored["pool"][0]["name"] = stored["pool"][0]["name"] + "（改）"
    draw.record = stored
    draw.save()
    html = get(Client(HTTP_HOST="localhost"), "web:draw_public", draw.commitment)
    assert "不通过" in html
    assert "[draw_" not in html and "draw_" not in html.split("<main", 1)[-1].split("</main>")[0]
