"""Rule packs: inheritance, validation with file and key, citations on every built-in rule (docs/architecture.md §4)."""

from decimal import Decimal

import pytest

from anjian.planning.rules import (
    RULE_BAD_MARK,
    RULE_NO_SOURCE,
    RULE_TYPE_CHANGED,
    RulePackError,
    available_packs,
    load_pack,
)


def write_pack(root, pack_id, body, extends=None, meta_extra=""):
    folder = root / pack_id
    folder.mkdir(parents=True)
    ext = f'extends = "{extends}"\n' if extends else ""
    (folder / "pack.toml").write_text(
        f'[pack]\nid = "{pack_id}"\nname = "{pack_id}"\n{ext}{meta_extra}', "utf-8"
    )
    (folder / "rules.toml").write_text(body, "utf-8")
    return folder


def test_child_pack_inherits_and_overrides_parent_rules(tmp_path):
    write_pack(
        tmp_path,
        "base",
        '[a.x]\nvalue = 1\nsource = "办法 第8条"\nmark = "V"\n'
        '[a.y]\nvalue = 2.5\nsource = "file 004"\nmark = "S"\n',
    )
    write_pack(tmp_path, "child", '[a.x]\nvalue = 3\nsource = "省规定"\nmark = "U"\n', extends="base")
    pack = load_pack("child", [tmp_path])
    assert pack.chain == ("child", "base")
    assert pack.value("a.x") == 3 and pack.rule("a.x").pack == "child" and not pack.rule("a.x").verified
    assert pack.value("a.y") == Decimal("2.5")
    assert set(pack.section("a")) == {"x", "y"}


def test_rule_without_source_or_with_bad_mark_is_refused_naming_file_and_key(tmp_path):
    folder = write_pack(
        tmp_path, "bad", '[a.x]\nvalue = 1\nmark = "V"\n[a.y]\nvalue = 1\nsource = "s"\nmark = "X"\n'
    )
    with pytest.raises(RulePackError) as err:
        load_pack("bad", [tmp_path])
    messages = [m for _, m in err.value.problems]
    assert RULE_NO_SOURCE.format(file=folder / "rules.toml", key="a.x") in messages
    assert RULE_BAD_MARK.format(file=folder / "rules.toml", key="a.y", mark="X") in messages


def test_override_that_changes_the_type_is_refused(tmp_path):
    write_pack(tmp_path, "base", '[a.x]\nvalue = 1\nsource = "s"\nmark = "V"\n')
    folder = write_pack(tmp_path, "child", '[a.x]\nvalue = "one"\nsource = "s"\nmark = "V"\n', extends="base")
    with pytest.raises(RulePackError) as err:
        load_pack("child", [tmp_path])
    assert err.value.problems == [
        (
            "rule_type_changed",
            RULE_TYPE_CHANGED.format(file=folder / "rules.toml", key="a.x", old="number", new="str"),
        )
    ]


def test_unknown_pack_and_inheritance_cycle_are_reported(tmp_path):
    write_pack(tmp_path, "p", "", extends="q")
    write_pack(tmp_path, "q", "", extends="p")
    with pytest.raises(RulePackError, match="成环"):
        load_pack("p", [tmp_path])
    with pytest.raises(RulePackError, match="找不到规则包 nope"):
        load_pack("nope", [tmp_path])


def test_user_folder_shadows_the_built_in_pack(tmp_path):
    write_pack(tmp_path, "national", '[z.only_here]\nvalue = 7\nsource = "本局"\nmark = "U"\n')
    assert load_pack("national", [tmp_path]).value("z.only_here") == 7


@pytest.mark.parametrize("pack_id", available_packs())
def test_every_built_in_pack_loads_and_every_rule_has_a_citation(pack_id):
    pack = load_pack(pack_id)
    assert pack.chain[-1] == "national"
    assert all(rule.source.strip() and rule.mark in "VSU" for rule in pack.rules.values())
