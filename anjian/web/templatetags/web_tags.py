from pathlib import PurePath

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
        return f"下载 {PurePath(str(after.get('file') or '')).name or after.get('format', '')}"
    if event.action == "create" and event.object_type == "plans.PlanVersion":
        return f"编制第 {after.get('number')} 版：{after.get('reason') or '—'}"
    if event.action == "create":
        return "建立计划"
    return "修改：" + "、".join(_field_names(event.object_type, sorted(after))) if after else ""


def _field_names(object_type: str, names: list[str]) -> list[str]:
    """The changed fields as the model names them in Chinese (never the field's code name)."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return ["其他内容"] if names else []
    shown = []
    for name in names:
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            label = "其他内容"
        if label not in shown:
            shown.append(label)
    return shown


DRAW_SCOPES = {"intra": "部门内部抽查", "joint": "跨部门联合抽查"}


@register.filter
def draw_scope(value):
    """The draw's scope in Chinese (never the code stored with the draw)."""
    return DRAW_SCOPES.get(value, "—")


@register.filter
def level_label(value):
    """An agency level (province/city/county) as 省级/市级/县级."""
    from anjian.registry.models import Level

    return Level(value).label if value in Level.values else "—"
