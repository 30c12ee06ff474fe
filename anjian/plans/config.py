"""A bureau's own planning decisions (编制参数), read from a plan.toml and kept in Plan.settings as JSON.

What the law leaves to the bureau lives here: how many general units to draw per sector and who inspects them,
the key-unit arrangement it confirmed (annex 2), the document header, and the workday-sheet files.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class ConfigProblem:
    """One problem of a plan.toml: the file, the key as written there (dotted), a Chinese sentence."""

    file: str
    key: str
    message: str


class PlanConfigError(ValueError):
    """A plan.toml (or the settings form) was refused; `problems` lists every reason, none was saved."""

    def __init__(self, problems: list[ConfigProblem]):
        self.problems = problems
        super().__init__("\n".join(p.message for p in problems))


@dataclass(frozen=True)
class GeneralSector:
    stratum: str  # sector label, e.g. 危险化学品
    units: int  # units the bureau asks to draw (the pack's quota applies when larger)
    offices: tuple[tuple[str, int], ...]  # (office, units) in draw order; the last office takes the rest


@dataclass(frozen=True)
class PlanConfig:
    title: str = ""
    doc_number: str = ""  # 发文字号
    recipients: str = ""  # 主送机关
    issue_date: str = ""  # 成文日期, ISO
    share_base: str = "visits"  # key/general share counted by visits or by supervision workdays
    share_decimals: int = 1  # decimals of the printed shares (half-up)
    required_visits: int | None = None  # 应检查户次; None = not stated
    basis_docs: tuple[str, ...] = ()  # 《…》 titles the plan's first paragraph cites
    issuer_mark: str = ""  # 发文机关标志 (公文 frame)
    signer: str = ""  # 发文机关署名
    cc: tuple[str, ...] = ()  # 抄送机关
    printer: str = ""  # 印发机关
    print_date: str = ""  # 印发日期, ISO
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
        known = {f.name for f in fields(cls)}
        return cls(
            **{
                **{k: v for k, v in data.items() if k in known},
                "general": general,
                "cc": tuple(data.get("cc", ())),
                "key_arrangement": tuple(data.get("key_arrangement", ())),
                "workday_files": tuple(data.get("workday_files", ())),
                "basis_docs": tuple(data.get("basis_docs", ())),
            }
        )

    def to_settings(self) -> dict[str, Any]:
        return asdict(self)
