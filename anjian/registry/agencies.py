"""Onboarding an agency: one service for the command line and the web, so both refuse the same things.

An agency's rule pack is fixed when it is created, from its province (the province's own pack, else the
national one); a pack of another province, or one that does not exist, is refused here with the list of
packs, never discovered at compile time.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from anjian.planning.rule_sources import pack_for_province
from anjian.planning.rules import RulePackError

from .models import Agency, Level

LEVELS = {"province": Level.PROVINCE, "city": Level.CITY, "county": Level.COUNTY, "district": Level.COUNTY}
LEVEL_LABELS = {"province": "省级", "city": "市级", "county": "县级", "district": "区级（按县级）"}
LEVEL_RANK = {Level.PROVINCE: 3, Level.CITY: 2, Level.COUNTY: 1}

AGENCY_BAD_LEVEL = (
    "层级「{level}」无效，应为 province（省级）、city（市级）、county（县级）或 district（区级）"
)
AGENCY_PARENT_NOT_FOUND = "找不到上级部门「{parent}」（可填代号或全称）"
AGENCY_PARENT_LEVEL = "上级部门{parent}是{parent_level}，不能管辖{level}部门"
AGENCY_PROVINCE_REQUIRED = "没有上级部门时请用 --province 写明所在省份，如：辽宁省"
AGENCY_PROVINCE_DIFFERS = "所在省份「{province}」与上级部门{parent}的省份「{parent_province}」不一致"
AGENCY_CODE_TAKEN = "代号 {code} 已被{name}使用"
AGENCY_NAME_TAKEN = "名称「{name}」已存在（代号 {code}）"
AGENCY_CHILD_ONLY = "只能修改本部门的下级部门，{name}不是{home}的下级"


@dataclass(frozen=True)
class AgencyInput:
    code: str
    name: str
    level: str  # province | city | county | district
    parent: str = ""  # code or full name of the superior agency
    province: str = ""
    doc_prefix: str = ""
    pack: str = ""
    short_name: str = ""
    region_code: str = ""
    approving_government: str = ""


def _parent(ref: str) -> Agency | None:
    if not ref:
        return None
    found = Agency.objects.filter(code=ref).first() or Agency.objects.filter(name=ref).first()
    if found is None:
        raise ValidationError({"parent": AGENCY_PARENT_NOT_FOUND.format(parent=ref)})
    return found


def _apply(agency: Agency, data: AgencyInput) -> Agency:
    errors: dict[str, list[str]] = {}
    level = LEVELS.get(data.level)
    if level is None:
        raise ValidationError({"level": AGENCY_BAD_LEVEL.format(level=data.level)})
    parent = _parent(data.parent)
    if parent is not None and LEVEL_RANK[Level(parent.level)] <= LEVEL_RANK[level]:
        errors.setdefault("parent", []).append(
            AGENCY_PARENT_LEVEL.format(
                parent=parent.name, parent_level=Level(parent.level).label, level=LEVEL_LABELS[data.level]
            )
        )
    province = data.province.strip() or (parent.province if parent else "")
    if not province:
        errors.setdefault("province", []).append(AGENCY_PROVINCE_REQUIRED)
    elif parent is not None and parent.province and parent.province != province:
        errors.setdefault("province", []).append(
            AGENCY_PROVINCE_DIFFERS.format(
                province=province, parent=parent.name, parent_province=parent.province
            )
        )
    pack = data.pack
    try:
        pack = pack_for_province(province, data.pack, settings.ANJIAN_RULESET_DIRS)
    except RulePackError as e:
        errors.setdefault("pack", []).append(str(e))
    if errors:
        raise ValidationError(errors)
    agency.code = data.code
    agency.name = data.name
    agency.short_name = data.short_name or agency.short_name
    agency.level = level
    agency.district = data.level == "district"
    agency.parent = parent
    agency.province = province
    agency.doc_number_prefix = data.doc_prefix
    agency.ruleset = pack
    agency.region_code = data.region_code or agency.region_code
    agency.approving_government = data.approving_government or agency.approving_government
    _unique(agency)
    agency.full_clean()
    agency.save()
    return agency


def _unique(agency: Agency) -> None:
    others = Agency.objects.exclude(pk=agency.pk)
    same_code = others.filter(code=agency.code).first()
    if same_code:
        raise ValidationError({"code": AGENCY_CODE_TAKEN.format(code=agency.code, name=same_code.name)})
    same_name = others.filter(name=agency.name).first()
    if same_name:
        raise ValidationError({"name": AGENCY_NAME_TAKEN.format(name=agency.name, code=same_name.code)})


@transaction.atomic
def agency_create(*, data: AgencyInput) -> Agency:
    return _apply(Agency(), data)


@transaction.atomic
def agency_update(*, agency: Agency, data: AgencyInput, home: Agency | None = None) -> Agency:
    """Edit `agency`; with `home` (the editor's own agency), only a child of `home` may be edited."""
    if home is not None and agency.parent_id != home.pk:
        raise ValidationError(AGENCY_CHILD_ONLY.format(name=agency.name, home=home.name))
    return _apply(agency, data)


def agency_level_name(agency: Agency) -> str:
    return "district" if agency.district else str(agency.level)


def agency_as_dict(agency: Agency) -> dict[str, object]:
    return {
        "code": agency.code,
        "name": agency.name,
        "short_name": agency.short_name,
        "level": agency_level_name(agency),
        "level_label": LEVEL_LABELS[agency_level_name(agency)],
        "parent": agency.parent.code if agency.parent else "",
        "province": agency.province,
        "doc_prefix": agency.doc_number_prefix,
        "pack": agency.ruleset,
        "region_code": agency.region_code,
    }


def validation_messages(error: ValidationError) -> list[str]:
    """Every message of a ValidationError, field by field, in Chinese."""
    if hasattr(error, "error_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)
