"""Resolve references to enterprises — a parent mine, a risk fact's enterprise — by USCC or by exact name,
against the file being imported and the agency's registry, with two queries in all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from anjian.planning.uscc import PATTERN, normalize

from .importing.enterprises import EnterpriseRow
from .importing.errors import (
    IMPORT_AMBIGUOUS_ENTERPRISE,
    IMPORT_SELF_PARENT,
    IMPORT_UNKNOWN_ENTERPRISE,
    RowError,
    row_error,
)
from .importing.risk_facts import FactRow
from .models import Agency, Enterprise
from .selectors import chunked, enterprises_by_uscc

UNKNOWN = "unknown"
AMBIGUOUS = "ambiguous"


def looks_like_uscc(ref: str) -> bool:
    return bool(PATTERN.match(normalize(ref)))


class EnterpriseResolver:
    """`file_rows`: (uscc, name) of the file's enterprises. Call `prefetch` with every reference first."""

    def __init__(self, agency: Agency, file_rows: Iterable[tuple[str, str]]):
        self.agency = agency
        self.file_codes: set[str] = set()
        self.names: dict[str, set[str]] = {}
        for code, name in file_rows:
            self.file_codes.add(code)
            self.names.setdefault(name, set()).add(code)
        self.registry_codes: set[str] = set()

    def prefetch(self, refs: Iterable[tuple[str, bool]]) -> None:
        """`refs`: (reference, by_name). Loads the registry's matching codes and names in bulk."""
        codes, names = set(), set()
        for ref, by_name in refs:
            if by_name or not looks_like_uscc(ref):
                names.add(ref)
            elif normalize(ref) not in self.file_codes:
                codes.add(normalize(ref))
        hits = enterprises_by_uscc(codes)
        self.registry_codes = {c for c, (_, agency_id) in hits.items() if agency_id == self.agency.pk}
        for batch in chunked(sorted(names)):
            rows = Enterprise.objects.filter(agency=self.agency, name__in=batch).values_list("name", "uscc")
            for name, code in rows:
                self.names.setdefault(name, set()).add(code)

    def resolve(self, ref: str, by_name: bool = False) -> tuple[str, str]:
        """(uscc, '') when found; ('', UNKNOWN | AMBIGUOUS) otherwise."""
        if not by_name and looks_like_uscc(ref):
            code = normalize(ref)
            if code in self.file_codes or code in self.registry_codes:
                return code, ""
            return "", UNKNOWN
        candidates = self.names.get(ref, set())
        if len(candidates) == 1:
            return next(iter(candidates)), ""
        return "", AMBIGUOUS if candidates else UNKNOWN


def _reference_error(kind: str, file: str, sheet: str, row: int, column: str, ref: str) -> RowError:
    template = IMPORT_AMBIGUOUS_ENTERPRISE if kind == AMBIGUOUS else IMPORT_UNKNOWN_ENTERPRISE
    return row_error(
        f"import_{kind}_enterprise", template, file=file, row=row, column=column, sheet=sheet, value=ref
    )


def resolve_parents(
    pending: list[tuple[EnterpriseRow, Enterprise]], resolver: EnterpriseResolver, errors: list[RowError]
) -> dict[str, str]:
    """USCC → parent USCC for the rows naming a parent (mine of an attached washing plant)."""
    parents = {}
    for row, obj in pending:
        if not row.parent_ref:
            continue
        column = row.titles.get("parent", "所属煤矿")
        code, problem = resolver.resolve(row.parent_ref)
        if problem:
            errors.append(_reference_error(problem, row.file, row.sheet, row.row, column, row.parent_ref))
        elif code == obj.uscc:
            errors.append(
                row_error(
                    "import_self_parent",
                    IMPORT_SELF_PARENT,
                    file=row.file,
                    row=row.row,
                    column=column,
                    sheet=row.sheet,
                )
            )
        else:
            parents[obj.uscc] = code
    return parents


def resolve_facts(
    facts: list[FactRow], resolver: EnterpriseResolver, errors: list[RowError]
) -> list[FactRow]:
    """The facts with `ref` replaced by the enterprise's USCC; unresolvable ones become errors."""
    resolved = []
    for fact in facts:
        code, problem = resolver.resolve(fact.ref, fact.by_name)
        if problem:
            errors.append(
                _reference_error(problem, fact.file, fact.sheet, fact.row, fact.ref_column, fact.ref)
            )
        else:
            resolved.append(replace(fact, ref=code, by_name=False))
    return resolved
