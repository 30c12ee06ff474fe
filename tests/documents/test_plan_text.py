"""Body wording generated from the snapshot (the Lüliang 2024 plan §二–§三)."""

import dataclasses
from decimal import Decimal

from anjian.documents.plan_text import NO_OVERTIME_SENTENCE, overtime_sentence, responsible_summary


def test_overtime_sentence_reads_like_file_004(luliang):
    """Seed 004 §二(一): "需加班 6 个工作日方能完成计划工作任务。"."""
    bureau, brigade = luliang.teams
    assert overtime_sentence(bureau) == "需加班6个工作日方能完成计划工作任务。"
    assert overtime_sentence(brigade) == "需加班14个工作日方能完成计划工作任务。"


def test_team_without_overtime_gets_the_no_overtime_sentence(luliang):
    team = dataclasses.replace(luliang.teams[0], overtime_days=Decimal(0))
    assert overtime_sentence(team) == NO_OVERTIME_SENTENCE


def test_responsible_summary_splits_non_coal_units_like_section_3(luliang):
    """Seed 004 §三(二)3: 科 alone 9, with 办公室 1; 支队 alone 4, with 办公室 1."""
    non_coal = luliang.key_sections[2]
    text = responsible_summary([r.responsible for r in non_coal.rows], "户")
    for part in (
        "由非煤矿山安全监管科完成9户",
        "由非煤矿山安全监管科、办公室共同完成1户",
        "由市执法支队完成4户",
        "由市执法支队、办公室共同完成1户",
    ):
        assert part in text


def test_single_responsible_group_is_named_without_counts():
    assert responsible_summary(["市执法支队"] * 3, "户") == "由市执法支队完成"
