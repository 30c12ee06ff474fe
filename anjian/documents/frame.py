"""What a plan needs before it can be issued as a 公文 (GB/T 9704 版头, 署名, 成文日期, 版记).

Contract: `missing_frame_fields(snapshot)` names, in Chinese and in plan.toml's own words, every field a final
export needs and the plan lacks; an empty tuple means the document can be printed, sealed and sent as is. A
draft export may go without them and is marked 草稿.
"""

from __future__ import annotations

from anjian.documents.snapshot import PlanSnapshot

# (plan.toml key, what the clerk calls it, snapshot attribute)
FRAME_FIELDS = (
    ("plan.doc_number", "发文字号", "doc_number"),
    ("plan.issue_date", "成文日期", "issue_date"),
    ("document.printer", "印发机关", "printing_office"),
    ("document.print_date", "印发日期", "print_date"),
)
FRAME_MISSING = "正式印发前还须填写：{fields}（在 plan.toml 或“编制参数”页中填写）；现按草稿导出。"
FRAME_REFUSED = (
    "不能正式导出：缺少{fields}。请在 plan.toml 或“编制参数”页中填写后再导出，或去掉 --final 导出草稿。"
)


def missing_frame_fields(plan: PlanSnapshot) -> tuple[str, ...]:
    """'发文字号（plan.doc_number）', … for every frame field the snapshot lacks, in document order."""
    return tuple(f"{label}（{key}）" for key, label, attr in FRAME_FIELDS if not getattr(plan, attr))
