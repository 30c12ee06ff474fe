"""The per-visit 现场检查方案 (the Lüliang 2024 plan §六(三): every inspection needs one)."""

import io

from docx import Document

from anjian.documents.visit_plan_docx import visit_plan_docx
from tests.documents.factories import sample_visit_plan


def test_visit_plan_prints_every_field():
    plan = sample_visit_plan()
    doc = Document(io.BytesIO(visit_plan_docx(plan)))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    text = "\n".join([p.text for p in doc.paragraphs] + cells)
    for value in (
        plan.agency_name,
        "现场检查方案",
        plan.number,
        plan.enterprise,
        plan.address,
        plan.principal,
        plan.phone,
        "2024年3月12日",
        plan.area,
        plan.focus,
        plan.method,
        *plan.content,
        *plan.experts,
        *plan.tools,
        plan.author,
        plan.approver,
    ):
        assert value in text, value
    for name, cert in plan.officers:
        assert f"{name}（执法证号：{cert}）" in text
    labels = {r.cells[0].text for t in doc.tables for r in t.rows}
    assert {
        "被检查单位",
        "检查场所（区域）",
        "检查内容",
        "检查重点",
        "检查方式",
        "执法人员及执法证号",
        "专家及技术检查员",
        "检查装备",
        "审批意见",
    } <= labels


def test_visit_plan_without_experts_or_tools_says_none():
    import dataclasses

    plan = dataclasses.replace(sample_visit_plan(), experts=(), tools=())
    doc = Document(io.BytesIO(visit_plan_docx(plan)))
    rows = {r.cells[0].text: r.cells[1].text for t in doc.tables for r in t.rows}
    assert rows["专家及技术检查员"] == "无" and rows["检查装备"] == "无"
