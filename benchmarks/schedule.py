"""Scheduling benchmark, without Django: prints the same JSON as `anjian bench schedule --json`.

.venv/bin/python benchmarks/schedule.py [--size county|city|province] [--seed N] [--time-limit S]
"""

import argparse
import json
import sys

from anjian.planning.schedule.bench import run_benchmark
from anjian.planning.schedule.synthetic import SIZES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="county")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-greedy", action="store_true")
    args = parser.parse_args()
    figures = run_benchmark(
        args.size, args.seed, args.time_limit, greedy=not args.no_greedy, workers=args.workers
    )
    json.dump(figures, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
