"""Rule packs: every legal number, with its citation, as data.

A pack is a folder `<id>/` holding `pack.toml` (its identity and the pack it extends) and any number of
section files (`calendar.toml`, `frequency.toml`, ...). Every leaf is a table with a `value`, a `source` (the
citation) and a `mark`: V = checked against the regulation text, S = seen in practice (seed plans),
U = unverified. A pack inherits every rule of the pack it extends and may override any of them; an override
must keep the value's type. Loading validates all of this and reports the file and key of each problem.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "rulesets"
MARKS = {"V": "已核对法规原文", "S": "见于实际计划（实践做法）", "U": "未核实，可编辑"}
LEAF_KEYS = {"value", "source", "mark", "note", "unit"}

PACK_NOT_FOUND = "找不到规则包 {pack}（已查找：{dirs}）"
PACK_CYCLE = "规则包继承成环：{chain}"
PACK_META_MISSING = "{file}：缺少 [pack] 表或其 id/name"
PACK_ID_MISMATCH = "{file}：[pack] id = {declared}，与文件夹名 {folder} 不一致"
PACK_TOML_ERROR = "{file}：TOML 格式错误：{error}"
RULE_NO_SOURCE = "{file}：规则 {key} 缺少出处（source）"
RULE_BAD_MARK = "{file}：规则 {key} 的核实标记 mark = {mark!r}，应为 V、S 或 U"
RULE_UNKNOWN_FIELD = "{file}：规则 {key} 含未知字段 {field}（允许：value、source、mark、note、unit）"
RULE_NOT_LEAF = "{file}：{key} 不是规则（缺少 value），也不是规则分组"
RULE_TYPE_CHANGED = "{file}：规则 {key} 覆盖上级规则包时类型由 {old} 变为 {new}"
RULE_MISSING = "规则包 {pack} 中没有规则 {key}"


class RulePackError(Exception):
    """A pack that cannot be used; `problems` lists every (code, message) found, not only the first."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("；".join(message for _, message in problems))


@dataclass(frozen=True)
class Rule:
    key: str
    value: Any
    source: str
    mark: str
    pack: str
    note: str = ""
    unit: str = ""

    @property
    def verified(self) -> bool:
        return self.mark == "V"

    @property
    def citation(self) -> str:
        return f"{self.source}〔{MARKS[self.mark]}〕"


@dataclass(frozen=True)
class RulePack:
    id: str
    name: str
    level: str
    chain: tuple[str, ...]  # this pack first, national last
    rules: Mapping[str, Rule]
    province: str = ""  # 省名 of the first pack in the chain that declares one; "" = national only

    def rule(self, key: str) -> Rule:
        try:
            return self.rules[key]
        except KeyError:
            raise RulePackError([("rule_missing", RULE_MISSING.format(pack=self.id, key=key))]) from None

    def value(self, key: str) -> Any:
        return self.rule(key).value

    def get(self, key: str, default: Any = None) -> Any:
        rule = self.rules.get(key)
        return default if rule is None else rule.value

    def section(self, prefix: str) -> dict[str, Rule]:
        """Rules under `prefix.`, keyed by the rest of their key."""
        start = prefix + "."
        return {k[len(start) :]: r for k, r in self.rules.items() if k.startswith(start)}

    def unverified(self) -> list[Rule]:
        return [r for r in self.rules.values() if not r.verified]


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | Decimal):
        return "number"
    return type(value).__name__


def _leaves(
    table: Mapping[str, Any], prefix: str, file: str, pack: str, problems: list[tuple[str, str]]
) -> Iterator[Rule]:
    for name, item in table.items():
        key = f"{prefix}.{name}" if prefix else name
        if not isinstance(item, dict):
            problems.append(("rule_not_leaf", RULE_NOT_LEAF.format(file=file, key=key)))
            continue
        if "value" not in item:
            yield from _leaves(item, key, file, pack, problems)
            continue
        for extra in sorted(set(item) - LEAF_KEYS):
            problems.append(
                ("rule_unknown_field", RULE_UNKNOWN_FIELD.format(file=file, key=key, field=extra))
            )
        source = item.get("source")
        if not isinstance(source, str) or not source.strip():
            problems.append(("rule_no_source", RULE_NO_SOURCE.format(file=file, key=key)))
        mark = item.get("mark")
        if mark not in MARKS:
            problems.append(("rule_bad_mark", RULE_BAD_MARK.format(file=file, key=key, mark=mark)))
        yield Rule(
            key=key,
            value=item["value"],
            source=str(source or ""),
            mark=str(mark or "U"),
            pack=pack,
            note=str(item.get("note", "")),
            unit=str(item.get("unit", "")),
        )


def _find(pack_id: str, dirs: list[Path]) -> Path:
    for d in dirs:
        if (d / pack_id / "pack.toml").is_file():
            return d / pack_id
    raise RulePackError(
        [("pack_not_found", PACK_NOT_FOUND.format(pack=pack_id, dirs="、".join(str(d) for d in dirs)))]
    )


def _read(path: Path, problems: list[tuple[str, str]]) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f, parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        problems.append(("pack_toml_error", PACK_TOML_ERROR.format(file=path, error=e)))
        return {}


def search_dirs(extra: Iterable[Path] = ()) -> list[Path]:
    """User folders first, so a bureau's own copy of a pack shadows the built-in one."""
    return [Path(d) for d in extra] + [BUILTIN_DIR]


def available_packs(extra: Iterable[Path] = ()) -> list[str]:
    found: set[str] = set()
    for d in search_dirs(extra):
        if d.is_dir():
            found.update(p.parent.name for p in d.glob("*/pack.toml"))
    return sorted(found)


def load_pack(pack_id: str, extra_dirs: Iterable[Path] = ()) -> RulePack:
    """Load `pack_id` with everything it extends; raise RulePackError listing every problem found."""
    dirs = search_dirs(extra_dirs)
    chain: list[str] = []
    layers: list[tuple[str, str, str, Path]] = []
    province = ""
    problems: list[tuple[str, str]] = []
    current: str | None = pack_id
    while current:
        if current in chain:
            raise RulePackError([("pack_cycle", PACK_CYCLE.format(chain=" → ".join([*chain, current])))])
        chain.append(current)
        folder = _find(current, dirs)
        meta = _read(folder / "pack.toml", problems).get("pack")
        if not isinstance(meta, dict) or not meta.get("id") or not meta.get("name"):
            raise RulePackError([("pack_meta_missing", PACK_META_MISSING.format(file=folder / "pack.toml"))])
        if meta["id"] != current:
            problems.append(
                (
                    "pack_id_mismatch",
                    PACK_ID_MISMATCH.format(file=folder, declared=meta["id"], folder=current),
                )
            )
        layers.append((current, str(meta["name"]), str(meta.get("level", "")), folder))
        province = province or str(meta.get("province", ""))
        current = meta.get("extends") or None

    rules: dict[str, Rule] = {}
    for pid, _name, _level, folder in reversed(layers):
        for path in sorted(folder.glob("*.toml")):
            data = _read(path, problems)
            if path.name == "pack.toml":
                data = {k: v for k, v in data.items() if k != "pack"}
            for rule in _leaves(data, "", str(path), pid, problems):
                old = rules.get(rule.key)
                if old is not None and _type_name(old.value) != _type_name(rule.value):
                    problems.append(
                        (
                            "rule_type_changed",
                            RULE_TYPE_CHANGED.format(
                                file=path, key=rule.key, old=_type_name(old.value), new=_type_name(rule.value)
                            ),
                        )
                    )
                rules[rule.key] = rule
    if problems:
        raise RulePackError(problems)
    top = layers[0]
    return RulePack(id=top[0], name=top[1], level=top[2], chain=tuple(chain), rules=rules, province=province)
