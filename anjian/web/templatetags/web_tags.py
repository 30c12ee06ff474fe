from django import template

from anjian.accounts.scope import request_scope
from anjian.planning.finding_labels import SOURCE_LABELS

register = template.Library()


@register.simple_tag(takes_context=True)
def user_scope(context):
    return request_scope(context["request"])


@register.filter
def yesno_cn(value):
    return "是" if value is True else "否" if value is False else (value or "—")


@register.filter
def finding_source(value):
    """The stage a finding comes from, in Chinese (never the internal name)."""
    return SOURCE_LABELS.get(value, "—")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


CAP_STATUS = {"ok": "未超上限", "at_cap": "已达上限", "over_cap": "超上限（不允许）", "justified": "超上限（已说明）",
              "no_cap": "无上限", "blocked": "无法确定上限"}  # fmt: skip


@register.filter
def cap_status(value):
    return CAP_STATUS.get(value, value or "—")


@register.filter
def as_json(value, limit=600):
    import json

    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    return text if len(text) <= int(limit) else text[: int(limit)] + " …"


def _status(value) -> str:
    from anjian.plans.models import Plan

    return Plan.Status(value).label if value in Plan.Status.values else str(value or "")


@register.filter
def event_summary(event) -> str:
    """One readable line for an audit event on the plan's record page."""
    before, after = event.before or {}, event.after or {}
    if event.action == "approve":
        note = f"（{after['note']}）" if after.get("note") else ""
        return f"{_status(before.get('status'))} → {_status(after.get('status'))}，第 {after.get('version')} 版{note}"
    if event.action == "export":
        return f"下载 {after.get('file') or after.get('format', '')}"
    if event.action == "create" and event.object_type == "plans.PlanVersion":
        return f"编制第 {after.get('number')} 版：{after.get('reason') or '—'}"
    if event.action == "create":
        return "建立计划"
    return "修改：" + "、".join(sorted(after)) if after else ""
