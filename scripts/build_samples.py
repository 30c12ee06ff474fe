"""Rebuild the sample bureaus under data/samples/ from the real seed plans (deterministic, seeded).

    .venv/bin/python scripts/build_samples.py

Lüliang 2024 (the Lüliang 2024 plan, `sample_lvliang.py`): offices and people reproduce annex 1 and the brigade of §二(二);
every key unit of annex 2 with its real name and the facts of its 备注; the key-unit arrangement table itself;
synthetic general-unit pools. Xia County 2025 (夏应急发〔2025〕6号, `sample_xia.py`): the 12 key and 65 general units of
§一. What the seeds do not give (codes, addresses, people, grades) is invented, marked 合成数据, and drawn
from a seeded generator, so the same files come out byte for byte. The sample.toml files are hand-written.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from sample_export import build_enforcement_export  # noqa: E402
from sample_lvliang import build_lvliang  # noqa: E402
from sample_xia import build_xia  # noqa: E402

SAMPLES = ROOT / "data" / "samples"


def main() -> None:
    build_lvliang(SAMPLES / "lvliang-2024")
    build_enforcement_export(SAMPLES / "lvliang-2024")  # reads the files just written
    build_xia(SAMPLES / "xia-2025")
    written = sorted(p for p in SAMPLES.glob("*/*") if p.suffix in {".xlsx", ".csv"})
    print("已生成：" + "、".join(str(p.relative_to(ROOT)) for p in written))


if __name__ == "__main__":
    main()
