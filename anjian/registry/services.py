"""Registry use cases: importing offices, officers, enterprises and risk facts from Excel/CSV.

Every import is all-or-nothing: the file is parsed and every row validated (including full_clean on every
object) before anything is written; when any blocking error exists nothing is written and all errors are
returned. Re-importing updates existing rows (enterprises by USCC, officers by certificate number or
office + name, offices by name, facts by enterprise + kind + date) and only the columns the file has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Model

from anjian.planning.rules import load_pack

from .bulk import clean_row, current_values, plan, write
from .fact_upserts import plan_facts, write_facts
from .import_result import ImportResult
from .importing.errors import (
    IMPORT_CERTIFICATE_TAKEN,
    IMPORT_DUPLICATE,
    IMPORT_UNKNOWN_AGENCY,
    IMPORT_USCC_OTHER_AGENCY,
    row_error,
)
from .importing.files import parse_enterprises, parse_facts, parse_officers, parse_offices
from .importing.offices import find_office_conflicts
from .models import Agency, Enterprise, Office, Officer
from .resolve import EnterpriseResolver, resolve_facts, resolve_parents
from .selectors import agency_tree, chunked, enterprises_by_uscc, office_lookup


@transaction.atomic
def offices_import(*, agency: Agency, path: Path | str, dry_run: bool = False) -> ImportResult:
    result = ImportResult("offices", Path(path).name, agency.name, dry_run)
    parsed = parse_offices(path)
    result.rows, result.errors, result.warnings = parsed.rows, parsed.errors, parsed.warnings
    existing = {o.name: o for o in Office.objects.filter(agency=agency)}
    file_names = {row.name for row in parsed.items}
    result.errors += find_office_conflicts(parsed.items, {n: n for n in existing if n not in file_names})
    pending = []
    for row in parsed.items:
        old = existing.get(row.name)
        obj = Office(agency=agency, pk=old.pk if old else None, **row.values)
        if clean_row(obj, row, exclude=["agency"], errors=result.errors):
            pending.append((row.present, obj))
    return _finish(result, Office, pending)


@transaction.atomic
def officers_import(*, agency: Agency, path: Path | str, dry_run: bool = False) -> ImportResult:
    result = ImportResult("officers", Path(path).name, agency.name, dry_run)
    categories = load_pack(agency.ruleset, settings.ANJIAN_RULESET_DIRS).get("staffing.categories", {})
    parsed = parse_officers(path, office_lookup(agency), categories)
    result.rows, result.errors, result.warnings = parsed.rows, parsed.errors, parsed.warnings
    mine = Officer.objects.filter(office__agency=agency).values_list("office_id", "name", "id")
    by_name = {(office_id, name): pk for office_id, name, pk in mine}
    holders = {}
    for batch in chunked(sorted({r.certificate_no for r in parsed.items if r.certificate_no})):
        for o in Officer.objects.filter(certificate_no__in=batch).values(
            "id", "certificate_no", "name", "office__agency_id", "office__agency__name"
        ):
            holders[o["certificate_no"]] = o
    claimed: dict[int, int] = {}
    pending = []
    for row in parsed.items:
        holder = holders.get(row.certificate_no)
        if holder and holder["office__agency_id"] != agency.pk:
            result.errors.append(
                row_error(
                    "import_certificate_taken",
                    IMPORT_CERTIFICATE_TAKEN,
                    file=row.file,
                    row=row.row,
                    column=row.titles.get("certificate_no", "执法证号"),
                    sheet=row.sheet,
                    value=row.certificate_no,
                    agency=holder["office__agency__name"],
                    other=holder["name"],
                )
            )
            continue
        pk = holder["id"] if holder else by_name.get((row.office_id, row.name))
        if pk is not None and claimed.setdefault(pk, row.row) != row.row:
            result.errors.append(
                row_error(
                    "import_duplicate_in_file",
                    IMPORT_DUPLICATE,
                    file=row.file,
                    row=row.row,
                    column=row.titles.get("name", "姓名"),
                    sheet=row.sheet,
                    value=row.name,
                    first_row=claimed[pk],
                )
            )
            continue
        obj = Officer(pk=pk, office_id=row.office_id, **row.values)
        if clean_row(obj, row, exclude=["office"], errors=result.errors):
            pending.append((row.present, obj))
    return _finish(result, Officer, pending)


@transaction.atomic
def enterprises_import(*, agency: Agency, path: Path | str, dry_run: bool = False) -> ImportResult:
    """Enterprises (and their risk facts) of `path` into `agency`'s registry; see the module docstring."""
    result = ImportResult("enterprises", Path(path).name, agency.name, dry_run)
    parsed = parse_enterprises(path, office_lookup(agency))
    result.rows, result.errors, result.warnings = parsed.rows, parsed.errors, parsed.warnings
    existing = enterprises_by_uscc(r.values["uscc"] for r in parsed.items)
    resolver = EnterpriseResolver(
        agency, [(str(r.values["uscc"]), str(r.values["name"])) for r in parsed.items]
    )
    pending = []
    tree = agency_tree(agency)
    for row in parsed.items:
        code = str(row.values["uscc"])
        ref = str(row.values.get("agency") or "")
        target = tree.get(ref, agency) if ref else agency
        if ref and ref not in tree:
            result.errors.append(
                row_error(
                    "import_unknown_agency",
                    IMPORT_UNKNOWN_AGENCY,
                    file=row.file,
                    row=row.row,
                    column=row.titles.get("agency", "监管部门"),
                    sheet=row.sheet,
                    value=ref,
                    agency=agency.name,
                )
            )
            continue
        pk, owner = existing.get(code, (None, target.pk))
        if owner not in tree.ids:
            result.errors.append(
                row_error(
                    "import_uscc_other_agency",
                    IMPORT_USCC_OTHER_AGENCY,
                    file=row.file,
                    row=row.row,
                    column=row.titles.get("uscc", "统一社会信用代码"),
                    sheet=row.sheet,
                    value=code,
                )
            )
            continue
        values = {k: v for k, v in row.values.items() if k not in ("owning_office", "agency")}
        obj = Enterprise(pk=pk, agency=target, owning_office_id=row.values["owning_office"], **values)
        if clean_row(
            obj, row, exclude=["agency", "owning_office", "parent_enterprise"], errors=result.errors
        ):
            pending.append((replace(row, values={}), obj))  # the values now live in obj: halve the memory
    parsed.items.clear()
    resolver.prefetch(
        [(r.parent_ref, False) for r, _ in pending if r.parent_ref]
        + [(f.ref, f.by_name) for f in parsed.facts]
    )
    parents = resolve_parents(pending, resolver, result.errors)
    facts = plan_facts(resolve_facts(parsed.facts, resolver, result.errors), result)
    # The parent link is compared by the parent's USCC, so it works for parents created by this same import.
    stored = current_values(Enterprise, [o.pk for _, o in pending if o.pk], ["parent_enterprise__uscc"])
    reparent = [
        o
        for row, o in pending
        if "parent" in row.present
        and (stored.get(o.pk, {}).get("parent_enterprise__uscc") or "") != parents.get(o.uscc, "")
    ]
    _finish(result, Enterprise, [(row.present - {"parent"}, o) for row, o in pending], also_changed=reparent)
    if result.errors or dry_run:
        return result
    ids = {
        c: pk
        for c, (pk, _) in enterprises_by_uscc(
            [*(o.uscc for o in reparent), *parents.values(), *(code for code, _ in facts[0])]
        ).items()
    }
    for obj in reparent:
        obj.pk = ids[obj.uscc]
        obj.parent_enterprise_id = ids.get(parents.get(obj.uscc, ""))
    Enterprise.objects.bulk_update(reparent, ["parent_enterprise"], batch_size=500)
    write_facts(facts, ids)
    return result


@transaction.atomic
def risk_facts_import(*, agency: Agency, path: Path | str, dry_run: bool = False) -> ImportResult:
    """A sheet or csv of dated risk facts for enterprises already in `agency`'s registry."""
    result = ImportResult("facts", Path(path).name, agency.name, dry_run)
    parsed = parse_facts(path)
    result.rows, result.errors, result.warnings = parsed.rows, parsed.errors, parsed.warnings
    resolver = EnterpriseResolver(agency, ())
    resolver.prefetch((f.ref, f.by_name) for f in parsed.items)
    facts = plan_facts(resolve_facts(parsed.items, resolver, result.errors), result)
    if not result.errors and not dry_run:
        write_facts(facts, {})
    return result


def _finish(
    result: ImportResult,
    model: type[Model],
    pending: list[tuple[frozenset[str], Model]],
    also_changed: Sequence[Model] = (),
) -> ImportResult:
    """Count and (unless dry run or errors) write `pending`: (present fields, validated object) pairs;
    `also_changed` are existing objects changed in a way `pending` does not show (a new parent link)."""
    if result.errors:
        return result
    new, changed, fields = plan(model, pending)
    touched = {id(o) for o in changed} | {id(o) for o in also_changed if o.pk is not None}
    result.created = len(new)
    result.updated = len(touched)
    result.unchanged = len(pending) - len(new) - len(touched)
    if not result.dry_run:
        write(model, new, changed, fields)
    return result
