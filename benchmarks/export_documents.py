"""Time DOCX + XLSX generation of the Lüliang 2024 plan (103 key units, 101 general units, two
workday sheets, weekly breakdown). Target: ≤ 5 s for both on the 2-core machine. Prints one JSON object.

Run: .venv/bin/python benchmarks/export_documents.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anjian.documents.plan_docx import plan_docx
from anjian.documents.tables_xlsx import tables_xlsx
from anjian.documents.visit_plan_docx import visit_plan_docx
from tests.documents.factories import luliang_snapshot, sample_visit_plan

TARGET_S = 5.0


def _best(fn, repeat: int) -> tuple[float, bytes]:
    best, data = float("inf"), b""
    for _ in range(repeat):
        start = time.perf_counter()
        data = fn()
        best = min(best, time.perf_counter() - start)
    return best, data


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    plan = luliang_snapshot()
    docx_s, docx = _best(lambda: plan_docx(plan), args.repeat)
    xlsx_s, xlsx = _best(lambda: tables_xlsx(plan), args.repeat)
    visit_s, _ = _best(lambda: visit_plan_docx(sample_visit_plan()), args.repeat)
    total = docx_s + xlsx_s
    print(
        json.dumps(
            {
                "benchmark": "export_documents",
                "snapshot": plan.title,
                "key_units": plan.key_units,
                "general_units": plan.general_units,
                "repeat": args.repeat,
                "docx_seconds": round(docx_s, 3),
                "xlsx_seconds": round(xlsx_s, 3),
                "total_seconds": round(total, 3),
                "visit_plan_seconds": round(visit_s, 3),
                "docx_bytes": len(docx),
                "xlsx_bytes": len(xlsx),
                "target_seconds": TARGET_S,
                "within_target": total <= TARGET_S,
            },
            ensure_ascii=False,
        )
    )
    return 0 if total <= TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
