"""What a rule's source must be, which packs an agency may use, and the scaffold of a new provincial overlay.

A source cites a legal or official document: a title in 《》 or a document number (〔2025〕11号, 令第9号, GB/T …),
with the article or section. A setting no document fixes says so ("本系统默认：…") and stays unverified (U). It never names a file of this project or its briefing material ("file 004",
"docs/business-rules.md §12", "sample", a seed file name): a bureau reading the pack must be able to look the source up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from anjian.planning.rules import RulePack, RulePackError, available_packs, load_pack, search_dirs

SOURCE_PROJECT_FILE = (
    "{file}：规则 {key} 的出处引用了本系统的文件（{found}），应写明法规或公文的标题、文号和条款"
)
SOURCE_DEFAULT_VERIFIED = "{file}：规则 {key} 是本系统默认值，核实标记只能是 U（未核实），现为 {mark}"
SOURCE_NOT_A_DOCUMENT = "{file}：规则 {key} 的出处没有写明法规或公文（《标题》或文号），请补充：{source}"
PACK_UNKNOWN = "没有规则包 {pack}。可用的规则包：{packs}"
PACK_OTHER_PROVINCE = (
    "规则包 {pack} 属于{pack_province}，不能用于{province}的部门。可用于{province}的规则包：{packs}"
)
OVERLAY_EXISTS = "规则包 {pack} 已存在：{folder}"

# Names of this project's own material that must never stand in for a legal source.
_PROJECT_FILE = re.compile(
    r"file\s*\d{3}|domain\.md|design\.md|\.md\b|\.txt\b|\bsample|\bseed|种子文件|示例数据|§",
    re.IGNORECASE,
)
SYSTEM_DEFAULT = "本系统默认"
_DOCUMENT = re.compile(r"《[^》]+》|〔\d{4}〕\d+号|令第\s*\d+\s*号|GB(/T)?\s*\d+")


def source_problems(pack: RulePack, files: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(code, message) for every rule of the pack's own layers whose source is not a citable document."""
    problems: list[tuple[str, str]] = []
    for rule in pack.rules.values():
        file = (files or {}).get(rule.pack, rule.pack)
        found = _PROJECT_FILE.search(rule.source)
        if found:
            problems.append(
                (
                    "source_project_file",
                    SOURCE_PROJECT_FILE.format(file=file, key=rule.key, found=found.group(0)),
                )
            )
        elif rule.source.startswith(SYSTEM_DEFAULT):
            if rule.mark != "U":
                problems.append(
                    (
                        "source_default_verified",
                        SOURCE_DEFAULT_VERIFIED.format(file=file, key=rule.key, mark=rule.mark),
                    )
                )
        elif not _DOCUMENT.search(rule.source):
            problems.append(
                (
                    "source_not_a_document",
                    SOURCE_NOT_A_DOCUMENT.format(file=file, key=rule.key, source=rule.source),
                )
            )
    return problems


@dataclass(frozen=True)
class PackInfo:
    id: str
    name: str
    level: str
    province: str  # "" for the national pack


def pack_infos(extra: Iterable[Path] = ()) -> list[PackInfo]:
    infos = []
    for pack_id in available_packs(extra):
        try:
            pack = load_pack(pack_id, extra)
        except RulePackError:
            continue
        infos.append(PackInfo(pack.id, pack.name, pack.level, pack.province))
    return infos


def _listing(infos: Iterable[PackInfo]) -> str:
    return "、".join(f"{i.id}（{i.name}）" for i in infos) or "无"


def pack_for_province(province: str, requested: str = "", extra: Iterable[Path] = ()) -> str:
    """The pack an agency of `province` uses: `requested` if it fits, else the province's own pack or national.

    Raises RulePackError naming the usable packs when `requested` is unknown or belongs to another province.
    """
    infos = pack_infos(extra)
    usable = [i for i in infos if i.province in ("", province)]
    if requested:
        match = next((i for i in infos if i.id == requested), None)
        if match is None:
            raise RulePackError(
                [("pack_unknown", PACK_UNKNOWN.format(pack=requested, packs=_listing(infos)))]
            )
        if match.province and province and match.province != province:
            raise RulePackError(
                [
                    (
                        "pack_other_province",
                        PACK_OTHER_PROVINCE.format(
                            pack=requested,
                            pack_province=match.province,
                            province=province,
                            packs=_listing(usable),
                        ),
                    )
                ]
            )
        return requested
    own = [i for i in usable if i.province == province and i.level == "province"]
    return own[0].id if own else "national"


def overlay_files(pack_id: str, name: str, province: str, base: RulePack, base_dir: Path) -> dict[str, str]:
    """File name → text of a new overlay of `base`: every rule of the base copied with mark U, for a bureau to
    verify against its province's texts (and set V or S with the citation it read)."""
    files = {
        "pack.toml": (
            f"# {name}规则：在 {base.id} 之上覆盖本省的规定。每条规则已复制为“未核实”（U），"
            "请对照本省条例和规定逐条核对，改写取值与出处（标题、文号、条款）后再标 V 或 S。\n"
            f'[pack]\nid = "{pack_id}"\nname = "{name}"\nlevel = "province"\n'
            f'extends = "{base.id}"\nprovince = "{province}"\n'
        )
    }
    for path in sorted(base_dir.glob("*.toml")):
        if path.name == "pack.toml":
            continue
        text = path.read_text("utf-8")
        files[path.name] = re.sub(r'^mark = "[VS]"', 'mark = "U"', text, flags=re.MULTILINE)
    return files


def pack_dir(pack_id: str, extra: Iterable[Path] = ()) -> Path:
    for d in search_dirs(extra):
        if (d / pack_id / "pack.toml").is_file():
            return d / pack_id
    packs = "、".join(available_packs(extra))
    raise RulePackError([("pack_unknown", PACK_UNKNOWN.format(pack=pack_id, packs=packs))])


# 省级行政区 → rule-pack id, so `anjian rules new 河南省` needs no --id.
PROVINCE_IDS = {
    "北京市": "beijing", "天津市": "tianjin", "河北省": "hebei", "山西省": "shanxi", "内蒙古自治区": "neimenggu",
    "辽宁省": "liaoning", "吉林省": "jilin", "黑龙江省": "heilongjiang", "上海市": "shanghai", "江苏省": "jiangsu",
    "浙江省": "zhejiang", "安徽省": "anhui", "福建省": "fujian", "江西省": "jiangxi", "山东省": "shandong",
    "河南省": "henan", "湖北省": "hubei", "湖南省": "hunan", "广东省": "guangdong", "广西壮族自治区": "guangxi",
    "海南省": "hainan", "重庆市": "chongqing", "四川省": "sichuan", "贵州省": "guizhou", "云南省": "yunnan",
    "西藏自治区": "xizang", "陕西省": "shaanxi", "甘肃省": "gansu", "青海省": "qinghai",
    "宁夏回族自治区": "ningxia", "新疆维吾尔自治区": "xinjiang",
}  # fmt: skip
