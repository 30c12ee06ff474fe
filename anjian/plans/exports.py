"""Writing a plan version's documents to files: the GB/T 9704 DOCX and the XLSX tables.

A plan whose 公文 frame is incomplete (documents.frame) is exported as a draft marked 草稿, or refused when a
final export is asked for. Files are written atomically (documents.atomic): a killed export leaves the previous
file, never a half-written one.
"""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path

from django.utils import timezone

from anjian.documents.atomic import write_atomic
from anjian.documents.frame import FRAME_REFUSED, missing_frame_fields
from anjian.documents.plan_docx import plan_docx
from anjian.documents.tables_xlsx import tables_xlsx

from .models import PlanVersion
from .schedule_state import export_refused_message, schedule_state
from .snapshot import version_snapshot

WRITERS = {"docx": plan_docx, "xlsx": tables_xlsx}


class PlanExportIncomplete(ValueError):
    """A final export was asked for a plan that lacks 公文 frame fields; `missing` names them."""

    code = "export.frame_incomplete"

    def __init__(self, missing: tuple[str, ...]):
        self.missing = missing
        super().__init__(FRAME_REFUSED.format(fields="、".join(missing)))


class PlanExportUnscheduled(PlanExportIncomplete):
    """A final export was asked for a version whose schedule is missing or not final (no 任务分解表 to annex)."""

    code = "export.not_scheduled"

    def __init__(self, version: PlanVersion):
        self.missing = ()
        ValueError.__init__(self, export_refused_message(version))


def plan_export(
    *,
    version: PlanVersion,
    out_dir: Path,
    formats: tuple[str, ...] = ("docx", "xlsx"),
    final: bool = False,
) -> list[Path]:
    """Write the requested formats of `version` into `out_dir`; returns the files written.

    Without `final`, a plan lacking frame fields is written as a draft (草稿 in the document and file name).
    A final export also needs a final schedule (its 任务分解表 is an annex of the issued plan).
    """
    snapshot = version_snapshot(version)
    missing = missing_frame_fields(snapshot)
    if missing and final:
        raise PlanExportIncomplete(missing)
    if final and schedule_state(version) != "final":
        raise PlanExportUnscheduled(version)
    snapshot = dataclasses.replace(snapshot, draft=bool(missing), exported_on=timezone.localdate())
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        draft = "（草稿）" if snapshot.draft else ""
        path = out_dir / f"{snapshot.title}（第{version.number}版）{draft}.{fmt}"
        with warnings.catch_warnings():
            # Font substitution warnings concern rendering on this machine, not the file written.
            warnings.simplefilter("ignore")
            write_atomic(path, WRITERS[fmt](snapshot))
        written.append(path)
    return written
