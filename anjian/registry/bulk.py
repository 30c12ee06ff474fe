"""Bulk writing for imports: full_clean every object, find what really changed, write in batches.

full_clean runs without the per-row queries Django would otherwise make: foreign keys are excluded (the
import assigns them from prefetched ids) and uniqueness is checked by the import against prefetched keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone

from .importing.errors import IMPORT_INVALID_VALUE, RowError, row_error
from .selectors import chunked

M = TypeVar("M", bound=models.Model)
BATCH = 1000


def clean(
    obj: models.Model,
    *,
    exclude: Sequence[str],
    titles: Mapping[str, str],
    file: str,
    sheet: str,
    row: int,
    errors: list[RowError],
) -> bool:
    """full_clean `obj`; each problem becomes a RowError naming the file's column. True when clean."""
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as e:
        for field, messages in e.message_dict.items():
            if field == NON_FIELD_ERRORS:
                column = ""
            else:
                column = titles.get(field) or str(obj._meta.get_field(field).verbose_name)
            errors.append(
                row_error(
                    "import_invalid_value",
                    IMPORT_INVALID_VALUE,
                    file=file,
                    row=row,
                    column=column,
                    sheet=sheet,
                    problem="；".join(messages),
                )
            )
        return False
    return True


def clean_row(obj: models.Model, row: Any, *, exclude: Sequence[str], errors: list[RowError]) -> bool:
    """`clean` for an object built from a parsed row (anything with file, sheet, row and titles)."""
    return clean(
        obj, exclude=exclude, titles=row.titles, file=row.file, sheet=row.sheet, row=row.row, errors=errors
    )


def current_values(model: type[M], ids: Iterable[int], fields: Sequence[str]) -> dict[int, dict[str, object]]:
    """id → {field: stored value} for the given rows, a few thousand ids per query."""
    out: dict[int, dict[str, object]] = {}
    for batch in chunked(list(ids)):
        for values in model._default_manager.filter(pk__in=batch).values("pk", *fields):
            out[values.pop("pk")] = values
    return out


def differs(obj: models.Model, stored: Mapping[str, object], fields: Iterable[str]) -> bool:
    return any(getattr(obj, f) != stored.get(f) for f in fields)


def plan(model: type[M], pending: list[tuple[frozenset[str], M]]) -> tuple[list[M], list[M], list[str]]:
    """(new, changed, fields to update) for (present fields, validated object) pairs: objects without pk are
    new; existing ones count as changed when a present field differs from the database."""
    attnames = {present: [model._meta.get_field(f).attname for f in present] for present, _ in pending}
    compare = sorted({a for names in attnames.values() for a in names})
    stored = current_values(model, [o.pk for _, o in pending if o.pk], compare)
    new = [o for _, o in pending if o.pk is None]
    changed, fields = [], set()
    for present, obj in pending:
        if obj.pk is not None and differs(obj, stored[obj.pk], attnames[present]):
            changed.append(obj)
            fields |= present
    return new, changed, sorted(fields)


def write(model: type[M], new: list[M], changed: list[M], fields: Sequence[str]) -> None:
    """Insert `new`, then update `fields` of `changed` (with updated_at when the model has one)."""
    model._default_manager.bulk_create(new, batch_size=BATCH)
    if not changed:
        return
    fields = list(fields)
    if any(f.name == "updated_at" for f in model._meta.fields):
        now = timezone.now()
        for obj in changed:
            obj.updated_at = now  # type: ignore[attr-defined]
        fields.append("updated_at")
    model._default_manager.bulk_update(changed, fields, batch_size=BATCH // 2)
