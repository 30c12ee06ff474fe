"""Every documented ANJIAN_* variable really overrides its setting (and the documented default holds without it)."""

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ADMIN_GUIDE = (ROOT / "docs" / "admin-guide.md").read_text(encoding="utf-8")

READ = """
import json
from django.conf import settings as s
print(json.dumps({
    "home": str(s.HOME), "var": str(s.VAR_DIR), "secret": s.SECRET_KEY, "debug": s.DEBUG,
    "hosts": s.ALLOWED_HOSTS, "db_engine": s.DATABASES["default"]["ENGINE"], "db_name": str(s.DATABASES["default"]["NAME"]),
    "db_host": s.DATABASES["default"].get("HOST", ""), "session": s.SESSION_COOKIE_AGE,
    "failures": s.AXES_FAILURE_LIMIT, "cooloff_hours": s.AXES_COOLOFF_TIME,
    "password_days": s.ANJIAN_PASSWORD_MAX_AGE_DAYS, "https": [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE],
    "rulesets": [str(p) for p in s.ANJIAN_RULESET_DIRS], "log_level": s.LOGGING["root"]["level"],
    "broker": s.CELERY_BROKER_URL, "heartbeat": s.ANJIAN_JOB_HEARTBEAT_SECONDS, "stale": s.ANJIAN_JOB_STALE_SECONDS, "hsts": s.SECURE_HSTS_SECONDS,
    "audit_key": str(s.ANJIAN_AUDIT_KEY_FILE), "sqlite_timeout": s.DATABASES["default"].get("OPTIONS", {}).get("timeout"),
}))
"""


def settings_with(tmp_path: Path, **env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ANJIAN_")}
    clean.update({"DJANGO_SETTINGS_MODULE": "anjian.settings", "ANJIAN_HOME": str(tmp_path), **env})
    run = subprocess.run(
        [sys.executable, "-c", READ], env=clean, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


OVERRIDES = {
    "ANJIAN_DATABASE_URL": ("postgres://anjian@10.0.0.5:5432/anjian_prod", {"db_host": "10.0.0.5"}),
    "ANJIAN_DEBUG": ("1", {"debug": True}),
    "ANJIAN_ALLOWED_HOSTS": (
        "anjian.example.gov.cn, 10.1.2.3",
        {"hosts": ["anjian.example.gov.cn", "10.1.2.3"]},
    ),
    "ANJIAN_SECRET_KEY": ("k" * 60, {"secret": "k" * 60}),
    "ANJIAN_SESSION_SECONDS": ("600", {"session": 600}),
    "ANJIAN_LOGIN_FAILURES": ("3", {"failures": 3}),
    "ANJIAN_LOCKOUT_MINUTES": ("30", {"cooloff_hours": 0.5}),
    "ANJIAN_PASSWORD_MAX_AGE_DAYS": ("0", {"password_days": 0}),
    "ANJIAN_HTTPS": ("1", {"https": [True, True]}),
    "ANJIAN_RULESET_DIRS": (
        os.pathsep.join(["/srv/packs/a", "/srv/packs/b"]),
        {"rulesets": ["/srv/packs/a", "/srv/packs/b"]},
    ),
    "ANJIAN_LOG_LEVEL": ("INFO", {"log_level": "INFO"}),
    "ANJIAN_BROKER_URL": ("redis://10.0.0.6:6379/0", {"broker": "redis://10.0.0.6:6379/0"}),
    "ANJIAN_JOB_HEARTBEAT_SECONDS": ("5", {"heartbeat": 5}),
    "ANJIAN_JOB_STALE_SECONDS": ("300", {"stale": 300}),
    "ANJIAN_HSTS_SECONDS": ("31536000", {"hsts": 31536000}),
    "ANJIAN_AUDIT_KEY_FILE": ("/srv/keys/audit_key", {"audit_key": "/srv/keys/audit_key"}),
    "ANJIAN_SQLITE_TIMEOUT": ("30", {"sqlite_timeout": 30}),
}
NOT_SETTINGS = {"ANJIAN_HOME"}  # the folder every default lies under: checked with the defaults


@pytest.fixture(scope="module")
def defaults(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    return home, settings_with(home)


def test_without_variables_the_documented_defaults_hold(defaults):
    home, s = defaults
    assert s["var"] == str(home.resolve() / "var")
    assert s["db_engine"].endswith("sqlite3") and s["db_name"] == str(
        home.resolve() / "var" / "anjian.sqlite3"
    )
    assert (s["debug"], s["hosts"], s["session"], s["failures"]) == (
        False,
        ["localhost", "127.0.0.1"],
        1800,
        5,
    )
    assert s["cooloff_hours"] * 60 == pytest.approx(15)
    assert (s["password_days"], s["https"], s["log_level"]) == (90, [False, False], "WARNING")
    assert s["rulesets"] == [str(home.resolve() / "var" / "rulesets")]


def test_the_secret_key_is_generated_once_into_var_readable_by_the_owner_only(defaults, tmp_path):
    home, s = defaults
    key = home / "var" / "secret_key"
    assert key.read_text(encoding="utf-8").strip() == s["secret"] and len(s["secret"]) >= 50
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert settings_with(home)["secret"] == s["secret"]  # kept across runs
    assert settings_with(tmp_path)["secret"] != s["secret"]  # another installation, another key


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_each_variable_overrides_its_setting(tmp_path, defaults, name):
    value, expected = OVERRIDES[name]
    s = settings_with(tmp_path, **{name: value})
    for key, want in expected.items():
        assert s[key] == want, name
        assert defaults[1][key] != want, f"{name}: the override equals the default, so it proves nothing"


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_each_overridable_variable_is_documented_for_administrators(name):
    assert re.search(rf"`{name}`", ADMIN_GUIDE) or re.search(rf"\b{name}\b", ADMIN_GUIDE), name


def test_every_variable_the_settings_read_is_tested_here_and_documented():
    source = (ROOT / "anjian" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'os\.environ\.get\("(ANJIAN_[A-Z_]+)"', source))
    assert read - NOT_SETTINGS == set(OVERRIDES), "a new ANJIAN_* variable needs its override check above"
    assert {name for name in read if f"`{name}`" not in ADMIN_GUIDE} == set(), "document it in admin-guide §3"


def test_the_sqlite_database_is_created_readable_by_the_owner_only(defaults, tmp_path):
    home, _s = defaults
    assert stat.S_IMODE((home / "var" / "anjian.sqlite3").stat().st_mode) == 0o600
    elsewhere = tmp_path / "data" / "x.sqlite3"
    settings_with(tmp_path, ANJIAN_DATABASE_URL=f"sqlite:///{elsewhere}")
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o600
