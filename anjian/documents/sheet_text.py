"""A team's workday sheet (行政执法工作日测算说明, the Lüliang 2024 plan annexes 3 and 4) as styled paragraphs.

Contract: `sheet_blocks(team)` prints the team's four totals, need and overtime from the TeamSheet fields and
every
line item as "n. label，工作日为：expression=result天。"; items of one category sharing an `office` are
grouped
under it with the group's sum. `group_items()` is what the XLSX writer uses too, so both documents group
alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from anjian.documents import styles as S
from anjian.documents.numerals import format_number as n
from anjian.documents.numerals import heading1, heading2, heading3, heading4
from anjian.documents.plan_text import Block, overtime_sentence
from anjian.documents.snapshot import SheetItem, TeamSheet

CATEGORIES = ("监督检查", "其他执法", "非执法")


@dataclass(frozen=True)
class ItemGroup:
    office: str  # '' for an item that stands alone
    items: tuple[SheetItem, ...]

    @property
    def total(self) -> Decimal:
        return sum((i.result for i in self.items), Decimal(0))


def category_total(team: TeamSheet, category: str) -> Decimal:
    return {
        "监督检查": team.supervision_days,
        "其他执法": team.other_enforcement_days,
        "非执法": team.non_enforcement_days,
    }[category]


def group_items(team: TeamSheet, category: str) -> list[ItemGroup]:
    """Consecutive items of `category` with the same non-empty office form one group; others stand alone."""
    groups: list[ItemGroup] = []
    for item in (i for i in team.items if i.category == category):
        if item.office and groups and groups[-1].office == item.office:
            groups[-1] = ItemGroup(item.office, (*groups[-1].items, item))
        else:
            groups.append(ItemGroup(item.office, (item,)))
    return groups


# A label keeps the number it had in the bureau's sheet ("5 一般执法检查"); the generator numbers every level
# itself, so that number is dropped ("5.5 一般执法检查" would print it twice).
_OWN_NUMBER = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*[.．、]?|（\d+）|\(\d+\)|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\s*"
)


def item_sentence(item: SheetItem) -> str:
    label = _OWN_NUMBER.sub("", item.label)
    if item.expression:
        text = f"{label}，工作日为：{item.expression}={n(item.result)}天。"
    else:
        text = f"{label}{n(item.result)}天。"
    return text + (f"（{item.note}）" if item.note else "")


def sheet_blocks(team: TeamSheet) -> list[Block]:
    blocks = [
        Block(S.HEADING1, f"{heading1(1)}安全生产执法人员数量"),
        Block(
            S.BODY,
            f"{team.name}安全生产执法岗位在册人员（含抽调人员）{team.staff_total}人，从事安全生产执法人员"
            f"{team.officers}人，占在册人数的{team.officer_share_text}。",
        ),
        Block(S.HEADING1, f"{heading1(2)}总法定工作日{n(team.total_days)}天"),
        Block(
            S.BODY,
            f"总法定工作日=国家法定工作日×安全生产执法人员总数={team.statutory_workdays}天×"
            f"{team.officers}人={n(team.total_days)}个工作日。",
        ),
    ]
    titles = {"监督检查": "监督检查工作日", "其他执法": "其他执法工作日", "非执法": "非执法工作日"}
    for k, category in enumerate(CATEGORIES, 3):
        blocks.append(
            Block(S.HEADING1, f"{heading1(k)}{titles[category]}{n(category_total(team, category))}天")
        )
        groups = group_items(team, category)
        all_grouped = bool(groups) and all(g.office for g in groups)
        for g_index, group in enumerate(groups, 1):
            if all_grouped:
                blocks.append(Block(S.HEADING2, f"{heading2(g_index)}{group.office}{n(group.total)}天"))
                blocks += [
                    Block(S.BODY, f"{heading3(i)}{item_sentence(it)}") for i, it in enumerate(group.items, 1)
                ]
            elif group.office and len(group.items) > 1:
                blocks.append(Block(S.BODY, f"{heading3(g_index)}{group.office}{n(group.total)}天。"))
                blocks += [
                    Block(S.BODY, f"{heading4(i)}{item_sentence(it)}") for i, it in enumerate(group.items, 1)
                ]
            else:
                (item,) = group.items
                prefix = f"{group.office}：" if group.office else ""
                blocks.append(Block(S.BODY, f"{heading3(g_index)}{prefix}{item_sentence(item)}"))
    blocks += [
        Block(S.HEADING1, f"{heading1(6)}实际所需工作日{n(team.need_days)}天"),
        Block(
            S.BODY,
            f"实际所需工作日=监督检查工作日（{n(team.supervision_days)}）+其他执法工作日"
            f"（{n(team.other_enforcement_days)}）+非执法工作日（{n(team.non_enforcement_days)}）="
            f"{n(team.need_days)}（天）。",
        ),
    ]
    if team.overtime_days > 0:
        blocks.append(
            Block(
                S.BODY,
                f"需加班工作日=实际所需工作日-总法定工作日={n(team.need_days)}-"
                f"{n(team.total_days)}={n(team.overtime_days)}天，{overtime_sentence(team)}",
            )
        )
    else:
        blocks.append(Block(S.BODY, overtime_sentence(team)))
    blocks.append(
        Block(
            S.BODY,
            f"按总法定工作日扣除其他执法和非执法工作日测算，可用于监督检查的工作日为"
            f"{n(team.residual_supervision_days)}天。",
        )
    )
    return blocks
