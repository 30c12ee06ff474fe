"""Reading a workday sheet from its documented input (docs/workday-sheet.md): parsed TOML, or the rows of the
xlsx template already turned into the same mapping by `xlsx.py`.

Every problem is collected with its place (file, team, item or sheet row, field) and a Chinese message; the
whole sheet is refused if any is found (`SheetInputError.problems`). Pure: the caller reads the files.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from anjian.planning.textfile import toml_error_text
from anjian.planning.workdays.annexes import read_plan, read_staffing
from anjian.planning.workdays.inputs import (
    KIND_ALIASES,
    SECTOR_ALIASES,
    SHEET_BAD_KIND,
    SHEET_BAD_SECTOR,
    SHEET_DUPLICATE_TEAM,
    SHEET_FIELD_MISSING,
    SHEET_INCLUDE_YEAR,
    SHEET_NO_FACTOR,
    SHEET_NO_TEAM,
    InputProblem,
    InputReader,
    SheetInputError,
    read_category,
    section_path,
    where_of,
)
from anjian.planning.workdays.model import (
    FACTORS,
    LineItem,
    Section,
    StatedCalendar,
    Team,
    TeamStated,
    WorkdaySheet,
)

TOP_FIELDS = {
    "format",
    "year",
    "pack",
    "agency",
    "title",
    "source",
    "includes",
    "stated_calendar",
    "teams",
    "staffing",
    "plan",
}
TEAM_FIELDS = {
    "id",
    "name",
    "officers",
    "staff",
    "staff_label",
    "enforcement_team",
    "stated",
    "sections",
    "items",
    "source",
    "_where",
}
STATED_FIELDS = {f for f in TeamStated.__dataclass_fields__}
ITEM_TEXT = ("label", "number", "text", "note")
ITEM_FIELDS = {
    "category",
    "section",
    "kind",
    "sector",
    "codes",
    "lump",
    "stated",
    "counts",
    "_where",
    *ITEM_TEXT,
    *FACTORS,
}
SECTION_FIELDS = {"category", "path", "number", "stated", "note", "_where"}
CALENDAR_FIELDS = {f for f in StatedCalendar.__dataclass_fields__}


def _item(r: InputReader, data: Mapping[str, Any], where: str) -> LineItem | None:
    r.fields(data, ITEM_FIELDS, where)
    category = read_category(r, data, where)
    texts = {name: r.text(data, name, where, required=name == "label") for name in ITEM_TEXT}
    factors = {name: r.number(data, name, where) for name in FACTORS}
    lump, stated = r.number(data, "lump", where), r.number(data, "stated", where)
    kind = r.alias(r.text(data, "kind", where), KIND_ALIASES, "sheet_bad_kind", where, SHEET_BAD_KIND)
    sector = r.alias(
        r.text(data, "sector", where), SECTOR_ALIASES, "sheet_bad_sector", where, SHEET_BAD_SECTOR
    )
    raw_codes = data.get("codes", [])
    codes = tuple(
        str(c).strip() for c in (raw_codes if isinstance(raw_codes, list) else [raw_codes]) if str(c).strip()
    )
    counts = r.table(data, "counts", where)
    count_values = tuple((str(k), r.number(counts, k, where, required=True)) for k in counts)
    if lump is None and all(v is None for v in factors.values()):
        r.fail("sheet_no_factor", where, SHEET_NO_FACTOR)
        return None
    if category is None:
        return None
    return LineItem(
        category=category,
        section=section_path(data.get("section")),
        kind=kind,
        sector=sector,
        codes=codes,
        lump=lump,
        stated=stated,
        counts=tuple((k, v) for k, v in count_values if v is not None),
        label=texts["label"],
        number=texts["number"],
        text=texts["text"],
        note=texts["note"],
        units=factors["units"],
        visits=factors["visits"],
        groups=factors["groups"],
        persons=factors["persons"],
        days=factors["days"],
        months=factors["months"],
    )


def _section(r: InputReader, data: Mapping[str, Any], where: str) -> Section | None:
    r.fields(data, SECTION_FIELDS, where)
    category = read_category(r, data, where)
    path = section_path(data.get("path"))
    if not path:
        r.fail("sheet_field_missing", where, SHEET_FIELD_MISSING, field="path")
    stated = r.number(data, "stated", where)
    number, note = r.text(data, "number", where), r.text(data, "note", where)
    return Section(category, path, number, stated, note) if category and path else None


def _team(r: InputReader, data: Mapping[str, Any], path: str) -> Team | None:
    where = where_of(r, data, path, str(data.get("name", "")))
    r.fields(data, TEAM_FIELDS, where)
    team_id, name = r.text(data, "id", where, required=True), r.text(data, "name", where, required=True)
    officers = r.integer(data, "officers", where, required=True)
    stated_data = r.table(data, "stated", where)
    r.fields(stated_data, STATED_FIELDS, f"{where}.stated")
    stated = TeamStated(**{f: r.number(stated_data, f, f"{where}.stated") for f in STATED_FIELDS})
    items, sections = [], []
    for j, item in enumerate(r.tables(data, "items", where), 1):
        label = str(item.get("number", "")) + " " + str(item.get("label", ""))
        if (parsed := _item(r, item, where_of(r, item, f"{path}.items[{j}]", label.strip()))) is not None:
            items.append(parsed)
    for j, section in enumerate(r.tables(data, "sections", where), 1):
        if (s := _section(r, section, where_of(r, section, f"{path}.sections[{j}]"))) is not None:
            sections.append(s)
    if not team_id or not name or officers is None:
        return None
    return Team(
        id=team_id,
        name=name,
        officers=officers,
        items=tuple(items),
        sections=tuple(sections),
        staff=r.integer(data, "staff", where),
        staff_label=r.text(data, "staff_label", where),
        is_enforcement_team=bool(data.get("enforcement_team", False)),
        stated=stated,
        source=r.text(data, "source", where),
    )


def sheet_from_mapping(
    data: Mapping[str, Any], *, file: str = "", included: Sequence[WorkdaySheet] = ()
) -> WorkdaySheet:
    """Build a sheet from the documented mapping; the teams, staffing tables, plan figures and
    stated calendar of `included` sheets (the files named in `includes`) are added.
    Raises SheetInputError listing every problem."""
    r = InputReader(file or "工作日测算")
    r.fields(data, TOP_FIELDS, r.file)
    year = r.integer(data, "year", r.file, required=True)
    teams = []
    for i, d in enumerate(r.tables(data, "teams", r.file), 1):
        if (team := _team(r, d, f"teams[{i}]")) is not None:
            teams.append(team)
    cal_data = r.table(data, "stated_calendar", r.file)
    r.fields(cal_data, CALENDAR_FIELDS, f"{r.file} stated_calendar")
    stated_calendar = (
        StatedCalendar(**{f: r.integer(cal_data, f, f"{r.file} stated_calendar") for f in CALENDAR_FIELDS})
        if cal_data
        else None
    )
    default_team = teams[0].id if teams else ""
    staffing = [read_staffing(r, data["staffing"], "staffing", default_team)] if "staffing" in data else []
    plan = read_plan(r, data["plan"], "plan") if "plan" in data else None
    for other in included:
        if year is not None and other.year != year:
            r.fail(
                "sheet_include_year",
                r.file,
                SHEET_INCLUDE_YEAR,
                include=other.source or other.title,
                other=other.year,
                year=year,
                file=r.file,
            )
        teams += other.teams
        staffing += other.staffing
        plan = plan or other.plan
        stated_calendar = stated_calendar or other.stated_calendar
    seen: set[str] = set()
    for team in teams:
        if team.id in seen:
            r.fail("sheet_duplicate_team", r.file, SHEET_DUPLICATE_TEAM, id=team.id)
        seen.add(team.id)
    if not teams and not r.problems:
        r.fail("sheet_no_team", r.file, SHEET_NO_TEAM, file=r.file)
    if r.problems:
        raise SheetInputError(r.problems)
    assert year is not None  # recorded as a problem above otherwise
    return WorkdaySheet(
        year=year,
        teams=tuple(teams),
        pack=r.text(data, "pack", r.file),
        agency=r.text(data, "agency", r.file),
        title=r.text(data, "title", r.file),
        source=r.text(data, "source", r.file),
        staffing=tuple(staffing),
        plan=plan,
        stated_calendar=stated_calendar,
    )


def parse_toml(text: str, file: str = "") -> dict[str, Any]:
    """TOML text → mapping, decimals kept exact; a syntax error becomes a SheetInputError."""
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        raise SheetInputError(
            [InputProblem("sheet_toml_error", file, toml_error_text(e, file=file))]
        ) from None


def includes_of(data: Mapping[str, Any]) -> list[str]:
    value = data.get("includes", [])
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]
