"""Sample bureaus built from the real seed plans (data/samples/<name>/), and the key-unit arrangement table.

`load_sample("lvliang-2024")` creates the agency chain described in the sample's `sample.toml` and imports its
offices, officers and enterprises through the same import services users run, in one transaction; loading
twice changes nothing. `read_key_arrangement(path)` reads a key-unit table laid out like the Lüliang 2024 plan annex 2.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from anjian.planning.rules import load_pack

from . import services
from .importing.errors import (
    IMPORT_NO_HEADER,
    IMPORT_UNKNOWN_INDUSTRY,
    ImportFileError,
    RowError,
    row_error,
)
from .importing.headers import Column, ColumnSet
from .importing.rows import RowReader, header_problems
from .importing.table import open_table
from .importing.vocab import INDUSTRY
from .models import Agency

SAMPLES_DIR = Path(settings.PACKAGE_DIR).parent / "data" / "samples"
SAMPLE_NOT_FOUND = "找不到示例「{name}」（{folder} 下没有 sample.toml；已有：{known}）"
SAMPLE_IMPORT_FAILED = "示例「{name}」的 {file} 导入失败：{errors}"
AGENCY_FIELDS = (
    "name",
    "short_name",
    "level",
    "region_code",
    "doc_number_prefix",
    "approving_government",
    "ruleset",
)


class SampleError(Exception):
    def __init__(self, message: str, errors: list[RowError] | None = None):
        self.errors = errors or []
        super().__init__(message)


def sample_names(samples_dir: Path | None = None) -> list[str]:
    folder = samples_dir or SAMPLES_DIR
    return sorted(p.parent.name for p in folder.glob("*/sample.toml"))


def read_sample_spec(name: str, samples_dir: Path | None = None) -> dict[str, Any]:
    folder = (samples_dir or SAMPLES_DIR) / name
    spec_file = folder / "sample.toml"
    if not spec_file.is_file():
        known = "、".join(sample_names(samples_dir)) or "无"
        raise SampleError(SAMPLE_NOT_FOUND.format(name=name, folder=folder.parent, known=known))
    spec = tomllib.loads(spec_file.read_text(encoding="utf-8"))
    spec["folder"] = folder
    return spec


def _ensure_agency(fields: dict[str, Any], parent: Agency | None) -> Agency:
    """The agency with this code, created or brought in line with `fields`; saved only on a difference."""
    wanted = {k: fields[k] for k in AGENCY_FIELDS if k in fields} | {"parent": parent}
    wanted["province"] = fields.get("province") or load_pack(fields.get("ruleset", "national")).province
    agency = Agency.objects.filter(code=fields["code"]).first() or Agency(code=fields["code"])
    if agency.pk and all(getattr(agency, k) == v for k, v in wanted.items()):
        return agency
    for key, value in wanted.items():
        setattr(agency, key, value)
    agency.full_clean()
    agency.save()
    return agency


@transaction.atomic
def load_sample(name: str, *, samples_dir: Path | None = None) -> Agency:
    """Create the sample's agency chain and import its offices, officers and enterprises (all or nothing).

    Idempotent: a second load finds every row unchanged and writes nothing."""
    spec = read_sample_spec(name, samples_dir)
    parent = None
    for fields in reversed(spec.get("parents", [])):  # listed nearest first; created from the top down
        parent = _ensure_agency(fields, parent)
    agency = _ensure_agency(spec["agency"], parent)
    for fields in spec.get("children", []):  # lower-level agencies whose units the sample lists too
        _ensure_agency(fields, agency)
    steps = (
        ("offices", services.offices_import),
        ("officers", services.officers_import),
        ("enterprises", services.enterprises_import),
    )
    for kind, service in steps:
        path = spec["folder"] / spec["files"][kind]
        result = service(agency=agency, path=path)
        if not result.ok:
            shown = "；".join(e.message for e in result.errors[:5])
            raise SampleError(
                SAMPLE_IMPORT_FAILED.format(name=name, file=path.name, errors=shown), result.errors
            )
    return agency


@dataclass(frozen=True)
class KeyArrangementRow:
    """One row of a key-unit table (the Lüliang 2024 plan annex 2): who inspects which unit, with whom, in which quarters.

    `sector` is the table's industry value (coal_mine, coal_processing, noncoal_mine, hazchem — which includes
    the civil-explosives rows of the 危险化学品、民爆 table —, metallurgy_trade, training_body)."""

    sector: str
    seq: int
    enterprise_name: str
    responsible_units: tuple[str, ...]
    cooperating_units: tuple[str, ...]
    quarters: tuple[int, ...]
    note: str


KEY_ARRANGEMENT_COLUMNS = ColumnSet(
    [
        Column("sector", "行业", ("行业领域", "表名")),
        Column("seq", "序号", ()),
        Column("enterprise_name", "企业名称", ("生产经营单位名称", "单位名称"), required=True),
        Column("responsible_units", "责任单位", ("实施单位",)),
        Column("cooperating_units", "配合单位", ()),
        Column("quarters", "检查时间", ("检查时间（季度）", "季度")),
        Column("note", "备注", ()),
    ]
)


def read_key_arrangement(path: Path | str) -> list[KeyArrangementRow]:
    """Every row of a key-unit table (.xlsx, any number of sheets, or .csv) with columns
    行业 | 序号 | 企业名称 | 责任单位 | 配合单位 | 检查时间 | 备注.
    Quarters like 「第二、四季度」 become (2, 4); units are split on 、，,；.

    Raises ImportFileError listing every bad row (unknown sector, unreadable quarter, missing name)."""
    errors: list[RowError] = []
    rows: list[KeyArrangementRow] = []
    with open_table(path) as sheets:
        for sheet in sheets:
            header = sheet.header(KEY_ARRANGEMENT_COLUMNS)
            if header is None:
                errors.append(
                    row_error(
                        "import_no_header",
                        IMPORT_NO_HEADER,
                        file=sheet.file,
                        row=0,
                        sheet=sheet.name,
                        scan=10,
                        expected="企业名称、责任单位、检查时间",
                    )
                )
                continue
            problems, _ = header_problems(sheet.file, sheet.name, header, KEY_ARRANGEMENT_COLUMNS)
            errors += problems
            reader = RowReader(sheet.file, sheet.name, header, KEY_ARRANGEMENT_COLUMNS, errors, [])
            for number, row_cells in sheet.data(header):
                reader.start(number, row_cells)
                sector = reader.choice(
                    "sector", INDUSTRY, code="import_unknown_industry", template=IMPORT_UNKNOWN_INDUSTRY
                )[0]
                row = KeyArrangementRow(
                    sector=sector,
                    seq=reader.count("seq") or 0,
                    enterprise_name=reader.text("enterprise_name", required=True),
                    responsible_units=reader.names("responsible_units"),
                    cooperating_units=reader.names("cooperating_units"),
                    quarters=reader.quarters("quarters"),
                    note=reader.text("note"),
                )
                if not reader.failed:
                    rows.append(row)
    if errors:
        raise ImportFileError(errors)
    return rows
