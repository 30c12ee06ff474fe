"""Every `anjian` command, given bad input, answers with one Chinese message and exit 1: no traceback, no English
sentence, and nothing written to the database."""

import re

import pytest
from django.apps import apps
from django.db import DataError, IntegrityError, OperationalError

from anjian import cli_errors
from anjian.audit.models import AuditEvent
from anjian.plans.models import Plan

ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,']+[A-Za-z]{2,}){2,}")  # three English words in a row
COMMAND_LINE = re.compile(r"anjian(?: [-\w.]+)*")  # a command the message suggests is not English prose
FILES = {
    "syntax.toml": '[plan]\ntitle = "计划"\nunits 5\n'.encode(),
    "gbk.toml": '[plan]\ntitle = "计划"\nshare_bse = "visits"\n'.encode("gb18030"),
    "utf16.toml": '[plan]\ntitle = "计划"\n[workday]\nfiles = []\n'.encode("utf-16"),
    "ten.toml": '[general.sectors."非煤矿山"]\nunits = "十"\noffices = [["执法大队", 1]]\n'.encode(),
    "no_table.toml": '[plan]\ntitle = "计划"\n[key]\narrangement = "无此文件.xlsx"\n'.encode(),
    "bad_table.toml": '[plan]\ntitle = "计划"\n[key]\narrangement = "broken.xlsx"\n'.encode(),
    "broken.xlsx": b"PK\x03\x04 this is not a workbook",
    "empty.toml": b"",
    "binary.csv": bytes(range(256)) * 4,
    "bad.json": b"{not json",
    "workdays_bad.toml": 'format = "anjian-workday-sheet/1"\nyear = 2025\n[[teams]]\nid = 1\n'.encode(
        "gb18030"
    ),
    "latin.csv": "名称,别名\n".encode("utf-16-le") + b"\xff",
}
CASES = [
    ("plan", "configure", "--agency", "xiaxian", "--year", "2025", "--config", "{syntax.toml}"),
    ("plan", "configure", "--agency", "xiaxian", "--year", "2025", "--config", "{gbk.toml}"),
    ("plan", "configure", "--agency", "xiaxian", "--year", "2025", "--config", "{utf16.toml}"),
    ("plan", "configure", "--agency", "xiaxian", "--year", "2025", "--config", "{ten.toml}"),
    ("plan", "configure", "--agency", "xiaxian", "--year", "2025", "--config", "{no_table.toml}"),
    ("plan", "configure", "--agency", "xiaxian", "--year", "2025", "--config", "{bad_table.toml}"),
    ("plan", "configure", "--agency", "xiaxian", "--year", "2025", "--config", "{empty.toml}"),
    ("plan", "configure", "--agency", "xiaxian", "--year", "24", "--config", "{gbk.toml}"),
    ("plan", "configure", "--agency", "xiaxian", "--year", "2025"),
    ("plan", "configure", "--agency", "xiaxian", "--year", "2025", "--config", "{nothing.toml}"),
    ("plan", "configur", "--year", "2025"),
    ("plan", "show", "--agency", "xiaxian"),
    ("plan", "show", "--agency", "xiaxian", "--year", "二〇二五"),
    ("plan", "show", "--agency", "nobody", "--year", "2025"),
    ("plan", "show", "--agency", "xiaxian", "--year", "2025"),
    ("plan", "draw", "--agency", "xiaxian", "--year", "2025", "--bogus"),
    ("import", "enterprises", "{nothing.xlsx}", "--agency", "xiaxian"),
    ("import", "offices", "{binary.csv}", "--agency", "xiaxian"),
    ("import", "officers", "{broken.xlsx}", "--agency", "xiaxian"),
    ("import", "offices", "{latin.csv}", "--agency", "xiaxian"),
    ("import", "cats", "{binary.csv}"),
    ("execute", "import", "{binary.csv}", "--agency", "xiaxian"),
    ("execute", "import", "--agency", "xiaxian"),
    ("execute", "ledger", "--agency", "xiaxian"),
    ("execute", "weekly", "--agency", "xiaxian", "--week", "下周"),
    ("execute", "report", "--agency", "xiaxian", "--year", "2025", "--month", "13"),
    ("workdays", "{workdays_bad.toml}"),
    ("workdays", "{syntax.toml}"),
    ("workdays", "{nothing.toml}"),
    ("review", "{binary.csv}"),
    ("review",),
    ("rules", "show", "无此规则包"),
    ("rules", "explain"),
    ("draw", "verify", "{bad.json}"),
    ("draw", "verify", "{nothing.json}"),
    ("draw",),
    ("calendar", "--year", "abc"),
    ("calendar", "--year", "2025", "--pack", "无此规则包"),
    ("bench", "schedule", "--size", "galaxy"),
    ("createadmin", "--username", "admin", "--agency", "nobody"),
    ("audit", "check"),
    ("plna",),
]


def db_state() -> dict[str, object]:
    """Row counts of every table but the audit log (a refused import is audited by design) and plan settings."""
    state: dict[str, object] = {
        m._meta.label: m.objects.count() for m in apps.get_models() if m is not AuditEvent
    }
    state["plan settings"] = list(Plan.objects.values_list("settings", flat=True))
    return state


@pytest.fixture
def anjian(monkeypatch, capsys, settings, tmp_path):
    """Run `anjian ARGS` in this process against the test database; (exit code, stdout + stderr)."""
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)  # keep the test's connection
    settings.VAR_DIR = tmp_path / "var"

    def run(*args: str) -> tuple[int, str]:
        code = cli_errors.run(["anjian", *args])
        out, err = capsys.readouterr()
        return code, out + err

    return run


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c)[:60] for c in CASES])
def test_bad_input_gets_a_chinese_message_and_exit_1_and_writes_nothing(
    county_bureau, anjian, tmp_path, case
):
    for name, content in FILES.items():
        (tmp_path / name).write_bytes(content)
    args = [re.sub(r"\{(.+)\}", lambda m: str(tmp_path / m[1]), a) for a in case]
    before = db_state()
    code, output = anjian(*args)
    assert code != 0, output
    assert "Traceback" not in output
    assert not ENGLISH.search(COMMAND_LINE.sub("", output)), output
    assert re.search(r"[\u4e00-\u9fff]", output)
    assert not output.startswith("CommandError")
    assert db_state() == before


def test_an_unexpected_error_is_logged_and_the_user_reads_a_reference(
    county_bureau, anjian, monkeypatch, settings
):
    def broken(**kwargs):
        raise KeyError("settings")

    monkeypatch.setattr("anjian.plans.services.plan_configure", broken)
    code, output = anjian("plan", "configure", "--agency", "xiaxian", "--year", "2025", "--config", "x.toml")
    assert code == 1
    ref = re.search(r"编号 (\S+)）", output)[1]
    assert output.startswith("内部错误")
    log = (settings.VAR_DIR / "log" / "errors.log").read_text(encoding="utf-8")
    assert ref in log and "KeyError" in log and "Traceback" in log
    assert "KeyError" not in output


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OperationalError("database is locked"), cli_errors.DB_LOCKED),
        (IntegrityError("UNIQUE constraint failed: plans_planversion.plan_id, plans_planversion.number"),
         cli_errors.DB_CONFLICT),
        (DataError("numeric field overflow"), cli_errors.DB_OUT_OF_RANGE),
    ],
    ids=["locked", "integrity", "overflow"],
)  # fmt: skip
def test_database_failures_read_as_chinese_sentences(county_bureau, anjian, monkeypatch, error, expected):
    def failing(**kwargs):
        raise error

    monkeypatch.setattr("anjian.plans.services.plan_configure", failing)
    code, output = anjian("plan", "configure", "--agency", "xiaxian", "--year", "2025", "--config", "x.toml")
    assert (code, output.strip()) == (1, expected)


@pytest.mark.parametrize("args", [(), ("help",), ("-h",)])
def test_anjian_alone_lists_the_commands_in_chinese(db, anjian, args):
    code, output = anjian(*args)
    assert code == 0
    assert "  plan" in output and "年度监督检查计划" in output
    assert not ENGLISH.search(COMMAND_LINE.sub("", output)), output


def test_the_error_log_is_created_readable_by_its_owner_only(
    county_bureau, anjian, monkeypatch, settings, tmp_path
):
    settings.VAR_DIR = tmp_path / "var"
    monkeypatch.setattr("anjian.plans.services.plan_configure", lambda **kw: {}["boom"])
    code, _output = anjian("plan", "configure", "--agency", "xiaxian", "--year", "2025", "--config", "x.toml")
    assert code == 1
    log = tmp_path / "var" / "log" / "errors.log"
    assert log.stat().st_mode & 0o777 == 0o600
    assert log.parent.stat().st_mode & 0o777 == 0o700
