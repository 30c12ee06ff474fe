"""Benchmark: import 10,000 and 100,000 enterprises from .xlsx into a fresh SQLite database each, and show
that an import with 3 broken rows among 10,000 writes nothing and reports exactly those 3 errors.

    .venv/bin/python benchmarks/import_enterprises.py [--sizes 10000,100000] [--seed 7]

Files are generated (seeded) in a temporary folder; each case runs in its own process with ANJIAN_HOME and
ANJIAN_DATABASE_URL pointing into that folder, so `peak_rss_mb` is the peak of that import's process
(Django, migrations and the import). Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADER = [
    "序号",
    "企业名称",
    "统一社会信用代码",
    "行业领域",
    "细分行业",
    "责任单位",
    "管理层级",
    "所在区划代码",
    "所在县（市、区）",
    "地址",
    "主要负责人",
    "煤矿分类",
    "非煤矿山风险等级",
    "安全生产标准化等级",
    "标准化证书有效期至",
    "构成重大危险源",
    "涉爆粉尘",
    "金属冶炼",
    "合成数据",
]
DISTRICTS = {
    "141102": "离石区",
    "141121": "文水县",
    "141122": "交城县",
    "141123": "兴县",
    "141124": "临县",
    "141125": "柳林县",
    "141181": "孝义市",
    "141182": "汾阳市",
}
SECTORS = [
    ("煤矿", "", "煤矿安全监管科"),
    ("洗煤厂", "", "执法支队"),
    ("非煤矿山", "尾矿库", "非煤矿山安全监管科"),
    ("危化", "加油站", "危险化学品安全监管科"),
    ("危险化学品", "危险化学品生产", "危险化学品安全监管科"),
    ("工贸", "建材", "冶金工贸安全监管科"),
    ("冶金", "", "冶金工贸安全监管科"),
]
OFFICES = ["煤矿安全监管科", "非煤矿山安全监管科", "危险化学品安全监管科", "冶金工贸安全监管科", "执法支队"]
BROKEN_AT = (0.01, 0.5, 0.9)  # where in the file (fraction of rows) the 3 broken rows of the error case sit


def generate(path: Path, rows: int, seed: int, broken: bool = False) -> None:
    import openpyxl

    from anjian.planning.uscc import make_uscc

    rng = random.Random(seed)
    broken_rows = [max(11, int(rows * f)) for f in BROKEN_AT] if broken else []
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("生产经营单位")
    ws.append(HEADER)
    codes = []
    for i in range(rows):
        district = rng.choice(sorted(DISTRICTS))
        industry, sub, office = rng.choice(SECTORS)
        code = make_uscc(district, 30_000_000 + i)
        codes.append(code)
        if broken and i == broken_rows[0]:
            code = code[:-1] + ("0" if code[-1] != "0" else "1")  # wrong check character, no override reason
        if broken and i == broken_rows[1]:
            industry = "养殖业"
        if broken and i == broken_rows[2]:
            code = codes[10]  # duplicate inside the file
        ws.append(
            [
                i + 1,
                f"{DISTRICTS[district]}第{i + 1}号测试企业有限公司",
                code,
                industry,
                sub,
                office,
                rng.choice(["县级", "市级"]),
                district,
                DISTRICTS[district],
                f"山西省吕梁市{DISTRICTS[district]}测试路{i}号",
                "张三",
                rng.choice("ABCD") if industry == "煤矿" else None,
                rng.choice("ABCD") if industry == "非煤矿山" else None,
                rng.choice(["一级", "二级", "三级", "未定级"]),
                f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                rng.choice("是否"),
                rng.choice("是否"),
                rng.choice("是否"),
                "是",
            ]
        )
    book.save(path)


def child(path: Path, db_dir: Path, then: Path | None) -> dict[str, object]:
    os.environ["ANJIAN_HOME"] = str(db_dir)
    os.environ["ANJIAN_DATABASE_URL"] = f"sqlite:///{db_dir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "anjian.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from anjian.registry.models import Agency, Enterprise, Office
    from anjian.registry.services import enterprises_import

    call_command("migrate", verbosity=0)
    agency = Agency.objects.create(
        name="吕梁市应急管理局", code="lvliang", level="city", region_code="141100"
    )
    for name in OFFICES:
        Office.objects.create(
            agency=agency, name=name, kind="enforcement_team" if "执法" in name else "office"
        )
    start = time.perf_counter()
    result = enterprises_import(agency=agency, path=path)
    seconds = time.perf_counter() - start
    out: dict[str, object] = {
        "rows": result.rows,
        "seconds": round(seconds, 2),
        "rows_per_second": round(result.rows / seconds),
        "written": Enterprise.objects.count(),
        "errors": len(result.errors),
        "error_messages": [e.message for e in result.errors][:10],
    }
    if then is not None:
        start = time.perf_counter()
        fixed = enterprises_import(agency=agency, path=then)
        fixed_seconds = time.perf_counter() - start
        out["all_or_nothing_held"] = len(result.errors) == 3 and out["written"] == 0
        out["fixed_file"] = {
            "rows": fixed.rows,
            "seconds": round(fixed_seconds, 2),
            "errors": len(fixed.errors),
            "written": Enterprise.objects.count(),
        }
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def run_case(name: str, path: Path, work: Path, then: Path | None = None) -> dict[str, object]:
    db_dir = work / f"db-{name}"
    db_dir.mkdir()
    cmd = [sys.executable, __file__, "--child", str(path), str(db_dir)] + ([str(then)] if then else [])
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return {"case": name, **json.loads(done.stdout.strip().splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--broken-size", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        then = Path(args.child[2]) if len(args.child) > 2 else None
        print(json.dumps(child(Path(args.child[0]), Path(args.child[1]), then), ensure_ascii=False))
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="anjian-bench-") as tmp:
        work = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            path = work / f"enterprises-{size}.xlsx"
            start = time.perf_counter()
            generate(path, size, args.seed)
            generated = round(time.perf_counter() - start, 2)
            results.append({**run_case(f"{size}", path, work), "generate_seconds": generated})
        broken, fixed = work / "broken.xlsx", work / "fixed.xlsx"
        generate(broken, args.broken_size, args.seed, broken=True)
        generate(fixed, args.broken_size, args.seed)
        results.append(
            run_case(f"{args.broken_size}-with-3-broken-rows-then-fixed", broken, work, then=fixed)
        )
    print(
        json.dumps(
            {"benchmark": "import_enterprises", "backend": "sqlite", "results": results},
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
