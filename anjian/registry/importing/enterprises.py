"""Enterprise sheets: columns, per-row validation, duplicates inside the file.

A workbook may hold several enterprise sheets (one per sector, as in the Lüliang 2024 plan annex 2) and risk-fact sheets
(recognised by their 事实类别 column, see `risk_facts.py`). An enterprise sheet may also carry one dated
risk fact per row in the columns 事实类别 / 日期 / 终止日期 / 死亡人数 / 情况说明.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from anjian.planning.uscc import check_uscc, normalize

from .cells import text as cells_text
from .errors import (
    IMPORT_REQUIRED,
    IMPORT_UNKNOWN_INDUSTRY,
    IMPORT_UNKNOWN_OFFICE,
    IMPORT_USCC_CHECK_FAILED,
    IMPORT_USCC_INVALID,
    IMPORT_USCC_OVERRIDDEN,
    IMPORT_USCC_WARNING,
    RowError,
    duplicate_error,
)
from .headers import Column, ColumnSet, HeaderMatch
from .risk_facts import FACT_COLUMNS, FactRow, read_fact
from .rows import RowReader
from .table import Row
from .vocab import INDUSTRY, LEVEL, OPERATING_STATUS, STD_GRADE

ENTERPRISE_COLUMNS = ColumnSet(
    [
        Column(
            "name",
            "企业名称",
            (
                "生产经营单位名称",
                "单位名称",
                "企业（单位）名称",
                "名称",
                "企业全称",
                "单位全称",
                "生产经营单位",
            ),
            required=True,
        ),
        Column("uscc", "统一社会信用代码", ("信用代码", "社会信用代码", "统一代码", "USCC"), required=True),
        Column(
            "uscc_override_reason", "校验未通过说明", ("校验未通过的说明", "代码校验说明", "信用代码说明")
        ),
        Column(
            "industry", "行业领域", ("行业", "所属行业", "行业类别", "监管行业", "行业分类"), required=True
        ),
        Column("sub_sector", "细分行业", ("行业细分", "子行业", "细分领域", "类型")),
        Column(
            "owning_office",
            "责任单位",
            ("实施单位", "主管股室", "主管科室", "监管股室", "监管科室", "责任股室", "责任科室"),
        ),
        Column("managing_level", "管理层级", ("监管层级", "管理级别")),
        Column("agency", "监管部门", ("执法部门", "负责执法的部门", "执法层级（监管部门）", "执法层级")),
        Column("district_code", "所在区划代码", ("区划代码", "行政区划代码")),
        Column("district_name", "所在县（市、区）", ("所在县区", "县区", "县（市、区）", "所属县区", "属地")),
        Column("address", "地址", ("单位地址", "企业地址", "注册地址", "生产经营地址")),
        Column("principal", "主要负责人", ("负责人", "法定代表人")),
        Column("phone", "联系电话", ("电话", "负责人电话", "联系方式")),
        Column("coal_class", "煤矿分类", ("煤矿类别", "煤矿等级")),
        Column("noncoal_class", "非煤矿山风险等级", ("非煤矿山分类", "风险等级", "安全风险等级")),
        Column("std_grade", "安全生产标准化等级", ("标准化等级", "标准化")),
        Column("std_grade_valid_until", "标准化证书有效期至", ("标准化有效期", "标准化证书有效期")),
        Column("high_risk_override", "高危行业", ("是否高危", "高危")),
        Column("flag_key_chem", "涉及重点监管危险化学品", ("重点监管危化品", "重点监管危险化学品")),
        Column("flag_key_process", "涉及重点监管危险化工工艺", ("重点监管危险化工工艺", "危险化工工艺")),
        Column("flag_major_source", "构成重大危险源", ("重大危险源",)),
        Column("flag_combustible_dust", "涉爆粉尘", ("粉尘涉爆",)),
        Column("flag_metal_smelting", "金属冶炼", ()),
        Column("underground", "地下矿山", ()),
        Column("open_pit_slope_m", "露天矿边坡高度（米）", ("边坡高度", "露天矿边坡高度")),
        Column("tailings_upstream_important", "尾矿库下游有重要设施", ("尾矿库下游重要设施",)),
        Column("operating_status", "生产状态", ("生产经营状态", "状态")),
        Column("parent", "所属煤矿", ("所属煤矿统一社会信用代码", "上级煤矿", "附属于")),
        Column("synthetic", "合成数据", ("含合成数据", "示例数据")),
        Column("source_doc", "数据来源", ("来源",)),
        Column("note", "备注", ()),
        *(
            Column(f"fact_{c.field}", c.label, c.synonyms)
            for c in FACT_COLUMNS.columns
            if c.field in {"kind", "valid_from", "valid_to", "deaths"}
        ),
        Column("fact_detail", "情况说明", ("事实说明",)),
    ]
)

TEXT_FIELDS = {
    "address": 200,
    "principal": 30,
    "phone": 30,
    "district_name": 30,
    "sub_sector": 30,
    "source_doc": 200,
    "note": 300,
    "uscc_override_reason": 200,
}
FLAG_FIELDS = (
    "flag_key_chem",
    "flag_key_process",
    "flag_major_source",
    "flag_combustible_dust",
    "flag_metal_smelting",
    "underground",
    "tailings_upstream_important",
    "synthetic",
)
MODEL_FIELDS = frozenset(
    {
        "name",
        "uscc",
        "industry",
        "owning_office",
        "agency",
        "managing_level",
        "district_code",
        "coal_class",
        "noncoal_class",
        "std_grade",
        "std_grade_valid_until",
        "high_risk_override",
        "open_pit_slope_m",
        "operating_status",
        "parent",
        *TEXT_FIELDS,
        *FLAG_FIELDS,
    }
)


@dataclass(frozen=True)
class EnterpriseRow:
    file: str
    sheet: str
    row: int
    values: Mapping[str, object]  # model field → clean value (owning office as its id)
    present: frozenset[str]  # model fields whose column the sheet has: only these overwrite on re-import
    titles: Mapping[str, str]  # field → column title in the file, for messages raised later
    parent_ref: str = ""


@dataclass
class ParsedEnterprises:
    rows: list[EnterpriseRow] = field(default_factory=list)
    facts: list[FactRow] = field(default_factory=list)


def _uscc(reader: RowReader) -> str:
    """The normalised code; a failed check is an error unless the row gives 校验未通过说明 (then a warning);
    the organisation-code and registrar checks only warn."""
    raw = reader.text("uscc")
    code = normalize(raw)
    if not code:
        reader.error("uscc", "import_required", IMPORT_REQUIRED)
        return ""
    reason = reader.text("uscc_override_reason", max_length=200)
    for problem in check_uscc(code):
        if problem.code == "uscc_check":
            if reason:
                reader.warn(
                    "uscc",
                    "import_uscc_overridden",
                    IMPORT_USCC_OVERRIDDEN,
                    value=raw,
                    problem=problem.message,
                    reason=reason,
                )
            else:
                reader.error(
                    "uscc",
                    "import_uscc_check_failed",
                    IMPORT_USCC_CHECK_FAILED,
                    value=raw,
                    problem=problem.message,
                )
        elif problem.blocking:
            reader.error(
                "uscc", "import_uscc_invalid", IMPORT_USCC_INVALID, value=raw, problem=problem.message
            )
        else:
            reader.warn(
                "uscc", "import_uscc_warning", IMPORT_USCC_WARNING, value=raw, problem=problem.message
            )
    return code


def _office(reader: RowReader, offices: Mapping[str, int]) -> int | None:
    """The first unit named in 责任单位 is the owning office; every named unit must be known."""
    owner = None
    for name in reader.names("owning_office"):
        office_id = offices.get(name)
        if office_id is None:
            reader.error("owning_office", "import_unknown_office", IMPORT_UNKNOWN_OFFICE, value=name)
        elif owner is None:
            owner = office_id
    return owner


def read_enterprise(
    reader: RowReader, offices: Mapping[str, int], present: frozenset[str]
) -> EnterpriseRow | None:
    """Validate the current row fully; None when it has a blocking error (recorded in reader.errors)."""
    v: dict[str, object] = {"name": reader.text("name", required=True, max_length=200)}
    v["uscc"] = _uscc(reader)
    industry, implied_sub = reader.choice(
        "industry", INDUSTRY, code="import_unknown_industry", template=IMPORT_UNKNOWN_INDUSTRY, required=True
    )
    v["industry"] = industry
    for name, max_length in TEXT_FIELDS.items():
        if reader.has(name):
            v[name] = reader.text(name, max_length=max_length)
    if implied_sub and not v.get("sub_sector"):
        v["sub_sector"] = implied_sub
    v["owning_office"] = _office(reader, offices) if reader.has("owning_office") else None
    if reader.has("agency"):
        v["agency"] = reader.text("agency", max_length=100)  # resolved against the agency tree on import
    v["managing_level"] = reader.choice("managing_level", LEVEL, default="county")[0]
    v["district_code"] = reader.region("district_code")
    v["coal_class"] = reader.mine_class("coal_class")
    v["noncoal_class"] = reader.mine_class("noncoal_class")
    v["std_grade"] = reader.choice("std_grade", STD_GRADE, default="none")[0]
    v["std_grade_valid_until"] = reader.date("std_grade_valid_until")
    v["high_risk_override"] = reader.boolean("high_risk_override", default=None)
    for name in FLAG_FIELDS:
        v[name] = reader.boolean(name)
    v["open_pit_slope_m"] = reader.count("open_pit_slope_m")
    v["operating_status"] = reader.choice("operating_status", OPERATING_STATUS, default="normal")[0]
    parent_ref = reader.text("parent")
    if reader.failed:
        return None
    return EnterpriseRow(
        reader.file, reader.sheet, reader.number, v, present, reader.header.titles, parent_ref
    )


def _present(header: HeaderMatch) -> frozenset[str]:
    return frozenset(f for f in header.positions if f in MODEL_FIELDS) | {"name", "uscc", "industry"}


def parse_enterprise_rows(
    reader: RowReader, rows: Iterator[Row], offices: Mapping[str, int], into: ParsedEnterprises
) -> None:
    """Read every data row of one enterprise sheet into `into`; problems go to reader.errors/.warnings."""
    present = _present(reader.header)
    fact_fields = [f for f in reader.header.positions if f.startswith("fact_")]
    for number, cells in rows:
        reader.start(number, cells)
        row = read_enterprise(reader, offices, present)
        fact = None
        if any(cells_text(reader.raw(f)) for f in fact_fields):
            ref = str(row.values["uscc"]) if row else ""
            fact = read_fact(reader, prefix="fact_", ref=ref, ref_column=reader.title("uscc"))
        if row is not None and not reader.failed:
            into.rows.append(row)
            if fact is not None:
                source = fact.source_doc or str(row.values.get("source_doc", ""))
                into.facts.append(replace(fact, source_doc=source))


def find_duplicates(rows: list[EnterpriseRow]) -> list[RowError]:
    """Every row whose USCC already appeared on an earlier row of the same file (any sheet)."""
    first: dict[str, EnterpriseRow] = {}
    errors = []
    for row in rows:
        code = str(row.values["uscc"])
        if code in first:
            earlier = first[code]
            errors.append(
                duplicate_error(
                    row.file,
                    row.sheet,
                    row.row,
                    row.titles.get("uscc", "统一社会信用代码"),
                    code,
                    earlier.file,
                    earlier.row,
                )
            )
        else:
            first[code] = row
    return errors
