"""`anjian bench schedule --size county|city|province [--seed N] [--time-limit S] [--no-greedy] [--json]`.

Schedules a seeded synthetic bureau with CP-SAT and with the greedy baseline, re-checks both with the
independent validator, and prints the figures (JSON with --json). A progress bar with the best figures so far
goes to stderr.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from anjian.planning.schedule.bench import run_benchmark
from anjian.planning.schedule.result import Progress
from anjian.planning.schedule.synthetic import SIZES

LABELS = (
    ("size", "规模"),
    ("enterprises", "单位数"),
    ("officers", "执法人员"),
    ("visits", "计划检查次数"),
    ("solve_seconds", "求解用时（秒）"),
    ("status", "状态"),
    ("entries", "进门次数"),
    ("entries_lower_bound", "进门次数下界"),
    ("entries_over_bound_pct", "高于下界（%）"),
    ("unplaced_visits", "未排入次数"),
    ("load_spread", "同股室工作量占比最大差（百分点）"),
    ("violations", "违规数"),
)


class ProgressBar:
    """One line on stderr, redrawn: bar, share done, stage, entries so far against the lower bound."""

    def __init__(self, stream, width: int = 30):
        self.stream, self.width = stream, width

    def __call__(self, p: Progress) -> None:
        share = p.done / p.total if p.total else 1.0
        filled = int(self.width * share)
        best = f" 目标 {p.objective:.0f}" if p.objective is not None else ""
        self.stream.write(
            f"\r[{'█' * filled}{'░' * (self.width - filled)}] {share:4.0%} {p.elapsed:6.1f}s "
            f"{p.stage} {p.scope[:18]} 进门 {p.entries}（下界 {p.entries_lower_bound}）{best}\033[K"
        )
        if p.done >= p.total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "排程基准测试：在合成的县、市、省级样例上比较 CP-SAT 排程与贪心排程"

    def add_arguments(self, parser):
        parser.add_argument("benchmark", choices=["schedule"])
        parser.add_argument("--size", choices=sorted(SIZES), default="county")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--time-limit", type=float, default=None, help="求解时限（秒），默认按规模")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-greedy", action="store_true", help="不运行贪心基线")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--json", action="store_true")

    def handle(
        self, *args, benchmark, size, seed, time_limit, workers, no_greedy, no_progress, json, **options
    ):
        progress = None if no_progress else ProgressBar(sys.stderr)
        try:
            figures = run_benchmark(
                size, seed, time_limit, greedy=not no_greedy, progress=progress, workers=workers
            )
        except ValueError as e:
            raise CommandError(str(e)) from e
        if json:
            self.stdout.write(_dumps(figures))
            return
        greedy, joining = figures.get("greedy", {}), figures.get("greedy_joining", {})
        self.stdout.write(f"{'指标':<24}{'CP-SAT':>12}{'贪心（分股室）':>14}{'贪心（合并）':>14}")
        for key, label in LABELS:
            self.stdout.write(
                f"{label:<24}{figures[key]!s:>12}{greedy.get(key, '')!s:>14}{joining.get(key, '')!s:>14}"
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
