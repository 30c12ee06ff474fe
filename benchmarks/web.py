"""Benchmark: server time of the workbench's enterprise list, search and detail pages with 100,000 enterprises.

    .venv/bin/python benchmarks/web.py [--enterprises 100000] [--requests 40] [--database sqlite|postgres]
                                       [--pg-url postgres://postgres@127.0.0.1:5432/postgres]

Builds a fresh database (SQLite in a temporary ANJIAN_HOME, or a new PostgreSQL database `anjian_bench_web`
dropped and re-created on the given server) with one city, ten counties and synthetic enterprises made with
bulk_create, logs an office head of the city in with the Django test client and times N requests of each page.
Target: p95 ≤ 300 ms on both databases. Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
TARGET_MS = 300
PG_DATABASE = "anjian_bench_web"
WORDS = [
    "恒泰",
    "鑫源",
    "晋丰",
    "华通",
    "宏达",
    "永盛",
    "金石",
    "瑞丰",
    "汾阳",
    "吕梁",
    "新兴",
    "安泰",
    "正大",
    "东方",
    "兴隆",
    "荣盛",
]
SUFFIXES = ["化工有限公司", "煤业有限公司", "建材有限公司", "铸造有限公司", "加油站", "矿业有限公司"]


def setup(n: int):
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model

    from anjian.accounts.models import Membership, Role
    from anjian.planning.uscc import make_uscc
    from anjian.registry.models import Agency, Enterprise, Industry

    city = Agency.objects.create(name="吕梁市应急管理局", code="lvliang", level="city", region_code="141100")
    counties = [
        Agency.objects.create(name=f"第{i}县应急管理局", code=f"c{i}", level="county", parent=city,
                              region_code=f"1411{i + 10:02d}")
        for i in range(10)
    ]  # fmt: skip
    rng, industries = random.Random(7), [c for c, _ in Industry.choices]
    rows = []
    for i in range(n):
        agency = counties[i % 10] if i % 4 else city
        rows.append(Enterprise(
            agency=agency, uscc=make_uscc(agency.region_code, i + 1), industry=rng.choice(industries),
            name=f"{rng.choice(WORDS)}{rng.choice(WORDS)}{i}{rng.choice(SUFFIXES)}",
            district_name=f"第{i % 10}县", district_code=counties[i % 10].region_code,
            address=f"山西省吕梁市{rng.choice(WORDS)}路{i % 500}号",
        ))  # fmt: skip
    Enterprise.objects.bulk_create(rows, batch_size=5000)
    user = get_user_model().objects.create_user(username="bench", password="Bench-2025x")
    Membership.objects.create(user=user, agency=city, role=Role.OFFICE_HEAD)
    return user, list(Enterprise.objects.values_list("pk", flat=True)[:: max(1, n // 1000)])


def fresh_postgres(server_url: str) -> str:
    """Drop and re-create the benchmark database on the server; its URL."""
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(server_url)
    conn = dict(
        host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], password=cfg["PASSWORD"] or None
    )
    with psycopg.connect(**conn, dbname="postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    user = cfg["USER"] + (f":{cfg['PASSWORD']}" if cfg["PASSWORD"] else "")
    return f"postgres://{user}@{cfg['HOST']}:{cfg['PORT'] or 5432}/{PG_DATABASE}"


def timed(client, urls: list[str]) -> dict:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return {"requests": len(times), "median_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1),
            "max_ms": round(times[-1], 1), "ok": p95 <= TARGET_MS}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="anjian-bench-web-")
    os.environ.update(ANJIAN_HOME=home, DJANGO_SETTINGS_MODULE="anjian.settings")
    os.environ.pop("ANJIAN_DATABASE_URL", None)
    if args.database == "postgres":
        os.environ["ANJIAN_DATABASE_URL"] = fresh_postgres(args.pg_url)
    started = time.perf_counter()
    user, ids = setup(args.enterprises)
    load_s = time.perf_counter() - started
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    rng, n = random.Random(11), args.requests
    pages = {
        "list": [f"/enterprises/?page={rng.randint(1, 500)}" for _ in range(n)],
        "list_filtered": [
            f"/enterprises/?industry=hazchem&district=第{rng.randint(0, 9)}县&page=2" for _ in range(n)
        ],
        "search": [f"/enterprises/?q={rng.choice(WORDS)}{rng.choice(WORDS)}" for _ in range(n)],
        "detail": [f"/enterprises/{rng.choice(ids)}/" for _ in range(n)],
    }
    client.get("/enterprises/")  # warm caches and templates
    report = {"enterprises": args.enterprises, "database": args.database, "load_s": round(load_s, 1),
              "target_p95_ms": TARGET_MS, "pages": {name: timed(client, urls) for name, urls in pages.items()}}  # fmt: skip
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if all(p["ok"] for p in report["pages"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
