"""`anjian rules new` scaffolds an overlay of every rule marked U; `anjian rules check` refuses bad sources."""

import pytest
from django.core.management import CommandError, call_command

from anjian.planning.rules import load_pack


def test_rules_new_copies_every_national_rule_as_unverified(tmp_path, settings, capsys):
    settings.ANJIAN_RULESET_DIRS = [tmp_path]
    call_command("rules", "new", "河南省", "--from", "national")
    pack = load_pack("henan", [tmp_path])
    national = load_pack("national")
    assert pack.province == "河南省" and pack.chain == ("henan", "national")
    assert set(pack.rules) == set(national.rules)
    assert {r.mark for r in pack.rules.values()} == {"U"} and {r.pack for r in pack.rules.values()} == {
        "henan"
    }
    assert "henan" in capsys.readouterr().out
    with pytest.raises(CommandError, match="已存在"):
        call_command("rules", "new", "河南省", "--from", "national")


def test_rules_check_refuses_a_pack_citing_a_project_file(tmp_path, settings, capsys):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "pack.toml").write_text('[pack]\nid = "bad"\nname = "坏"\nextends = "national"\n', "utf-8")
    (folder / "x.toml").write_text('[a.x]\nvalue = 1\nsource = "file 004"\nmark = "S"\n', "utf-8")
    settings.ANJIAN_RULESET_DIRS = [tmp_path]
    with pytest.raises(CommandError, match="出处不是法规或公文"):
        call_command("rules", "check", "bad")
    assert "file 004" in capsys.readouterr().err
    call_command("rules", "check", "national")
