"""A bureau's own planning decisions (编制参数), read from a plan.toml and kept in Plan.settings as JSON.

What the law leaves to the bureau lives here: how many general units to draw per sector and who inspects them,
the key-unit arrangement it confirmed (annex 2), the document header, and the workday-sheet files.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from anjian.registry.samples import read_key_arrangement

CONFIG_BAD_MODE = "{file}：general.mode = {mode!r}，应为 draw（双随机抽取）或 all（全部一般检查单位）"
CONFIG_BAD_SHARE_BASE = "{file}：plan.share_base = {base!r}，应为 visits、units 或 workdays"


class PlanConfigError(ValueError):
    pass


@dataclass(frozen=True)
class GeneralSector:
    stratum: str  # sector label, e.g. 危险化学品
    units: int  # units the bureau asks to draw (the pack's quota applies when larger)
    offices: tuple[tuple[str, int], ...]  # (office, units) in draw order; the last office takes the rest


@dataclass(frozen=True)
class PlanConfig:
    title: str = ""
    doc_number: str = ""
    recipients: str = ""
    issue_date: str = ""
    share_base: str = "visits"
    basis_docs: tuple[str, ...] = ()  # 《…》 titles the plan's first paragraph cites
    general_mode: str = "draw"
    general: tuple[GeneralSector, ...] = ()
    key_arrangement: tuple[dict[str, Any], ...] = ()
    workday_files: tuple[str, ...] = ()
    seed: str = ""  # a fixed draw seed (tests and demos); empty = a fresh secret seed per draw

    @classmethod
    def from_settings(cls, data: dict[str, Any]) -> PlanConfig:
        if not data:
            return cls()
        general = tuple(
            GeneralSector(g["stratum"], int(g["units"]), tuple((o, int(n)) for o, n in g["offices"]))
            for g in data.get("general", ())
        )
        return cls(
            **{
                **data,
                "general": general,
                "key_arrangement": tuple(data.get("key_arrangement", ())),
                "workday_files": tuple(data.get("workday_files", ())),
                "basis_docs": tuple(data.get("basis_docs", ())),
            }
        )

    def to_settings(self) -> dict[str, Any]:
        return asdict(self)


def read_plan_config(path: Path) -> PlanConfig:
    """plan.toml → PlanConfig; relative file names are resolved against the file's folder."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    plan, general, key, workdays = (data.get(k, {}) for k in ("plan", "general", "key", "workdays"))
    mode = general.get("mode", "draw")
    if mode not in ("draw", "all"):
        raise PlanConfigError(CONFIG_BAD_MODE.format(file=path.name, mode=mode))
    share_base = plan.get("share_base", "visits")
    if share_base not in ("visits", "units", "workdays"):
        raise PlanConfigError(CONFIG_BAD_SHARE_BASE.format(file=path.name, base=share_base))
    sectors = tuple(
        GeneralSector(name, int(spec.get("units", 0)), tuple((o, int(n)) for o, n in spec.get("offices", ())))
        for name, spec in general.get("sectors", {}).items()
    )
    arrangement: tuple[dict[str, Any], ...] = ()
    if key.get("arrangement"):
        arrangement = tuple(asdict(r) for r in read_key_arrangement(path.parent / key["arrangement"]))
    return PlanConfig(
        title=plan.get("title", ""),
        doc_number=plan.get("doc_number", ""),
        recipients=plan.get("recipients", ""),
        issue_date=str(plan.get("issue_date", "")),
        share_base=share_base,
        basis_docs=tuple(plan.get("basis", ())),
        general_mode=mode,
        general=sectors,
        key_arrangement=arrangement,
        workday_files=tuple(str((path.parent / f).resolve()) for f in workdays.get("files", ())),
        seed=str(plan.get("seed", "")),
    )
