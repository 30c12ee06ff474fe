"""Benchmark: import a year of inspection records exported from the provincial enforcement system into the
compiled Lüliang 2024 plan (anjian/execution/importing.py), and show that one broken row among them writes nothing.

    .venv/bin/python benchmarks/import_inspections.py [--rows 3000] [--seed 5]

A fresh SQLite database in a temporary ANJIAN_HOME gets the Lüliang sample and its compiled plan; the export is
generated (seeded): planned units of the plan on working days of 2024, two officers of the bureau certified on the
day, a few hazards and penalties. Timed: the dry run, the import, the same file again (all unchanged), and the file
with one unknown officer (nothing written). Prints one JSON document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
HEADER = ["执法文书编号", "执法日期", "被检查单位", "统一社会信用代码", "执法人员", "检查方式", "检查类型", "检查来源",
          "发现隐患数", "重大隐患数", "处罚决定书文号", "罚款金额（元）"]  # fmt: skip


def setup():
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from anjian.plans import services
    from anjian.registry.samples import SAMPLES_DIR, load_sample

    agency = load_sample("lvliang-2024")
    services.plan_configure(agency=agency, year=2024, path=SAMPLES_DIR / "lvliang-2024" / "plan.toml")
    return agency, services.plan_compile(agency=agency, year=2024, by="基准")


def write_export(path: Path, agency, version, n: int, seed: int, broken: bool = False) -> None:
    from anjian.planning.calendar import workdays
    from anjian.plans.services import pack_for
    from anjian.registry.models import Officer

    rng = random.Random(seed)
    entries = list(version.entries.select_related("enterprise").order_by("pk"))
    officers = list(Officer.objects.filter(office__agency=agency).exclude(certificate_no="").order_by("pk"))
    days = [d for d in workdays(2024, pack_for(agency)) if d <= dt.date(2024, 12, 20)]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i in range(n):
        entry, day = rng.choice(entries), rng.choice(days)
        valid = [o for o in officers if o.certificate_valid_until is None or o.certificate_valid_until >= day]
        crew = [o.name for o in rng.sample(valid, 2)]
        if broken and i == n // 2:
            crew[1] = "查无此人"
        hazards = rng.choice((0, 0, 0, 1, 2, 3))
        penalty = f"吕应急罚〔2024〕{1000 + i}号" if rng.random() < 0.03 else ""
        sheet.append([f"JC-2024-{i:06d}", day.isoformat(), entry.enterprise.name, entry.enterprise.uscc,
                      "、".join(crew), "现场", "日常检查", "计划内", hazards, int(hazards > 2), penalty,
                      rng.choice((10000, 30000, 50000)) if penalty else None])  # fmt: skip
    book.save(path)


def timed(agency, path: Path, dry_run: bool = False) -> dict:
    from anjian.execution.importing import inspections_import

    start = time.perf_counter()
    result = inspections_import(agency=agency, path=path, dry_run=dry_run)
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 2), "rows_per_s": round(result.rows / seconds, 1),
            **{k: v for k, v in result.as_dict().items() if k in ("rows", "created", "updated", "unchanged")},
            "errors": len(result.errors), "warnings": len(result.warnings)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="anjian-bench-inspections-"))
    os.environ.update(ANJIAN_HOME=str(home), DJANGO_SETTINGS_MODULE="anjian.settings")
    os.environ.pop("ANJIAN_DATABASE_URL", None)
    agency, version = setup()
    good, bad = home / "执法系统导出.xlsx", home / "执法系统导出-有错.xlsx"
    write_export(good, agency, version, args.rows, args.seed)
    write_export(bad, agency, version, args.rows, args.seed + 1, broken=True)
    from anjian.execution.models import Inspection

    report = {"rows": args.rows, "database": "sqlite"}
    report["broken_file"] = timed(agency, bad)
    report["broken_file"]["written"] = Inspection.objects.count()
    report["dry_run"] = timed(agency, good, dry_run=True)
    report["import"] = timed(agency, good)
    report["again_unchanged"] = timed(agency, good)
    report["inspections_stored"] = Inspection.objects.count()
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    ok = report["broken_file"]["written"] == 0 and report["broken_file"]["errors"] == 1
    return 0 if ok and report["inspections_stored"] == args.rows else 1


if __name__ == "__main__":
    raise SystemExit(main())
