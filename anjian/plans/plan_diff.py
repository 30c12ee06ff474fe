"""What a new set of plan settings changes against the stored one, as Chinese lines by key (shown after
`plan configure` and in the web's confirmation), so that a typo that drops a table is seen at once."""

from __future__ import annotations

import json
from pathlib import Path

from .config import PlanConfig

LABELS = (
    ("title", "计划标题"), ("doc_number", "发文字号"), ("issue_date", "成文日期"), ("recipients", "主送机关"),
    ("basis_docs", "编制依据"), ("share_base", "重点/一般占比的计算基础"), ("share_decimals", "占比保留的小数位数"),
    ("required_visits", "应检查户次"), ("issuer_mark", "发文机关标志"), ("signer", "发文机关署名"),
    ("cc", "抄送机关"), ("printer", "印发机关"), ("print_date", "印发日期"), ("general_mode", "一般检查单位的确定方式"),
    ("seed", "固定的抽取种子"),
)  # fmt: skip
VALUE_WORDS = {"visits": "按检查次数", "workdays": "按监督检查工作日", "units": "按户数", "draw": "“双随机”抽取",
               "all": "全部列入"}  # fmt: skip
CHANGED = "{label}：{old} → {new}"
UNSET = "（未填）"
NO_CHANGE = "编制参数与已保存的相同，没有改动"
ARRANGEMENT_CHANGED = "重点检查安排表：内容有改动（{old} 行 → {new} 行）"
SECTOR_ADDED = "一般检查「{sector}」：新增，{detail}"
SECTOR_REMOVED = "一般检查「{sector}」：删去（原抽取 {units} 户）"
SECTOR_CHANGED = "一般检查「{sector}」：{old} → {new}"
FILES_CHANGED = "工作日测算表：{old} → {new}"


def _shown(value: object) -> str:
    if value in (None, "", ()):
        return UNSET
    if isinstance(value, tuple):
        return "、".join(str(v) for v in value)
    return VALUE_WORDS.get(str(value), f"「{value}」" if isinstance(value, str) else str(value))


def _sector(units: int, offices: tuple[tuple[str, int], ...]) -> str:
    split = "，".join(f"{o} {n} 户" for o, n in offices) or "按单位归属的股室"
    return f"抽取 {units} 户（{split}）"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def settings_changes(old: PlanConfig, new: PlanConfig) -> list[str]:
    """One Chinese line per changed setting (empty when nothing changed)."""
    lines = [
        CHANGED.format(label=label, old=_shown(getattr(old, key)), new=_shown(getattr(new, key)))
        for key, label in LABELS
        if getattr(old, key) != getattr(new, key)
    ]
    before = {g.stratum: g for g in old.general}
    after = {g.stratum: g for g in new.general}
    for sector, g in after.items():
        if sector not in before:
            lines.append(SECTOR_ADDED.format(sector=sector, detail=_sector(g.units, g.offices)))
        elif before[sector] != g:
            b = before[sector]
            lines.append(
                SECTOR_CHANGED.format(
                    sector=sector, old=_sector(b.units, b.offices), new=_sector(g.units, g.offices)
                )
            )
    lines += [SECTOR_REMOVED.format(sector=s, units=g.units) for s, g in before.items() if s not in after]
    if _json(old.key_arrangement) != _json(new.key_arrangement):  # stored rows come back with lists
        lines.append(ARRANGEMENT_CHANGED.format(old=len(old.key_arrangement), new=len(new.key_arrangement)))
    if old.workday_files != new.workday_files:
        names = (tuple(Path(f).name for f in files) for files in (old.workday_files, new.workday_files))
        lines.append(FILES_CHANGED.format(old=_shown(next(names)), new=_shown(next(names))))
    return lines
