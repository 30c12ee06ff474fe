"""The plan's body as a list of styled paragraphs, in the order of the Lüliang 2024 plan and the 办法 (docs/business-rules.md §10).

Contract: `body_blocks(snapshot, refs)` is pure; every figure it prints is a snapshot field or a count/sum of
the
snapshot's own rows (units, visits per responsible office); `refs` maps annex keys to their numbers so the
text
cites the annexes the document really has.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from anjian.documents import plan_wording as W
from anjian.documents import styles as S
from anjian.documents.numerals import format_number as n
from anjian.documents.numerals import heading1, heading2, heading3, heading4
from anjian.documents.snapshot import PlanSnapshot, TeamSheet

OVERTIME_SENTENCE = "需加班{days}个工作日方能完成计划工作任务。"
NO_OVERTIME_SENTENCE = "在总法定工作日内能够完成计划工作任务。"


@dataclass(frozen=True)
class Block:
    """One paragraph: `run_in` (e.g. "（一）严格监督检查计划编制。") is set in 楷体 before `text`."""

    style: str
    text: str
    run_in: str = ""


def body_blocks(plan: PlanSnapshot, refs: Mapping[str, int]) -> list[Block]:
    blocks = [Block(S.BODY, _basis(plan))]
    blocks += _objectives(plan)
    blocks += _staffing(plan, refs)
    blocks += _key(plan, refs)
    blocks += _general(plan, refs)
    blocks += _draws(plan)
    blocks += _safeguards(plan)
    return blocks


def _basis(plan: PlanSnapshot) -> str:
    docs = ""
    for doc in plan.basis_docs:
        docs += ("、" if docs.endswith("）") else "") + doc
    text = (
        f"根据{docs}等规定，结合实际，制定{plan.agency_name}（以下简称“{plan.agency_short_name}”）"
        f"{plan.year}年度安全生产监督检查计划。"
    )
    if plan.approving_government:
        text += f"本计划经{plan.approving_government}批准后实施。"
    return text


def _objectives(plan: PlanSnapshot) -> list[Block]:
    items = plan.objectives or W.OBJECTIVES
    blocks = [
        Block(S.HEADING1, f"{heading1(1)}工作目标和主要任务"),
        Block(S.HEADING2, f"{heading2(1)}工作目标"),
    ]
    blocks += [Block(S.BODY, f"{heading3(i)}{text}") for i, text in enumerate(items, 1)]
    blocks += [Block(S.HEADING2, f"{heading2(2)}主要任务"), Block(S.BODY, W.MAIN_TASK)]
    return blocks


def overtime_sentence(team: TeamSheet) -> str:
    if team.overtime_days > 0:
        return OVERTIME_SENTENCE.format(days=n(team.overtime_days))
    return NO_OVERTIME_SENTENCE


def team_label(team: TeamSheet, plan: PlanSnapshot, first: bool) -> str:
    """Full name at first mention (with 以下简称 when it has a short name), short name after."""
    if team.name == plan.agency_name:
        return plan.agency_short_name
    if first and team.short_name:
        return f"{team.name}（以下简称“{team.short_name}”）"
    return team.short_name or team.name


def _staffing(plan: PlanSnapshot, refs: Mapping[str, int]) -> list[Block]:
    blocks = [
        Block(
            S.HEADING1,
            f"{heading1(2)}行政执法人员数量和总法定工作日、执法检查工作日、其他执法工作日、非执法工作日",
        )
    ]
    for i, team in enumerate(plan.teams):
        text = (
            f"{team_label(team, plan, first=True)}安全生产执法岗位在册人员（含抽调人员）"
            f"{team.staff_total}人，"
            f"从事安全生产执法人员{team.officers}人，占在册人数的{team.officer_share_text}。"
        )
        if i == 0 and "staffing" in refs:
            text += f"安全生产执法人员配置情况见附件{refs['staffing']}。"
        blocks.append(Block(S.BODY, text, run_in=heading2(i + 1)))
        blocks += [
            Block(S.BODY, f"{heading3(1)}总法定工作日为{n(team.total_days)}天。"),
            Block(S.BODY, f"{heading3(2)}监督检查工作日为{n(team.supervision_days)}天。"),
            Block(S.BODY, f"{heading3(3)}其他执法工作日为{n(team.other_enforcement_days)}天。"),
            Block(S.BODY, f"{heading3(4)}非执法工作日为{n(team.non_enforcement_days)}天。"),
        ]
        closing = f"实际所需工作日为{n(team.need_days)}天，{overtime_sentence(team)}"
        if f"sheet:{i}" in refs:
            closing += f"工作日测算见附件{refs[f'sheet:{i}']}。"
        blocks.append(Block(S.BODY, closing))
    return blocks


def share_phrase(share_text: str, base_text: str) -> str:
    if "工作日" in base_text:
        return f"按检查工作日计，占重点检查和一般检查工作日合计的{share_text}"
    if "次数" in base_text:
        return f"按检查次数计，占年度监督检查总次数的{share_text}"
    if "单位" in base_text:
        return f"占年度监督检查单位总数的{share_text}"
    return f"占比为{share_text}"


def responsible_summary(responsibles: Sequence[str], unit_word: str) -> str:
    """'由A完成9户，由A、办公室共同完成1户' from the rows' 责任单位, in order of first appearance."""
    counts = Counter(responsibles)
    if len(counts) == 1:
        (only,) = counts
        return f"由{only}{'共同' if '、' in only else ''}完成"
    parts = [f"由{r}{'共同' if '、' in r else ''}完成{c}{unit_word}" for r, c in counts.items()]
    return "其中，" + "，".join(parts)


def _visits_clause(visits: Sequence[int], unit_word: str) -> str:
    if visits and len(set(visits)) == 1:
        return f"每{unit_word}检查{visits[0]}次"
    return "检查次数见附件"


def _key(plan: PlanSnapshot, refs: Mapping[str, int]) -> list[Block]:
    blocks = [
        Block(S.HEADING1, f"{heading1(3)}重点检查安排"),
        Block(S.BODY, W.KEY_SCOPE_INTRO, run_in=f"{heading2(1)}重点检查单位范围。"),
    ]
    # The slope threshold comes from the rule pack through the snapshot, never from the wording.
    slope = f"{plan.openpit_slope_m}米" if plan.openpit_slope_m else "达到规定高度"
    for i, (item, subs) in enumerate(W.KEY_SCOPE, 1):
        blocks.append(Block(S.BODY, f"{heading3(i)}{item}"))
        if i == 1:  # sectors the bureau has none of are left out (a district without mines: no mining scope)
            subs = tuple(
                sub
                for sub, about in zip(subs, W.KEY_SCOPE_INDUSTRIES, strict=True)
                if not plan.industries or not about or set(about) & set(plan.industries)
            )
        blocks += [Block(S.BODY, f"{heading4(j)}{sub.format(slope=slope)}") for j, sub in enumerate(subs, 1)]
    see = f"检查安排见附件{refs['key']}。" if "key" in refs else ""
    blocks.append(
        Block(
            S.BODY,
            f"全年重点检查生产经营单位{plan.key_units}户，{plan.key_visits}次，"
            f"{share_phrase(plan.key_share_text, plan.share_base_text)}。具体区分如下：",
            run_in=f"{heading2(2)}重点检查单位数量、名称、行业领域和占比。",
        )
    )
    for i, sec in enumerate(plan.key_sections, 1):
        who = responsible_summary([r.responsible for r in sec.rows], sec.unit_word)
        how_often = _visits_clause([r.visits for r in sec.rows], sec.unit_word)
        blocks.append(
            Block(
                S.BODY,
                f"{heading3(i)}{sec.sector}{sec.units}{sec.unit_word}，{sec.visits}次。"
                f"{who}，{how_often}。{see}",
            )
        )
    blocks.append(
        Block(
            S.BODY,
            "对确定为重点检查的生产经营单位，本年度内实现监督检查“全覆盖”。",
            run_in=f"{heading2(3)}重点检查频次。",
        )
    )
    return blocks


def _general(plan: PlanSnapshot, refs: Mapping[str, int]) -> list[Block]:
    blocks = [
        Block(S.HEADING1, f"{heading1(4)}一般检查安排"),
        Block(S.BODY, W.GENERAL_SCOPE_INTRO, run_in=f"{heading2(1)}一般检查单位范围。"),
    ]
    blocks += [Block(S.BODY, f"{heading3(i)}{item}") for i, item in enumerate(W.GENERAL_SCOPE, 1)]
    blocks.append(
        Block(
            S.BODY,
            f"全年一般检查生产经营单位{plan.general_units}户，{plan.general_visits}次，"
            f"{share_phrase(plan.general_share_text, plan.share_base_text)}。具体区分如下：",
            run_in=f"{heading2(2)}一般检查单位数量、行业领域及占比。",
        )
    )
    see = f"名单见附件{refs['general']}。" if "general" in refs else ""
    for i, sec in enumerate(plan.general_sections, 1):
        who = responsible_summary([r.responsible for r in sec.rows], sec.unit_word)
        blocks.append(
            Block(
                S.BODY, f"{heading3(i)}{sec.sector}{sec.units}{sec.unit_word}，{sec.visits}次。{who}。{see}"
            )
        )
    if plan.required_visits:
        blocks.append(
            Block(
                S.BODY,
                f"全年计划检查生产经营单位{plan.key_visits + plan.general_visits}户次，应检查"
                f"{plan.required_visits}户次，覆盖率为{plan.coverage_text}。",
            )
        )
    least = min((r.visits for s in plan.general_sections for r in s.rows), default=1)
    blocks.append(
        Block(
            S.BODY,
            f"对一般检查单位抽查检查至少{least}次，检查时间按季度分解安排。",
            run_in=f"{heading2(3)}一般检查频次和时间安排。",
        )
    )
    return blocks


def _draws(plan: PlanSnapshot) -> list[Block]:
    blocks = [Block(S.HEADING1, f"{heading1(5)}双随机一公开执法检查安排")]
    joint = W.draw_wording(W.DRAW_JOINT_TEMPLATE, W.DRAW_JOINT_SECTORS, plan.industries)
    inner = W.draw_wording(W.DRAW_INNER_TEMPLATE, W.DRAW_INNER_SECTORS, plan.industries)
    if not plan.draws:
        return blocks + [Block(S.BODY, joint), Block(S.BODY, inner)]
    for draw in sorted(plan.draws, key=lambda d: d.scope != "部门间"):
        wording = joint if draw.scope == "部门间" else inner
        text = (
            f"{wording}本年度从{draw.pool_size}户检查对象名录中随机抽取{draw.drawn}户。"
            f"抽取前已公布随机种子承诺值（SHA-256）{draw.commitment}，名录摘要{draw.pool_digest}"
        )
        text += f"；抽取后公布随机种子“{draw.seed}”，抽取结果可复核。" if draw.seed else "，抽取结果可复核。"
        blocks.append(Block(S.BODY, text))
    return blocks


def _safeguards(plan: PlanSnapshot) -> list[Block]:
    blocks = [Block(S.HEADING1, f"{heading1(6)}保障措施")]
    paragraphs = plan.safeguards or tuple(p.format(**dict(plan.deadlines)) for p in W.SAFEGUARDS)
    for i, paragraph in enumerate(paragraphs, 1):
        body = paragraph.split("）", 1)[1] if paragraph.startswith("（") else paragraph
        head, sep, rest = body.partition("。")
        if sep and len(head) <= 20:
            blocks.append(Block(S.BODY, rest, run_in=f"{heading2(i)}{head}。"))
        else:
            blocks.append(Block(S.BODY, body, run_in=heading2(i)))
    return blocks
