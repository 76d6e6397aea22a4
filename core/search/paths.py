"""ORM paths ("activity__objectives__slug"), read on one object as the database would read
them in a query, so that a criterion is declared once for SQL, for the cluster's documents and
for the documents' prefetching."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model, QuerySet


class Row:
    """An object's values at some paths, read in bulk (`rows_at`): what `values_at` reads on it
    when documents are built without loading model instances."""

    __slots__ = ("pk", "values")

    def __init__(self, pk: Any, values: dict[str, list]):
        self.pk = pk
        self.values = values


def values_at(obj: Any, path: str) -> list:
    """Every value reached from `obj` along `path`; a many-valued step fans out, read from the
    prefetched rows, never from new queries."""
    if isinstance(obj, Row):
        return obj.values.get(path, [])
    items = [obj]
    for part in path.split("__"):
        reached = []
        for item in items:
            if item is None:
                continue
            value = getattr(item, part)
            if callable(getattr(value, "all", None)):
                reached.extend(value.all())
            else:
                reached.append(value)
        items = reached
    return [item for item in items if item is not None]


def fields_along(model: type[Model], path: str) -> list[Field]:
    """The fields `path` crosses from `model`, in order, ending at `pk`, at a column, or before
    an annotation of the index's documents (`SearchIndex.annotate`), which is no field."""
    fields: list[Field] = []
    current = model
    for part in path.split("__"):
        if part == "pk":
            fields.append(current._meta.pk)
            break
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            break
        fields.append(field)
        if not field.is_relation:
            break
        current = field.related_model
    return fields


def many_valued(model: type[Model], path: str) -> bool:
    """Whether `path` crosses a many-to-many or reverse relation (it may reach several values)."""
    return bool(many_valued_steps(model, path))


def many_valued_steps(model: type[Model], path: str) -> list[str]:
    """The paths to each many-to-many or reverse relation `path` crosses, in order."""
    fields = fields_along(model, path)
    parts = path.split("__")
    return [
        "__".join(parts[: position + 1])
        for position, field in enumerate(fields)
        if field.many_to_many or field.one_to_many
    ]


def keyed_rows(model: type[Model], path: str) -> tuple[QuerySet, str, str]:
    """Where to read each object's values at `path`: (rows, the column holding the object's
    key, the path to the value from those rows). A path through a many-to-many field is read
    from its table alone: the model's own tables (a page's two) are not needed."""
    head, _, rest = path.partition("__")
    field = model._meta.get_field(head)
    if field.many_to_many and rest and not field.auto_created:
        rows = field.remote_field.through._default_manager.all()
        return rows, f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}__{rest}"
    return model._default_manager.all(), "pk", path


def rows_at(
    model: type[Model],
    paths: Iterable[str],
    ids: list,
    annotate: Callable[[QuerySet], QuerySet] | None = None,
) -> list[Row]:
    """The objects `ids` of `model` as `Row`s holding their values at `paths`, in a fixed number
    of queries whatever the number of ids: one for every single-valued path, one per
    many-valued relation (each its own join, so that two relations never multiply each other;
    the paths crossing the same single relation share it: "objectives__slug",
    "objectives__name_fr")."""
    singles = sorted({"pk", *(p for p in paths if not many_valued(model, p))})
    by_relation: dict[str, list[str]] = {}
    for path in sorted(set(paths) - set(singles)):
        steps = many_valued_steps(model, path)
        # A path crossing a second relation would multiply its neighbours' rows: on its own.
        by_relation.setdefault(steps[0] if len(steps) == 1 else path, []).append(path)
    chosen = model._default_manager.filter(pk__in=ids).order_by()
    if annotate is not None:
        chosen = annotate(chosen)
    rows: dict[Any, Row] = {}
    at_pk = singles.index("pk")
    for values in chosen.values_list(*singles):
        row = {p: [] if v is None else [v] for p, v in zip(singles, values, strict=True)}
        rows[values[at_pk]] = Row(values[at_pk], row)
    for together in by_relation.values():
        for pk, *values in chosen.values_list("pk", *together):
            if pk not in rows:
                continue
            for path, value in zip(together, values, strict=True):
                if value is not None:
                    rows[pk].values.setdefault(path, []).append(value)
    return [rows[pk] for pk in ids if pk in rows]


def json_value(value: Any) -> Any:
    """A document value as the cluster's JSON takes it."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value
