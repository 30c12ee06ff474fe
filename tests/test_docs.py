"""Every CLI command is documented in docs/cli.md, and the README gives the two set-up commands (docs/architecture.md §5)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = sorted(
    p.stem for p in (ROOT / "anjian" / "management" / "commands").glob("*.py") if p.stem != "__init__"
)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_cli_reference(command):
    assert f"`anjian {command}" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_readme_gives_make_demo_and_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
