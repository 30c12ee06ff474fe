"""Every `anjian` command run as a user runs it: a subprocess of the installed entry point against its own
SQLite file. Good input: exit 0, Chinese output (or the promised JSON), no traceback. Bad input: exit 1 with a
Chinese message (the in-process table of bad inputs is tests/test_cli_errors.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ANJIAN = Path(sys.executable).with_name("anjian")
SAMPLES = ROOT / "data" / "samples"
XIA, LVLIANG = SAMPLES / "xia-2025", SAMPLES / "lvliang-2024"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
AGENCIES = """
import django
django.setup()
from anjian.registry.samples import _ensure_agency, read_sample_spec
spec, parent = read_sample_spec("xia-2025"), None
for fields in reversed(spec.get("parents", [])):
    parent = _ensure_agency(fields, parent)
_ensure_agency(spec["agency"], parent)
"""

pytestmark = pytest.mark.slow


class Cli:
    def __init__(self, home: Path):
        self.home = home
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("ANJIAN_", "DJANGO_"))}
        self.env.update(ANJIAN_HOME=str(home), ANJIAN_DATABASE_URL=f"sqlite:///{home / 'anjian.sqlite3'}")

    def __call__(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(ANJIAN), *args], env=self.env, cwd=self.home, input=stdin, capture_output=True, text=True,
            timeout=600,
        )  # fmt: skip

    def ok(self, *args: str, stdin: str = "", chinese: bool = True) -> str:
        run = self(*args, stdin=stdin)
        assert run.returncode == 0, (args, run.stdout[-2000:], run.stderr[-2000:])
        assert "Traceback" not in run.stdout + run.stderr, args
        assert not chinese or CHINESE.search(run.stdout + run.stderr), args
        return run.stdout

    def json(self, *args: str) -> dict:
        return json.loads(self.ok(*args, "--json", chinese=False))

    def refused(self, *args: str, stdin: str = "") -> str:
        run = self(*args, stdin=stdin)
        out = run.stdout + run.stderr
        assert run.returncode == 1, (args, out[-2000:])
        assert "Traceback" not in out and CHINESE.search(out), (args, out[-2000:])
        return out


@pytest.fixture(scope="module")
def cli(tmp_path_factory) -> Cli:
    cli = Cli(tmp_path_factory.mktemp("anjian-home"))
    assert cli("migrate", "-v", "0").returncode == 0
    run = subprocess.run(
        [sys.executable, "-c", AGENCIES], env={**cli.env, "DJANGO_SETTINGS_MODULE": "anjian.settings"},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return cli


@pytest.fixture(scope="module")
def xia(cli) -> Cli:
    """Xia County's registry imported and its 2025 plan configured and compiled, all through the CLI."""
    for kind, count in (("offices", 5), ("officers", 14), ("enterprises", 77)):
        out = cli.ok("import", kind, str(XIA / f"{kind}.xlsx"), "--agency", "xiaxian")
        assert f"读取 {count} 行：新增 {count}" in out
    cli.ok("plan", "configure", "--agency", "xiaxian", "--year", "2025", "--config", str(XIA / "plan.toml"))
    cli.ok("plan", "compile", "--agency", "xiaxian", "--year", "2025")
    return cli


def test_a_second_import_of_the_same_files_changes_nothing(xia):
    out = xia.ok("import", "enterprises", str(XIA / "enterprises.xlsx"), "--agency", "xiaxian", "--dry-run")
    assert "新增 0" in out and "未变 77" in out


def test_plan_show_gives_the_seed_plans_figures(xia):
    shown = xia.json("plan", "show", "--agency", "xiaxian", "--year", "2025")
    # 夏应急发〔2025〕6号: 12 key units / 42 visits, 65 general units / 101 visits
    assert (shown["key_units"], shown["key_visits"]) == (12, 42)
    assert (shown["general_units"], shown["general_visits"]) == (65, 101)
    assert shown["statutory_workdays"] == 248


def test_the_exported_draw_record_verifies_and_a_tampered_one_is_refused(xia):
    record = xia.home / "draw.json"
    xia.ok("plan", "draw", "--agency", "xiaxian", "--year", "2025", "--out", str(record))
    assert "抽取记录复核通过" in xia.ok("draw", "verify", str(record))
    data = json.loads(record.read_text(encoding="utf-8"))
    data["result"] = data["result"][1:]
    forged = xia.home / "forged.json"
    forged.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "结果与记录不符" in xia.refused("draw", "verify", str(forged))


def test_schedule_validate_and_export_the_plan(xia):
    out = xia.ok("plan", "schedule", "--agency", "xiaxian", "--year", "2025")
    assert "排程已定稿" in out
    assert "未发现硬约束违反" in xia.ok("plan", "validate", "--agency", "xiaxian", "--year", "2025")
    out = xia.ok("plan", "export", "--agency", "xiaxian", "--year", "2025", "--format", "all")
    made = [Path(line.strip()) for line in out.splitlines() if line.strip().endswith((".docx", ".xlsx"))]
    assert sorted(p.suffix for p in made) == [".docx", ".xlsx"]
    assert all(p.is_file() and p.stat().st_size > 5000 for p in made)


def test_execution_commands_report_on_the_plan(xia):
    report = xia.json("execute", "report", "--agency", "xiaxian", "--year", "2025", "--month", "3")
    assert report["period"] == {"kind": "month", "year": 2025, "number": 3, "first": "2025-03-01",
                                "last": "2025-03-31"}  # fmt: skip
    weekly = xia.json("execute", "weekly", "--agency", "xiaxian", "--week", "2025-W10")
    assert weekly["week"]["first"] == "2025-03-03" and weekly["week"]["last"] == "2025-03-09"
    ledger = xia.home / "台账.xlsx"
    xia.ok("execute", "ledger", "--agency", "xiaxian", "--year", "2025", "--out", str(ledger))
    assert ledger.is_file()
    assert "复查" in xia.ok("execute", "reviews", "--agency", "xiaxian", "--year", "2025")
    assert "调整" in xia.ok("execute", "adjustments", "--agency", "xiaxian", "--year", "2025")


def test_audit_verify_backup_and_restore(xia):
    audit = xia.json("audit", "verify")
    assert audit["ok"] is True and audit["problems"] == [] and audit["events"] > 0
    copy = xia.home / "backup.sqlite3"
    backup = xia.json("backup", "--out", str(copy))
    assert (
        backup["audit_head"] == xia.json("audit", "verify")["head"]
        or backup["audit_events"] >= audit["events"]
    )
    restored = xia.json("restore", str(copy))
    assert restored["audit_events"] == backup["audit_events"]


def test_createadmin_creates_an_administrator_and_refuses_a_mismatch(xia):
    out = xia.ok(
        "createadmin", "--username", "admin", "--agency", "xiaxian", stdin="Anquan-2025x\nAnquan-2025x\n"
    )
    assert "已创建 admin" in out
    assert "两次输入的口令不一致" in xia.refused(
        "createadmin", "--username", "admin2", "--agency", "xiaxian", stdin="Anquan-2025x\nAnquan-2025y\n"
    )


def test_commands_without_a_database_state(cli):
    assert "有效" in cli.ok("uscc", "91350100M000100Y43")
    assert "校验位错误" in cli.refused("uscc", "91350100M000100Y44")
    calendar = cli.json("calendar", "--year", "2025")
    assert (calendar["days_in_year"], calendar["weekend_days"], calendar["statutory_holidays"]) == (
        365,
        104,
        13,
    )
    assert calendar["statutory_workdays"] == 248
    sheet = cli.json("workdays", str(LVLIANG / "workdays-bureau.toml"))
    assert sheet["statutory_workdays"] == 251
    # The sample keeps the seed's two arithmetic errors of annex 1, so review reports them and exits 1.
    run = cli("review", str(LVLIANG / "workdays-bureau.toml"), "--json")
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr, run.stderr[-2000:]
    review = json.loads(run.stdout)
    assert review["year"] == 2024 and {f["severity"] for f in review["findings"]} == {
        "error",
        "warning",
        "info",
    }
    assert {"national", "shanxi", "lvliang", "yuncheng"} <= set(
        cli.ok("rules", "list", chinese=False).split()
    )
    assert "出处" in cli.ok("rules", "show", "shanxi")
    assert "全部带出处" in cli.ok("rules", "check", "shanxi")


@pytest.mark.parametrize(
    "args",
    [
        ("uscc", "12345"),
        ("calendar", "--year", "1900"),
        ("workdays", "无此文件.toml"),
        ("review", "无此文件.toml"),
        ("rules", "show", "无此规则包"),
        ("draw", "verify", "无此文件.json"),
        ("import", "enterprises", "无此文件.xlsx", "--agency", "xiaxian"),
        ("plan", "show", "--agency", "无此部门", "--year", "2025"),
        ("execute", "report", "--agency", "xiaxian", "--year", "2025", "--month", "13"),
        ("audit", "verify", "--head", "0" * 64),
        ("restore", "无此文件.sqlite3"),
        ("bench", "schedule", "--size", "galaxy"),
        ("createadmin", "--username", "root2", "--agency", "无此部门"),
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_bad_input_exits_1_in_chinese_through_the_entry_point(cli, args):
    cli.refused(*args)


def test_demo_builds_both_sample_plans_schedules_them_and_prints_one_account_per_role(tmp_path):
    demo = Cli(tmp_path)
    out = demo.ok("demo", "--time-limit", "10")
    assert "吕梁市应急管理局 2024：重点 103 户 144 次，一般 101 户 101 次" in out
    assert "夏县应急管理局 2025：重点 12 户 42 次，一般 65 户 101 次" in out
    # how much of Lüliang's year is placed within the time limit depends on the machine; what is promised is that
    # each plan's schedule line says whether it is final, and only a schedule the validator passes is final
    lines = re.findall(
        r"排程：入企 (\d+) 次（下界 (\d+)），(校验通过，已定稿|校验发现 (\d+) 处违反，未定稿)", out
    )
    assert len(lines) == 2, out
    assert all(final.startswith("校验通过") or int(n) > 0 for _, _, final, n in lines)
    made = sorted(p.suffix for p in (tmp_path / "var" / "out").rglob("*") if p.is_file())
    assert made == [".docx", ".docx", ".xlsx", ".xlsx"]
    accounts = re.findall(r"^  (\w+) +\S+ +(\S+)（", out, flags=re.M)
    assert {role for _, role in accounts} == {
        "局领导",
        "股室负责人",
        "执法人员",
        "系统管理员",
        "安全管理员",
        "审计管理员",
    }
