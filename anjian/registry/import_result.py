"""What an import did: the counts and row errors every importer (registry and execution) returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from .importing.errors import RowError


@dataclass
class ImportResult:
    """What an import did (or, on a dry run, would do). `rows` counts the data rows read on every sheet
    (risk-fact sheets included); created/updated/unchanged count the file's offices, officers or
    enterprises (a calendar import, which replaces the years it covers, also counts the entries
    it `deleted`); nothing is written when `errors` is not empty."""

    kind: str
    file: str
    agency: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    facts_created: int = 0
    facts_updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, object]:
        data = {k: v for k, v in self.__dict__.items() if k not in {"errors", "warnings"}}
        return {
            **data,
            "ok": self.ok,
            "errors": [e.as_dict() for e in self.errors],
            "warnings": [w.as_dict() for w in self.warnings],
        }
