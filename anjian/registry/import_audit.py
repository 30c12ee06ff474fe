"""Every import that may write (not a dry run) is audited with its counts, from the command line and the web
alike, whether it was written or refused; the event is recorded outside the import's own transaction, so a
refused import, which rolls back, still leaves its trace."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from anjian.audit.chain import record
from anjian.audit.models import AuditEvent

R = TypeVar("R")


def audited_import(service: Callable[..., R]) -> Callable[..., R]:
    @functools.wraps(service)
    def run(*, agency: Any, path: Path | str, dry_run: bool = False) -> R:
        result = service(agency=agency, path=path, dry_run=dry_run)
        if not dry_run:
            data = result.as_dict()  # type: ignore[attr-defined]
            counts = {k: v for k, v in data.items() if k not in {"errors", "warnings", "agency", "dry_run"}}
            record(
                AuditEvent.Action.IMPORT, object_type=f"import.{data['kind']}", object_repr=str(data["file"]),
                agency_id=agency.pk, after={**counts, "errors": len(data["errors"])},
            )  # fmt: skip
        return result

    return run
