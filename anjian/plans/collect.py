"""Collecting core findings of every source (classify, draw, frequency, review) into unsaved Finding rows."""

from __future__ import annotations

from .bridge import Bureau
from .models import Finding


class FindingCollector(list):  # type: ignore[type-arg]
    """Collects core findings of every source with the place they concern, ready to save."""

    def add(self, source: str, f, bureau: Bureau) -> None:  # any core Finding shape
        where = str(getattr(f, "where", "") or "")
        eid = getattr(f, "enterprise_id", None)
        if eid is not None and eid in bureau.by_id:
            where = where or bureau.by_id[eid].name
        severity = str(getattr(f.severity, "value", f.severity))
        self.append(
            Finding(
                source=source,
                code=f.code,
                severity=severity,
                where=where[:200],
                message=f.message,
                basis=(getattr(f, "basis", "") or "")[:300],
            )
        )

    def error(self, source: str, code: str, message: str, where: str = "") -> None:
        self.append(Finding(source=source, code=code, severity="error", where=where[:200], message=message))
