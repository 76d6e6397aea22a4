"""What a criterion is: the contract every entry of a criteria table follows, and the values it
declares. A criterion gives its query-string parameters (`Param`: the FilterSet's field, the
OpenAPI description, the search form's `Control`), its SQL filter and what SQL cannot say
(`Exact`), its cluster filter, its fields in the cluster's mapping and their values in
documents; the mechanism (`core.search.query`, `openapi`, `controls`, `index`, the engines)
derives everything from these and nothing else.

The kinds of criteria are in `criteria.py` (`Terms`, `Flag`, `Within`, `Since`),
`child_age.py`, `open_at.py`, `near.py`, `dates.py`, `free_text.py`, `changes.py` and
`minimum.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import django_filters
from django.db.models import Q
from elasticsearch import dsl


@dataclass(frozen=True)
class Control:
    """How a search form asks for a parameter: its `kind` of input (text, search, number,
    select, checkbox, checkboxes, date). Its limits and options are those of the form field the
    FilterSet validates it with (`core.search.controls`). A control that `refines` is one of
    the filters a search is narrowed by, drawn from this table under its `label`."""

    kind: str
    label: str = ""
    refines: bool = False
    # A select's first option, for "any" (the parameter not given).
    blank: str = ""
    # The values offered, when the field takes any in a range (a radius).
    choices: tuple = ()
    # Each option is a language named in itself ("Nederlands"): its value is its `lang`.
    autonyms: bool = False
    # What to write, said under the label ("Par exemple : 3 ans, 18 mois").
    hint: str = ""


@dataclass(frozen=True)
class Param:
    """One query-string parameter: its filter validates it, its description documents it, its
    control asks for it in a form (none: only links and hand-written addresses give it)."""

    name: str
    filter: django_filters.Filter
    description: str
    default: Any = None
    control: Control | None = None


@dataclass(frozen=True)
class Exact:
    """What SQL cannot say, checked in Python on the candidates' `columns`: `measure` gives a
    number (a distance orders results) or None to drop the row."""

    columns: tuple[str, ...]
    measure: Callable[[tuple], float | None]


class Criterion:
    """Base of the criteria. `name` keys the criterion's value in a `SearchQuery`."""

    name: str
    prefix: str = ""
    # Its measure orders results when the index puts the nearest first.
    ranks = False
    # When given, its measure (then the id) is the results' only order (a change feed's).
    orders = False

    def params(self) -> list[Param]:
        raise NotImplementedError

    def value(self, data: dict) -> Any:
        """The query's value from the form's cleaned data; None when the family did not ask."""
        return data.get(self.name)

    def errors(self, data: dict) -> dict[str, str]:
        """Errors between this criterion's parameters, by parameter."""
        return {}

    def where(self, value) -> Q | None:
        return None

    def exact(self, value) -> Exact | None:
        return None

    def holds(self, found: set, value) -> bool:
        """Whether an object whose values at `paths()[0]` are `found` meets `where(value)`: the
        database engine's facets check a ticked facet in Python."""
        raise NotImplementedError

    def clauses(self, value) -> list[dsl.Q]:
        raise NotImplementedError

    def sort(self, value) -> dict | None:
        return None

    def mapping(self) -> dict[str, dsl.Field]:
        raise NotImplementedError

    def document(self, obj) -> dict[str, Any]:
        raise NotImplementedError

    def paths(self) -> list[str]:
        raise NotImplementedError

    def under(self, prefix: str) -> Criterion:
        """The same criterion, read from the related model at `prefix` ("place__")."""
        return replace(self, prefix=prefix + self.prefix)

    def _at(self, path: str) -> str:
        return self.prefix + path
