"""The difference between two plan versions, entry by entry (docs/business-rules.md §9 adjustments).

Contract: `diff_versions(old, new)` lists units added, removed and changed (category, visits, quarter windows,
responsible offices), in the order of the new version then the removed ones; `is_major(diff)` is True when
the key list changed or a unit got a new responsible office — the default triggers of a major adjustment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

DIFF_ADDED = "新增{category}单位{name}（{visits}次/年）"
DIFF_REMOVED = "删除{category}单位{name}"
DIFF_CHANGED = "{name}：{field}由{old}改为{new}"

FIELD_LABELS = {"category": "类别", "visits": "检查频次", "quarters": "检查季度", "offices": "责任单位"}
CATEGORY_LABELS = {"key": "重点检查", "general": "一般检查"}


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class EntrySnapshot:
    enterprise_id: int
    name: str
    category: str
    visits: int
    quarters: tuple[int, ...]
    offices: tuple[str, ...]


@dataclass(frozen=True)
class EntryChange:
    change: Change
    enterprise_id: int
    name: str
    field: str = ""
    old: str = ""
    new: str = ""
    message: str = ""


def _show(field: str, value: object) -> str:
    if field == "category":
        return CATEGORY_LABELS.get(str(value), str(value))
    if field == "quarters":
        return "、".join(f"第{q}季度" for q in value) or "未定"  # type: ignore[attr-defined]
    if field == "offices":
        return "、".join(value) or "无"  # type: ignore[arg-type]
    return f"{value}次"


def diff_versions(old: Sequence[EntrySnapshot], new: Sequence[EntrySnapshot]) -> tuple[EntryChange, ...]:
    before = {e.enterprise_id: e for e in old}
    after = {e.enterprise_id: e for e in new}
    out: list[EntryChange] = []
    for e in new:
        was = before.get(e.enterprise_id)
        cat = CATEGORY_LABELS.get(e.category, e.category)
        if was is None:
            msg = DIFF_ADDED.format(category=cat, name=e.name, visits=e.visits)
            out.append(EntryChange(Change.ADDED, e.enterprise_id, e.name, message=msg))
            continue
        for f in ("category", "visits", "quarters", "offices"):
            a, b = getattr(was, f), getattr(e, f)
            if (sorted(a) if f == "offices" else a) != (sorted(b) if f == "offices" else b):
                o, n = _show(f, a), _show(f, b)
                msg = DIFF_CHANGED.format(name=e.name, field=FIELD_LABELS[f], old=o, new=n)
                out.append(EntryChange(Change.CHANGED, e.enterprise_id, e.name, f, o, n, msg))
    for e in old:
        if e.enterprise_id not in after:
            msg = DIFF_REMOVED.format(category=CATEGORY_LABELS.get(e.category, e.category), name=e.name)
            out.append(EntryChange(Change.REMOVED, e.enterprise_id, e.name, message=msg))
    return tuple(out)


def is_major(
    changes: Sequence[EntryChange], old: Sequence[EntrySnapshot], new: Sequence[EntrySnapshot]
) -> bool:
    """Key list changed (a key unit added, removed, or re-categorised) or a new responsible office appeared."""
    key_before = {e.enterprise_id for e in old if e.category == "key"}
    key_after = {e.enterprise_id for e in new if e.category == "key"}
    offices_before = {o for e in old for o in e.offices}
    offices_after = {o for e in new for o in e.offices}
    return key_before != key_after or bool(offices_after - offices_before)
