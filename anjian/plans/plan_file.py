"""Reading a plan.toml against the schema (plan_schema.SCHEMA): every key, value and named file is checked
before a PlanConfig is returned; every problem is collected, so one run reports them all."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from anjian.planning.textfile import TextFileError, read_toml_text
from anjian.planning.workdays.files import load_sheets
from anjian.planning.workdays.inputs import SheetInputError
from anjian.registry.importing.errors import ImportFileError
from anjian.registry.samples import read_key_arrangement

from .config import ConfigProblem, GeneralSector, PlanConfig, PlanConfigError
from .plan_schema import (
    CHOICE_WORDS,
    CONFIG_BAD_CHOICE,
    CONFIG_EMPTY,
    CONFIG_FILE_BAD,
    CONFIG_FILE_MISSING,
    CONFIG_HINT_NEAR,
    CONFIG_MISSING,
    CONFIG_NEGATIVE,
    CONFIG_NOT_DATE,
    CONFIG_NOT_INT,
    CONFIG_NOT_TABLE,
    CONFIG_NOT_TEXT,
    CONFIG_NOT_TEXT_LIST,
    CONFIG_OFFICE_SHAPE,
    CONFIG_OFFICES_TOO_MANY,
    CONFIG_OUT_OF_RANGE,
    CONFIG_SHEET_YEAR,
    CONFIG_UNITS_MISSING,
    CONFIG_UNKNOWN_KEY,
    CONFIG_UNKNOWN_OFFICE,
    CONFIG_UNKNOWN_SECTOR,
    SCHEMA,
    SECTOR_KEYS,
    Key,
    PlanContext,
    hint_for,
    shown,
)  # fmt: skip
from .sectors import BY_LABEL


class _Checker:
    """Walks the parsed file, collecting problems and the checked values (keyed 'table.key')."""

    def __init__(self, path: Path, context: PlanContext):
        self.path, self.file, self.context = path, path.name, context
        self.problems: list[ConfigProblem] = []
        self.values: dict[str, Any] = {}

    def problem(self, key: str, template: str, **values: object) -> None:
        self.problems.append(
            ConfigProblem(self.file, key, template.format(file=self.file, key=key, **values))
        )

    def walk(self, data: dict[str, Any]) -> None:
        elsewhere = {k.name: table for table, keys in SCHEMA.items() for k in keys}
        for table, content in data.items():
            if table not in SCHEMA:
                self.problem(table, CONFIG_UNKNOWN_KEY, hint=hint_for(table, list(SCHEMA), elsewhere))
            elif not isinstance(content, dict):
                self.problem(table, CONFIG_NOT_TABLE)
            else:
                self.table(table, content, SCHEMA[table])

    def table(self, prefix: str, content: dict[str, Any], keys: tuple[Key, ...]) -> None:
        by_name = {k.name: k for k in keys}
        for name, value in content.items():
            dotted = f"{prefix}.{name}"
            if name not in by_name:
                self.problem(dotted, CONFIG_UNKNOWN_KEY, hint=hint_for(name, list(by_name), prefix=prefix))
                continue
            checked = self.value(dotted, by_name[name], value)
            if checked is not None:
                self.values[dotted] = checked

    def value(self, dotted: str, key: Key, value: Any) -> Any:
        check: Callable[[str, Key, Any], Any] = getattr(self, f"check_{key.kind}")
        return check(dotted, key, value)

    def bad(self, dotted: str, template: str, key: Key, value: Any, **more: object) -> None:
        self.problem(dotted, template, label=key.label, value=shown(value), **more)

    def check_text(self, dotted: str, key: Key, value: Any) -> str | None:
        if not isinstance(value, str):
            return self.bad(dotted, CONFIG_NOT_TEXT, key, value)
        return value.strip()

    def check_seed(self, dotted: str, key: Key, value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return self.check_text(dotted, key, value)

    def check_text_list(self, dotted: str, key: Key, value: Any) -> tuple[str, ...] | None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return self.bad(dotted, CONFIG_NOT_TEXT_LIST, key, value)
        return tuple(v.strip() for v in value if v.strip())

    def check_date(self, dotted: str, key: Key, value: Any) -> str | None:
        if isinstance(value, date) and type(value) is date:
            return value.isoformat()
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                return date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        return self.bad(dotted, CONFIG_NOT_DATE, key, value)

    def check_int(self, dotted: str, key: Key, value: Any) -> int | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return self.bad(dotted, CONFIG_NOT_INT, key, value)
        if key.high is not None and not key.low <= value <= key.high:
            return self.bad(dotted, CONFIG_OUT_OF_RANGE, key, value, low=key.low, high=key.high)
        if value < key.low:
            return self.bad(dotted, CONFIG_NEGATIVE, key, value)
        return value

    def check_choice(self, dotted: str, key: Key, value: Any) -> str | None:
        if value not in key.choices:
            choices = "、".join(f"{c}（{CHOICE_WORDS.get(c, c)}）" for c in key.choices)
            return self.bad(dotted, CONFIG_BAD_CHOICE, key, value, choices=choices)
        return str(value)

    def check_file(self, dotted: str, key: Key, value: Any) -> Path | None:
        name = self.check_text(dotted, key, value)
        if name is None:
            return None
        target = (self.path.parent / name).resolve()
        if not target.is_file():
            return self.bad(dotted, CONFIG_FILE_MISSING, key, value, target=name)
        return target

    def check_file_list(self, dotted: str, key: Key, value: Any) -> tuple[Path, ...] | None:
        names = self.check_text_list(dotted, key, value)
        if names is None:
            return None
        found = [self.check_file(dotted, key, name) for name in names]
        return None if None in found else tuple(p for p in found if p is not None)

    def check_sectors(self, dotted: str, key: Key, value: Any) -> tuple[GeneralSector, ...] | None:
        if not isinstance(value, dict):
            return self.bad(dotted, CONFIG_NOT_TABLE, key, value)
        sectors = []
        for sector, spec in value.items():
            prefix = f'{dotted}."{sector}"'
            if sector not in BY_LABEL:
                known = list(BY_LABEL)
                near = difflib.get_close_matches(sector, known, n=1, cutoff=0.5)
                hint = CONFIG_HINT_NEAR.format(near=near[0]) if near else ""
                self.problem(prefix, CONFIG_UNKNOWN_SECTOR, sector=sector, hint=hint, known="、".join(known))
                continue
            if not isinstance(spec, dict):
                self.problem(prefix, CONFIG_NOT_TABLE)
                continue
            before = len(self.problems)
            self.table(prefix, spec, SECTOR_KEYS)
            if "units" not in spec:
                self.problem(f"{prefix}.units", CONFIG_UNITS_MISSING)
            units = self.values.get(f"{prefix}.units")
            offices = self.values.get(f"{prefix}.offices", ())
            if units is not None and offices and (given := sum(n for _, n in offices)) > units:
                self.problem(f"{prefix}.offices", CONFIG_OFFICES_TOO_MANY, given=given, units=units)
            if len(self.problems) == before:
                sectors.append(GeneralSector(sector, units, offices))
        return tuple(sectors)

    def check_offices(self, dotted: str, key: Key, value: Any) -> tuple[tuple[str, int], ...] | None:
        if not isinstance(value, list):
            return self.bad(dotted, CONFIG_OFFICE_SHAPE, key, value, n=1)
        split, ok = [], True
        known = self.context.offices
        for n, item in enumerate(value, start=1):
            if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
                ok = self.bad(dotted, CONFIG_OFFICE_SHAPE, key, item, n=n) or False
                continue
            office, units = item[0].strip(), self.check_int(f"{dotted}[{n}]", SECTOR_KEYS[0], item[1])
            if known is not None and office not in known:
                hint = hint_for(office, sorted(known)) if known else ""
                hint = hint if hint.startswith("，") else ""
                shown = "、".join(sorted(known)) or "无（请先导入股室）"
                self.problem(dotted, CONFIG_UNKNOWN_OFFICE, office=office, hint=hint, known=shown)
                ok = False
            if units is None:
                ok = False
            else:
                split.append((office, units))
        return tuple(split) if ok else None


def _files(checker: _Checker) -> tuple[tuple[dict[str, Any], ...], tuple[str, ...]]:
    """The key-unit table and the workday sheets named by the file: they must parse, and be of the plan year."""
    arrangement: tuple[dict[str, Any], ...] = ()
    key = SCHEMA["key"][0]
    if table := checker.values.get("key.arrangement"):
        try:
            arrangement = tuple(asdict(r) for r in read_key_arrangement(table))
        except ImportFileError as e:
            problems = "；".join(x.message for x in e.errors[:10])
            checker.bad(
                "key.arrangement", CONFIG_FILE_BAD, key, table.name, target=table.name, problems=problems
            )
    roots: tuple[Path, ...] = checker.values.get("workdays.files", ())
    key = SCHEMA["workdays"][0]
    for root in roots:
        try:
            sheet = load_sheets([root])
        except SheetInputError as e:
            problems = "；".join(p.message for p in e.problems[:10])
            checker.bad(
                "workdays.files", CONFIG_FILE_BAD, key, root.name, target=root.name, problems=problems
            )
            continue
        year = checker.context.year
        if year is not None and sheet.year != year:
            checker.problem(
                "workdays.files", CONFIG_SHEET_YEAR, target=root.name, sheet_year=sheet.year, year=year
            )
    return arrangement, tuple(str(p) for p in roots)


def read_plan_file(path: Path, *, context: PlanContext | None = None) -> PlanConfig:
    """plan.toml → PlanConfig after checking the whole file against SCHEMA (relative file names are resolved
    against the file's folder). Raises PlanConfigError with every problem; nothing is half-read."""
    checker = _Checker(path, context or PlanContext())
    if not path.is_file():
        raise PlanConfigError([ConfigProblem(path.name, "", CONFIG_MISSING.format(file=path.name))])
    try:
        data = read_toml_text(path.read_bytes(), file=path.name)
    except TextFileError as e:
        raise PlanConfigError([ConfigProblem(path.name, "", str(e))]) from None
    if not _has_values(data):
        raise PlanConfigError([ConfigProblem(path.name, "", CONFIG_EMPTY.format(file=path.name))])
    checker.walk(data)
    if not checker.problems:
        arrangement, workday_files = _files(checker)
    if checker.problems:
        raise PlanConfigError(checker.problems)
    v = checker.values
    return PlanConfig(
        title=v.get("plan.title", ""), doc_number=v.get("plan.doc_number", ""),
        recipients=v.get("plan.recipients", ""), issue_date=v.get("plan.issue_date", ""),
        share_base=v.get("plan.share_base", "visits"), share_decimals=v.get("plan.share_decimals", 1),
        required_visits=v.get("plan.required_visits"), basis_docs=v.get("plan.basis", ()),
        issuer_mark=v.get("document.issuer_mark", ""), signer=v.get("document.signer", ""),
        cc=v.get("document.cc", ()), printer=v.get("document.printer", ""),
        print_date=v.get("document.print_date", ""), general_mode=v.get("general.mode", "draw"),
        general=v.get("general.sectors", ()), key_arrangement=arrangement, workday_files=workday_files,
        seed=v.get("plan.seed", ""),
    )  # fmt: skip


def _as_data(config: PlanConfig) -> dict[str, Any]:
    """A PlanConfig (e.g. from the web form) laid out as a plan.toml would write it, blanks left out."""
    data: dict[str, Any] = {
        "plan": {"title": config.title, "doc_number": config.doc_number, "issue_date": config.issue_date,
                 "recipients": config.recipients, "basis": list(config.basis_docs), "share_base": config.share_base,
                 "share_decimals": config.share_decimals, "required_visits": config.required_visits},
        "document": {"issuer_mark": config.issuer_mark, "signer": config.signer, "cc": list(config.cc),
                     "printer": config.printer, "print_date": config.print_date},
        "general": {"mode": config.general_mode, "sectors": {
            g.stratum: {"units": g.units, "offices": [list(o) for o in g.offices]} for g in config.general}},
        "workdays": {"files": list(config.workday_files)},
    }  # fmt: skip
    return {t: {k: v for k, v in keys.items() if v not in (None, "", [], {})} for t, keys in data.items()}


def check_plan_config(config: PlanConfig, *, context: PlanContext, name: str = "编制参数") -> None:
    """The same checks as read_plan_file, for settings that come from the web form instead of a file (the key
    arrangement was already read from its upload); raises PlanConfigError with every problem."""
    checker = _Checker(Path(name), context)
    checker.walk(_as_data(config))
    if not checker.problems:
        _files(checker)
    if checker.problems:
        raise PlanConfigError(checker.problems)


def _has_values(data: object) -> bool:
    if isinstance(data, dict):
        return any(_has_values(v) for v in data.values())
    return True
