"""Office and officer imports (issue 3, item 5): offices by name and alias, officers per annex 1."""

import datetime as dt

from anjian.registry.importing.errors import (
    IMPORT_ALIAS_IS_OTHER_NAME,
    IMPORT_BAD_CHOICE,
    IMPORT_CERTIFICATE_REQUIRED,
    IMPORT_CERTIFICATE_TAKEN,
    IMPORT_EXCLUSION_CONFLICT,
    IMPORT_UNKNOWN_OFFICE,
)
from anjian.registry.models import Agency, Office, Officer
from anjian.registry.services import officers_import, offices_import

from .conftest import write_csv, write_xlsx

OFFICE_HEADER = ["序号", "名称", "类别", "别名", "备注"]
OFFICER_HEADER = [
    "姓名",
    "股室",
    "人员性质",
    "执法证号",
    "有效期",
    "是否参加执法",
    "不参加原因",
    "矿山安全监管专员",
]


def test_offices_import_creates_kinds_aliases_and_order_then_updates_by_name(db, tmp_path):
    agency = Agency.objects.create(
        name="吕梁市应急管理局", code="lvliang", level="city", region_code="141100"
    )
    rows = [
        OFFICE_HEADER,
        [1, "局领导", "局领导", "", ""],
        [2, "危险化学品安全监管科", "科室", "危险化学品安全监督管理科", ""],
        [3, "吕梁市应急管理综合行政执法支队", "执法支队", "市执法支队、执法支队", "在册72人"],
        [4, "其他", "其他", "", ""],
    ]
    result = offices_import(agency=agency, path=write_xlsx(tmp_path / "offices.xlsx", ("股室", rows)))
    assert result.ok and result.created == 4
    brigade = Office.objects.get(name="吕梁市应急管理综合行政执法支队")
    assert (brigade.kind, brigade.alias_list(), brigade.sort_order, brigade.staffing_note) == (
        "enforcement_team",
        ["市执法支队", "执法支队"],
        3,
        "在册72人",
    )
    assert [o.kind for o in Office.objects.order_by("sort_order")] == [
        "leadership",
        "office",
        "enforcement_team",
        "other",
    ]
    rows[2][3] = "危化科"
    again = offices_import(agency=agency, path=write_csv(tmp_path / "offices.csv", rows))
    assert (again.created, again.updated, again.unchanged) == (0, 1, 3)
    assert Office.objects.get(name="危险化学品安全监管科").aliases == "危化科"


def test_office_alias_that_names_another_office_is_refused(db, tmp_path):
    agency = Agency.objects.create(
        name="夏县应急管理局", code="xiaxian", level="county", region_code="140828"
    )
    rows = [
        ["名称", "类别", "别名"],
        ["执法大队", "执法大队", "执法队"],
        ["执法队", "股室", ""],
        ["综合协调股", "局办", ""],
    ]
    result = offices_import(agency=agency, path=write_xlsx(tmp_path / "o.xlsx", ("股室", rows)))
    assert [e.message for e in result.errors] == [
        IMPORT_BAD_CHOICE.format(
            file="o.xlsx", row=4, column="类别", value="局办", choices="局领导、科室、执法支队、其他"
        ),
        IMPORT_ALIAS_IS_OTHER_NAME.format(file="o.xlsx", row=2, column="别名", value="执法队"),
    ]
    assert Office.objects.count() == 0


def test_officers_import_matches_office_by_name_or_alias_and_reads_every_column(county_bureau, tmp_path):
    rows = [
        OFFICER_HEADER,
        ["张伟", "执法队", "在编", "HC1408280001", "2027-12-31", "是", "", "否"],
        ["李娜", "非煤矿山安全监管股", "借调", "HC1408280002", "2026年6月30日", "是", "", "是"],
        ["王强", "冶金工贸安全监管股", "在编", "", "", "否", "未取证", ""],
        ["赵敏", "冶金工贸安全监管股", "借调", "HC1408280003", "", "", "下乡", ""],
    ]
    result = officers_import(
        agency=county_bureau, path=write_xlsx(tmp_path / "officers.xlsx", ("人员", rows))
    )
    assert result.ok and result.created == 4
    zhang = Officer.objects.get(name="张伟")
    assert (zhang.office.name, zhang.employment, zhang.certificate_valid_until) == (
        "执法大队",
        "on_roll",
        dt.date(2027, 12, 31),
    )
    li = Officer.objects.get(name="李娜")
    assert (li.employment, li.is_mine_specialist, li.certificate_valid_until) == (
        "seconded",
        True,
        dt.date(2026, 6, 30),
    )
    assert Officer.objects.get(name="王强").to_domain().enforcement_eligible is False
    zhao = Officer.objects.get(name="赵敏")
    assert (zhao.enforcement_eligible, zhao.exclusion_reason) == (False, "posted_away")


def test_officer_reimport_updates_by_certificate_and_keeps_count(county_bureau, tmp_path):
    rows = [OFFICER_HEADER, ["张伟", "执法大队", "在编", "HC1", "2027-12-31", "是", "", ""]]
    officers_import(agency=county_bureau, path=write_xlsx(tmp_path / "a.xlsx", ("人员", rows)))
    rows[1][1] = "非煤矿山安全监管股"
    result = officers_import(agency=county_bureau, path=write_xlsx(tmp_path / "b.xlsx", ("人员", rows)))
    assert (result.created, result.updated) == (0, 1)
    assert Officer.objects.get().office.name == "非煤矿山安全监管股"


def test_officer_row_errors_name_file_row_column_and_reason(county_bureau, tmp_path):
    other = Agency.objects.create(
        name="绛县应急管理局", code="jiangxian", level="county", region_code="140826"
    )
    Officer.objects.create(
        office=Office.objects.create(agency=other, name="执法队"), name="钱七", certificate_no="HC9"
    )
    rows = [
        OFFICER_HEADER,
        ["甲", "安监科", "在编", "HC1", "", "是", "", ""],
        ["乙", "执法大队", "在编", "", "", "是", "", ""],
        ["丙", "执法大队", "在编", "HC2", "", "是", "下乡", ""],
        ["丁", "执法大队", "在编", "HC9", "", "是", "", ""],
    ]
    result = officers_import(agency=county_bureau, path=write_xlsx(tmp_path / "p.xlsx", ("人员", rows)))
    assert [e.message for e in result.errors] == [
        IMPORT_UNKNOWN_OFFICE.format(file="p.xlsx", row=2, column="股室", value="安监科"),
        IMPORT_CERTIFICATE_REQUIRED.format(file="p.xlsx", row=3, column="执法证号"),
        IMPORT_EXCLUSION_CONFLICT.format(file="p.xlsx", row=4, column="不参加原因", value="下乡"),
        IMPORT_CERTIFICATE_TAKEN.format(
            file="p.xlsx", row=5, column="执法证号", value="HC9", agency="绛县应急管理局", other="钱七"
        ),
    ]
    assert Officer.objects.count() == 1


def test_duplicate_certificate_inside_the_file_is_an_error(county_bureau, tmp_path):
    rows = [
        OFFICER_HEADER,
        ["甲", "执法大队", "在编", "HC1", "", "是", "", ""],
        ["乙", "执法大队", "在编", "HC1", "", "是", "", ""],
    ]
    result = officers_import(agency=county_bureau, path=write_xlsx(tmp_path / "d.xlsx", ("人员", rows)))
    assert [(e.code, e.row, e.column) for e in result.errors] == [("import_duplicate_in_file", 3, "执法证号")]


def test_an_unknown_staffing_word_lists_every_category_the_pack_accepts(county_bureau, tmp_path):
    rows = [OFFICER_HEADER, ["张伟", "执法队", "外星编制", "HC1408280001", "2027-12-31", "是", "", "否"]]
    result = officers_import(agency=county_bureau, path=write_xlsx(tmp_path / "o.xlsx", ("执法人员", rows)))
    [error] = result.errors
    assert (error.row, error.column) == (2, "人员性质")
    accepted = error.message.split("可填：")[1]
    # the rule pack's 编制类别 are accepted on import, so the message must offer them, not only 在编/借调
    for category in ("行政编制", "事业编制", "参照公务员法管理", "在编", "借调"):
        assert category in accepted
    assert Officer.objects.count() == 0
