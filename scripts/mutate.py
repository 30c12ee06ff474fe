"""`make mutate`: mutation testing of the rule-bearing core with mutmut, one module at a time.

Each module is mutated in a fresh copy of the checkout under var/mutate/<module>/ (so a rebase or an edit
meanwhile changes nothing) against the fast core tests that exercise it, at the lowest CPU priority. One JSON
line per module: mutants killed (a timeout counts as killed), survived, without tests, and the score
killed / (killed + survived + no tests). Survivors are listed by name; look at one with
`cd var/mutate/<module> && ../../../.venv/bin/mutmut show <name>`.

    python scripts/mutate.py                      # every module below
    python scripts/mutate.py anjian/planning/caps.py --min-score 90
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "mutate"
CORE = ["-p", "no:django", "-W", "ignore:Unknown config option:pytest.PytestConfigWarning",
        # a subprocess of the command line, not a test of the core (the copy has no migrated database)
        "--deselect", "tests/planning/test_lottery.py::test_draw_verify_command_exits_1_on_a_tampered_record",
        "--deselect", "tests/golden/test_lvliang_2024_workdays.py::test_cli_json_prints_the_golden_figures"]
# module → (the tests that exercise it, whether they need the Django plugin for their conftest)
MODULES: dict[str, tuple[list[str], bool]] = {
    "anjian/planning/ledger.py": (["tests/planning/test_ledger.py", "tests/planning/test_ledger_justification.py",
                                   "tests/planning/test_ledger_findings.py"], False),
    "anjian/planning/caps.py": (["tests/planning/test_caps_table.py", "tests/planning/test_ledger.py",
                                 "tests/planning/test_ledger_justification.py",
                                 "tests/planning/test_frequency.py"], False),
    "anjian/planning/frequency.py": (["tests/planning/test_frequency.py", "tests/planning/test_frequency_findings.py",
                                      "tests/golden/test_xia_2025_plan.py"], False),
    "anjian/planning/classify.py": (["tests/planning/test_classify.py", "tests/planning/test_classify_findings.py",
                                     "tests/golden/test_xia_2025_plan.py"], False),
    "anjian/planning/reasons.py": (["tests/planning/test_classify.py", "tests/golden/test_xia_2025_plan.py"], False),
    "anjian/planning/quotas.py": (["tests/planning/test_quotas.py", "tests/planning/test_lottery.py",
                                   "tests/planning/test_draw_verify.py", "tests/planning/test_properties.py"], False),
    "anjian/planning/lottery.py": (["tests/planning/test_lottery.py", "tests/planning/test_draw_verify.py",
                                    "tests/planning/test_draw_record.py", "tests/planning/test_properties.py",
                                    "tests/planning/test_lottery_details.py"], False),
    "anjian/planning/draw_record.py": (["tests/planning/test_lottery.py", "tests/planning/test_draw_verify.py",
                                   "tests/planning/test_draw_record.py"], False),
    "anjian/planning/workdays/compute.py": (["tests/planning/test_workdays.py", "tests/planning/test_workday_edits.py",
                                             "tests/golden/test_lvliang_2024_workdays.py"], False),
    "anjian/planning/schedule/validate.py": (["tests/planning/schedule/test_validate.py",
                                              "tests/planning/schedule/test_validate_codes.py",
                                              "tests/planning/schedule/test_validate_findings.py"], False),
    "anjian/planning/execution/entry_check.py": (["tests/execution/test_core.py", "tests/execution/test_entry_check.py"],
                                                 True),
}  # fmt: skip
KILLED = {1, 3, 36, 37, 24, -24, 152, 255}  # failed tests, pytest internal error, timeouts, type check
SURVIVED, NO_TESTS = {0}, {5, 33}


def checkout_copy(dest: Path) -> None:
    """The tracked and new (not ignored) files of the checkout, as they are now."""
    if dest.exists():
        shutil.rmtree(dest)
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def configure(work: Path, module: str, tests: list[str], django: bool) -> None:
    """Replace the copy's [tool.mutmut] table by one for this module and its tests."""
    pyproject = work / "pyproject.toml"
    text = re.sub(r"(?ms)^\[tool\.mutmut\]\n.*?(?=^\[)", "", pyproject.read_text(encoding="utf-8"))
    config = {
        "source_paths": ["anjian/"],
        "only_mutate": [module],
        "also_copy": ["data/", "scripts/"],
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-x", "-q", *([] if django else CORE)],
        "pytest_add_cli_args_test_selection": tests,
        "use_git_change_detection": False,
    }
    body = "\n".join(f"{k} = {json.dumps(v, ensure_ascii=False).lower() if isinstance(v, bool) else json.dumps(v, ensure_ascii=False)}"
                     for k, v in config.items())  # fmt: skip
    pyproject.write_text(f"{text}\n[tool.mutmut]\n{body}\n", encoding="utf-8")


def score(work: Path, module: str, seconds: float) -> dict:
    meta = work / "mutants" / f"{module}.meta"
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"] if meta.is_file() else {}
    killed = sorted(k for k, c in codes.items() if c in KILLED)
    survived = sorted(k for k, c in codes.items() if c in SURVIVED)
    untested = sorted(k for k, c in codes.items() if c in NO_TESTS)
    other = sorted(k for k, c in codes.items() if k not in {*killed, *survived, *untested})
    judged = len(killed) + len(survived) + len(untested)
    return {
        "module": module, "mutants": len(codes), "killed": len(killed), "survived": len(survived),
        "no_tests": len(untested), "not_checked": len(other),
        "score": round(100 * len(killed) / judged, 1) if judged else None,
        "seconds": round(seconds), "survivors": survived + untested,
    }  # fmt: skip


def mutate(module: str, max_children: int) -> dict:
    tests, django = MODULES[module]
    work = WORK / module.removeprefix("anjian/").removesuffix(".py").replace("/", ".")
    checkout_copy(work)
    configure(work, module, tests, django)
    started = time.monotonic()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANJIAN_")} | {"ANJIAN_HOME": str(work)}
    run = subprocess.run(
        [sys.executable, "-m", "mutmut", "run", "--max-children", str(max_children)],
        cwd=work, env=env, capture_output=True, text=True, preexec_fn=lambda: os.nice(19),  # noqa: PLW1509
    )  # fmt: skip
    (work / "mutmut.log").write_text(run.stdout + run.stderr, encoding="utf-8")
    result = score(work, module, time.monotonic() - started)
    if run.returncode != 0 and not result["mutants"]:
        result["error"] = (run.stdout + run.stderr)[-1500:]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description="mutation score of the rule-bearing core, per module")
    parser.add_argument(
        "modules", nargs="*", metavar="MODULE", help="default: every module; one of " + ", ".join(MODULES)
    )
    parser.add_argument("--max-children", type=int, default=1, help="parallel mutant runs (default 1)")
    parser.add_argument("--min-score", type=float, default=0, help="exit 1 when a module scores lower")
    args = parser.parse_args()
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; known: {', '.join(MODULES)}")
    low = False
    for module in args.modules or list(MODULES):
        result = mutate(module, args.max_children)
        print(json.dumps(result, ensure_ascii=False), flush=True)
        low |= result["score"] is None or result["score"] < args.min_score
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
