"""Writing a plan version's documents to files: the GB/T 9704 DOCX and the XLSX tables."""

from __future__ import annotations

import warnings
from pathlib import Path

from anjian.documents.plan_docx import plan_docx
from anjian.documents.tables_xlsx import tables_xlsx

from .models import PlanVersion
from .snapshot import version_snapshot

WRITERS = {"docx": plan_docx, "xlsx": tables_xlsx}


def plan_export(
    *, version: PlanVersion, out_dir: Path, formats: tuple[str, ...] = ("docx", "xlsx")
) -> list[Path]:
    """Write the requested formats of `version` into `out_dir`; returns the files written."""
    snapshot = version_snapshot(version)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = out_dir / f"{snapshot.title}（第{version.number}版）.{fmt}"
        with warnings.catch_warnings():
            # Font substitution warnings concern rendering on this machine, not the file written.
            warnings.simplefilter("ignore")
            path.write_bytes(WRITERS[fmt](snapshot))
        written.append(path)
    return written
