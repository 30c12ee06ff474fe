"""Rule-pack sources cite real documents; packs fit the agency's province; `rules new` scaffolds an overlay."""

import pytest

from anjian.planning.rule_sources import (
    pack_for_province,
    pack_infos,
    source_problems,
)
from anjian.planning.rules import BUILTIN_DIR, RulePackError, available_packs, load_pack

from .test_rules import write_pack


def test_a_source_naming_a_project_file_or_no_document_is_refused(tmp_path):
    write_pack(
        tmp_path,
        "p",
        '[a.x]\nvalue = 1\nsource = "file 004 三（一）"\nmark = "S"\n'
        '[a.y]\nvalue = 1\nsource = "见 docs/business-rules.md"\nmark = "S"\n'
        '[a.z]\nvalue = 1\nsource = "省里规定"\nmark = "S"\n'
        '[a.d]\nvalue = 1\nsource = "本系统默认：每日一户"\nmark = "V"\n'
        '[a.ok]\nvalue = 1\nsource = "《辽宁省安全生产条例》第十条"\nmark = "V"\n'
        '[a.ok2]\nvalue = 1\nsource = "应急〔2025〕11号"\nmark = "V"\n'
        '[a.ok3]\nvalue = 1\nsource = "本系统默认：每日一户"\nmark = "U"\n',
    )
    codes = {m.split("规则 ")[1].split(" ")[0]: c for c, m in source_problems(load_pack("p", [tmp_path]))}
    assert codes == {
        "a.x": "source_project_file",
        "a.y": "source_project_file",
        "a.z": "source_not_a_document",
        "a.d": "source_default_verified",
    }


@pytest.mark.parametrize("pack_id", available_packs())
def test_every_shipped_pack_cites_only_legal_or_official_documents(pack_id):
    assert source_problems(load_pack(pack_id)) == []


def test_the_national_pack_cites_no_shanxi_document_and_shanxi_keeps_the_practice_it_moved():
    national, shanxi = load_pack("national"), load_pack("shanxi")
    words = ("吕梁", "夏县", "文水", "山西", "晋")
    assert [r.key for r in national.rules.values() if any(w in r.source + r.note for w in words)] == []
    moved = shanxi.rule("execution.report.monthly.days")
    assert moved.pack == "shanxi" and "夏应急发〔2025〕6号" in moved.source and moved.mark == "S"
    assert moved.value == national.value("execution.report.monthly.days")


def test_pack_defaults_from_the_province_and_refuses_another_provinces_pack():
    assert pack_for_province("山西省") == "shanxi"
    assert pack_for_province("河南省") == "national"
    assert pack_for_province("辽宁省") == "liaoning" and pack_for_province("江苏省") == "jiangsu"
    assert pack_for_province("山西省", "lvliang") == "lvliang"
    with pytest.raises(RulePackError) as err:
        pack_for_province("辽宁省", "lvliang")
    assert err.value.problems[0][0] == "pack_other_province"
    assert "national（国家规则）" in err.value.problems[0][1]
    with pytest.raises(RulePackError) as err:
        pack_for_province("辽宁省", "nosuch")
    assert err.value.problems[0][0] == "pack_unknown" and "shanxi（山西省）" in err.value.problems[0][1]


def test_city_packs_inherit_their_province():
    provinces = {i.id: i.province for i in pack_infos()}
    assert provinces["lvliang"] == provinces["yuncheng"] == "山西省"
    assert provinces["national"] == ""
    assert (BUILTIN_DIR / "national" / "pack.toml").is_file()


def test_liaoning_and_jiangsu_overlays_extend_national_and_keep_its_caps_with_their_own_citations():
    for pack_id, province, document in (
        ("liaoning", "辽宁省", "辽应急办〔2025〕5号"),
        ("jiangsu", "江苏省", "应急〔2025〕11号"),
    ):
        pack = load_pack(pack_id)
        assert pack.chain == (pack_id, "national") and pack.province == province
        cap = pack.rule("caps.high_risk_by_grade")
        assert cap.pack == pack_id and document in cap.source
        assert cap.value == load_pack("national").value("caps.high_risk_by_grade")
    assert (
        load_pack("liaoning").rule("caps.high_risk_by_grade").mark == "U"
    )  # the province's numbers are unread
