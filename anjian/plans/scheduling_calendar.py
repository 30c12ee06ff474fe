"""Officers' calendars (请假、培训、值班、下乡) imported from .xlsx/.csv, and the days they block for the scheduler.

A row names the officer (by name, with the certificate number when two officers share a name), the kind, the
first and last day (the last defaults to the first) and a note. The file replaces the agency's calendar for
the years it covers; any row error writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction

from anjian.registry.import_result import ImportResult
from anjian.registry.importing.errors import AT, RowError
from anjian.registry.importing.files import Parsed, parse_single_kind
from anjian.registry.importing.headers import Column, ColumnSet
from anjian.registry.importing.rows import RowReader
from anjian.registry.importing.vocab import Vocabulary
from anjian.registry.models import Agency, Officer

from .officer_calendar_model import OfficerAbsence

CALENDAR_COLUMNS = ColumnSet(
    [
        Column("name", "执法人员", ("姓名", "人员姓名", "执法人员姓名"), required=True),
        Column("certificate_no", "执法证号", ("执法证编号", "行政执法证号", "证件号")),
        Column("kind", "类别", ("事项", "日程类别", "类型"), required=True),
        Column("start", "开始日期", ("起始日期", "开始", "自"), required=True),
        Column("end", "结束日期", ("截止日期", "结束", "至")),
        Column("note", "备注", ("说明",)),
    ]
)
KINDS = Vocabulary.build(
    "absence_kind",
    [
        (OfficerAbsence.Kind.LEAVE, "", ["请假", "休假", "年休假", "病假", "事假", "探亲假", "婚丧假"]),
        (OfficerAbsence.Kind.TRAINING, "", ["培训", "学习", "考试", "会议"]),
        (OfficerAbsence.Kind.DUTY, "", ["值班", "机关值班", "带班"]),
        (OfficerAbsence.Kind.RURAL, "", ["下乡", "驻村", "帮扶"]),
    ],
)
CALENDAR_UNKNOWN_OFFICER = AT + "本局没有执法人员「{value}」"
CALENDAR_AMBIGUOUS_OFFICER = AT + "本局有 {count} 名执法人员叫「{value}」，请填写执法证号以区分"
END_BEFORE_START = "calendar_end_before_start"
CALENDAR_END_BEFORE_START = AT + "结束日期 {end} 早于开始日期 {start}"


def _rows(path: Path | str) -> Parsed[dict[str, object]]:
    parsed: Parsed[dict[str, object]] = Parsed()

    def read(reader: RowReader, rows: Iterable[tuple[int, object]]) -> None:
        for number, cells in rows:
            reader.start(number, cells)  # type: ignore[arg-type]
            start = reader.date("start", required=True)
            end = reader.date("end") or start
            row = {
                "row": number, "file": reader.file, "sheet": reader.sheet, "titles": reader.header.titles,
                "name": reader.text("name", required=True, max_length=60),
                "certificate_no": reader.text("certificate_no", max_length=40),
                "kind": reader.choice("kind", KINDS, required=True)[0],
                "start": start, "end": end, "note": reader.text("note", max_length=200),
            }  # fmt: skip
            if start and end and end < start:
                reader.error(  # a row error of the import, not a stored finding
                    field="end",
                    code=END_BEFORE_START,
                    template=CALENDAR_END_BEFORE_START,
                    start=start,
                    end=end,
                )
            if not reader.failed:
                parsed.items.append(row)

    parse_single_kind(path, parsed, CALENDAR_COLUMNS, read)  # type: ignore[arg-type]
    return parsed


def _officer(row: dict[str, object], officers: list[Officer], errors: list[RowError]) -> Officer | None:
    from anjian.registry.importing.errors import row_error

    name, cert = str(row["name"]), str(row["certificate_no"])
    found = [o for o in officers if o.name == name and (not cert or o.certificate_no == cert)]
    if len(found) == 1:
        return found[0]
    titles = row["titles"]
    column = titles.get("name", "执法人员") if isinstance(titles, dict) else "执法人员"
    template, code = (
        (CALENDAR_UNKNOWN_OFFICER, "calendar_unknown_officer")
        if not found
        else (CALENDAR_AMBIGUOUS_OFFICER, "calendar_ambiguous_officer")
    )
    errors.append(
        row_error(
            code,
            template,
            file=str(row["file"]),
            row=int(str(row["row"])),
            column=column,
            sheet=str(row["sheet"]),
            value=name,
            count=len(found),
        )  # fmt: skip
    )
    return None


@transaction.atomic
def officer_calendar_import(*, agency: Agency, path: Path | str, dry_run: bool = False) -> ImportResult:
    """Replace the agency's officers' calendars for the years the file covers; all or nothing."""
    result = ImportResult("calendar", Path(path).name, agency.name, dry_run)
    parsed = _rows(path)
    result.errors, result.warnings = list(parsed.errors), list(parsed.warnings)
    result.rows = parsed.rows
    officers = list(Officer.objects.filter(office__agency=agency))
    absences = []
    for row in parsed.items:
        officer = _officer(row, officers, result.errors)
        if officer is not None:
            absences.append(
                OfficerAbsence(
                    officer=officer,
                    kind=str(row["kind"]),
                    start=row["start"],
                    end=row["end"],
                    note=str(row["note"]),
                )  # fmt: skip
            )
    if result.errors:
        return result
    years = {a.start.year for a in absences} | {a.end.year for a in absences}  # type: ignore[union-attr]
    kept = list(OfficerAbsence.objects.filter(officer__office__agency=agency, start__year__in=years))
    old: dict[tuple[object, ...], list[int]] = {}
    for a in kept:
        old.setdefault(_key(a), []).append(a.pk)
    new = []
    for a in absences:  # an identical entry stays as it is; every other old entry of those years goes
        same = old.get(_key(a))
        if same:
            same.pop()
            result.unchanged += 1
        else:
            new.append(a)
    gone = [pk for pks in old.values() for pk in pks]
    result.created, result.deleted = len(new), len(gone)
    if not dry_run:
        OfficerAbsence.objects.filter(pk__in=gone).delete()
        OfficerAbsence.objects.bulk_create(new)
    return result


def _key(a: OfficerAbsence) -> tuple[object, ...]:
    return (a.officer_id, a.kind, a.start, a.end, a.note)


def blocked_days(agency_ids: Iterable[int], working_days: Iterable[dt.date]) -> dict[int, frozenset[dt.date]]:
    """Per officer, the working days their calendar keeps them from inspections."""
    days = sorted(working_days)
    if not days:
        return {}
    blocked: dict[int, set[dt.date]] = {}
    rows = OfficerAbsence.objects.filter(
        officer__office__agency_id__in=list(agency_ids), end__gte=days[0], start__lte=days[-1]
    ).values_list("officer_id", "start", "end")
    for officer_id, start, end in rows:
        blocked.setdefault(officer_id, set()).update(t for t in days if start <= t <= end)
    return {o: frozenset(d) for o, d in blocked.items()}
