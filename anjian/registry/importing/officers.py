"""Officer sheets (执法人员): name, office, 在编/借调, certificate, validity, whether and why not enforcing.

An officer is identified by certificate number when one is given, otherwise by (office, name).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .cells import compact
from .errors import (
    IMPORT_BAD_CHOICE,
    IMPORT_CERTIFICATE_REQUIRED,
    IMPORT_EXCLUSION_CONFLICT,
    IMPORT_TOO_LONG,
    IMPORT_UNKNOWN_OFFICE,
    RowError,
    duplicate_error,
)
from .headers import Column, ColumnSet
from .rows import RowReader
from .table import Row
from .vocab import EMPLOYMENT, EXCLUSION

OFFICER_COLUMNS = ColumnSet(
    [
        Column("name", "姓名", ("执法人员", "人员姓名", "执法人员姓名"), required=True),
        Column(
            "office",
            "股室（科室）",
            (
                "股室",
                "科室",
                "所在股室",
                "所在科室",
                "机构名称",
                "所属机构",
                "部门",
                "单位",
                "所在单位",
                "所属股室",
                "所属科室",
                "股室/科室",
            ),
            required=True,
        ),
        Column("employment", "人员性质", ("人员类别", "编制", "用工性质", "在编/借调")),
        Column("certificate_no", "执法证号", ("执法证编号", "行政执法证号", "执法证件号", "证件号")),
        Column(
            "certificate_valid_until", "执法证有效期至", ("有效期", "有效期至", "执法证有效期", "证件有效期")
        ),
        Column(
            "enforcement_eligible", "是否参加执法", ("参加执法", "参加安全生产执法", "是否参加安全生产执法")
        ),
        Column("exclusion_reason", "不参加执法原因", ("不参加原因", "未参加原因", "原因")),
        Column(
            "is_mine_specialist", "矿山安全监管专员", ("监管专员", "是否专员", "煤矿安全监管专员", "专员")
        ),
        Column("phone", "联系电话", ("电话", "手机")),
        Column("synthetic", "合成数据", ("示例数据",)),
        Column("note", "备注", ()),
    ]
)

MODEL_FIELDS = frozenset(c.field for c in OFFICER_COLUMNS.columns) | {"staffing_category"}


@dataclass(frozen=True)
class OfficerRow:
    file: str
    sheet: str
    row: int
    office_id: int
    name: str
    certificate_no: str
    values: Mapping[str, object]
    present: frozenset[str]
    titles: Mapping[str, str]


def _employment(reader: RowReader, categories: Mapping[str, Mapping[str, object]] | None) -> str:
    """在编/借调 for a 人员性质 that names no 编制类别; an unknown word lists every accepted one."""
    word = reader.text("employment")
    if word and categories and EMPLOYMENT.lookup(word) is None:
        choices = "、".join([*categories, *EMPLOYMENT.shown])
        reader.error("employment", "import_bad_choice", IMPORT_BAD_CHOICE, value=word, choices=choices)
        return "on_roll"
    return reader.choice("employment", EMPLOYMENT, default="on_roll")[0]


def read_officer(
    reader: RowReader,
    offices: Mapping[str, int],
    present: frozenset[str],
    categories: Mapping[str, Mapping[str, object]] | None = None,
) -> OfficerRow | None:
    """One officer row; `categories` (rule pack staffing.categories) lets 人员性质 name any 编制类别."""
    name = reader.text("name", required=True, max_length=30)
    category = (categories or {}).get(reader.text("employment"))
    office_name = reader.text("office", required=True)
    office_id = offices.get(office_name) if office_name else None
    if office_name and office_id is None:
        reader.error("office", "import_unknown_office", IMPORT_UNKNOWN_OFFICE, value=office_name)
    certificate = compact(reader.raw("certificate_no"))
    if len(certificate) > 40:
        reader.error("certificate_no", "import_too_long", IMPORT_TOO_LONG, max_length=40)
    exclusion = reader.choice("exclusion_reason", EXCLUSION)[0]
    enforcing = reader.boolean("enforcement_eligible", default=None)
    if enforcing is None:
        enforcing = not exclusion and (category is None or bool(category.get("may_enforce", True)))
    elif enforcing and exclusion:
        reader.error(
            "exclusion_reason",
            "import_exclusion_conflict",
            IMPORT_EXCLUSION_CONFLICT,
            value=reader.text("exclusion_reason"),
        )
    if enforcing and not certificate and not reader.failed:
        field = "certificate_no" if reader.has("certificate_no") else "enforcement_eligible"
        reader.error(
            field if reader.has(field) else "name", "import_certificate_required", IMPORT_CERTIFICATE_REQUIRED
        )
    values: dict[str, object] = {
        "name": name,
        "employment": str(category["employment"]) if category else _employment(reader, categories),
        "staffing_category": reader.text("employment") if category else "",
        "certificate_no": certificate,
        "certificate_valid_until": reader.date("certificate_valid_until"),
        "enforcement_eligible": enforcing,
        "exclusion_reason": exclusion,
        "is_mine_specialist": reader.boolean("is_mine_specialist"),
        "phone": reader.text("phone", max_length=30),
        "synthetic": reader.boolean("synthetic"),
        "note": reader.text("note", max_length=200),
    }
    if reader.failed or office_id is None:
        return None
    return OfficerRow(
        reader.file,
        reader.sheet,
        reader.number,
        office_id,
        name,
        certificate,
        values,
        present,
        reader.header.titles,
    )


def parse_officer_rows(
    reader: RowReader,
    rows: Iterator[Row],
    offices: Mapping[str, int],
    into: list[OfficerRow],
    categories: Mapping[str, Mapping[str, object]] | None = None,
) -> None:
    present = frozenset(f for f in reader.header.positions if f in MODEL_FIELDS) | {"name", "office"}
    if "employment" in present:
        present |= {"staffing_category"}
    if "enforcement_eligible" in present or "exclusion_reason" in present:
        present |= {"enforcement_eligible", "exclusion_reason"}
    for number, cells in rows:
        reader.start(number, cells)
        officer = read_officer(reader, offices, present, categories)
        if officer is not None:
            into.append(officer)


def find_duplicate_officers(rows: list[OfficerRow]) -> list[RowError]:
    """Rows repeating an earlier certificate number, or an earlier (office, name) without certificates."""
    by_certificate: dict[str, OfficerRow] = {}
    by_name: dict[tuple[int, str], OfficerRow] = {}
    errors = []
    for row in rows:
        if row.certificate_no:
            earlier = by_certificate.setdefault(row.certificate_no, row)
            if earlier is not row:
                errors.append(
                    duplicate_error(
                        row.file,
                        row.sheet,
                        row.row,
                        row.titles.get("certificate_no", "执法证号"),
                        row.certificate_no,
                        earlier.file,
                        earlier.row,
                    )
                )
                continue
        earlier = by_name.setdefault((row.office_id, row.name), row)
        if earlier is not row and not (row.certificate_no and earlier.certificate_no):
            errors.append(
                duplicate_error(
                    row.file,
                    row.sheet,
                    row.row,
                    row.titles.get("name", "姓名"),
                    row.name,
                    earlier.file,
                    earlier.row,
                )
            )
    return errors
