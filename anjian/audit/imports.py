"""Every import that may write (not a dry run) is audited with its counts, from the command line and the web
alike, whether it was written or refused: the surfaces call `import_recorded` after the import service, outside
its transaction, so a refused import, which rolls back, still leaves its trace."""

from __future__ import annotations

from typing import Any

from .chain import record
from .models import AuditEvent


def import_recorded(result: Any, *, agency_id: int, actor: str | None = None) -> AuditEvent | None:
    """Record `result` (an import service's result: `as_dict()` with kind, file, counts, errors) unless it was a
    dry run; returns the event."""
    data = result.as_dict()
    if data.get("dry_run"):
        return None
    counts = {k: v for k, v in data.items() if k not in {"errors", "warnings", "agency", "dry_run"}}
    return record(
        AuditEvent.Action.IMPORT, object_type=f"import.{data['kind']}", object_repr=str(data["file"]),
        agency_id=agency_id, after={**counts, "errors": len(data["errors"])}, actor=actor,
    )  # fmt: skip
