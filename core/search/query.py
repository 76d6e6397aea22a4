"""A query string, validated by the FilterSet derived from an index's criteria, becomes a frozen
`SearchQuery`: engines only ever see valid values, and a bad parameter becomes a 400 (or the
map page's form error) that names it."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from core.search.criterion import Param
from core.search.fields import GIVEN_TWICE, IntegerFilter, many_valued

if TYPE_CHECKING:
    from core.search.index import SearchIndex

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

PAGING = [
    Param("page", IntegerFilter(validators=[MinValueValidator(1)]), "Page", default=1),
    Param(
        "page_size",
        IntegerFilter(validators=[MinValueValidator(1), MaxValueValidator(MAX_PAGE_SIZE)]),
        "Résultats par page",
        default=DEFAULT_PAGE_SIZE,
    ),
]


def _name(item: tuple[str, Any]) -> str:
    return item[0]


@dataclass(frozen=True)
class SearchQuery:
    """What a family asked for, already validated: each criterion's value, by name (absent when
    not asked), and the page."""

    values: tuple[tuple[str, Any], ...] = field(default=())
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    # Only these documents, when given: which of a few known ids (new places, new sessions)
    # match a search, answered by either engine. Never from a query string.
    among: tuple[int, ...] | None = None

    @classmethod
    def of(cls, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE, **values) -> SearchQuery:
        given = tuple(sorted(((k, v) for k, v in values.items() if v is not None), key=_name))
        return cls(given, page, page_size)

    def get(self, name: str) -> Any:
        return dict(self.values).get(name)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


class SearchForm(forms.Form):
    """Checks what involves several parameters of one criterion (`to` after `from`)."""

    index: SearchIndex

    def clean(self):
        cleaned_data = super().clean()
        for name, form_field in self.fields.items():
            given = self.data.getlist(name) if hasattr(self.data, "getlist") else ()
            if not many_valued(form_field) and len(given) > 1:
                self.add_error(name, GIVEN_TWICE)
        for criterion in self.index.criteria:
            for name, message in criterion.errors(cleaned_data).items():
                self.add_error(name, message)
        return cleaned_data


class SearchFilterSet(django_filters.FilterSet):
    index: SearchIndex
    form_class: type[SearchForm]

    def __init__(self, data=None, *args, **kwargs):
        kwargs.setdefault("queryset", self.index.model._default_manager.none())
        if data is not None and hasattr(data, "lists"):
            # An empty value is no value ("objective=&objective=passerelles" is one slug), as
            # an empty field of the map page's form is no criterion. A parameter given more
            # than once keeps its values (SearchForm refuses it when it takes one).
            data = data.copy()
            fields = self.form_class.base_fields
            for name, values in list(data.lists()):
                if len(values) == 1 or (name in fields and many_valued(fields[name])):
                    data.setlist(name, [value for value in values if value != ""])
        super().__init__(data, *args, **kwargs)

    def get_form_class(self) -> type[SearchForm]:
        # Made once per index (filterset_for): django-filter would make it, and a form field
        # per filter, at every search.
        return self.form_class

    def to_query(self) -> SearchQuery:
        """The validated parameters; call only when `is_valid()`."""
        data = self.form.cleaned_data
        values = {c.name: c.value(data) for c in self.index.criteria}
        return SearchQuery.of(
            page=data.get("page") or 1,
            page_size=data.get("page_size") or DEFAULT_PAGE_SIZE,
            **values,
        )

    def error_details(self) -> dict[str, list[str]]:
        """Each bad parameter with the reasons, in the contract's parameter names."""
        return {name: [str(message) for message in errors] for name, errors in self.errors.items()}

    def suggestions(self) -> dict[str, list[dict[str, str]]]:
        """What the family may have meant, for each bad parameter that says (`near`: the
        communes found in an address the geocoder could not place)."""
        found = {}
        for name, form_field in self.form.fields.items():
            offered = getattr(form_field, "suggestions", None)
            if offered and name in self.errors:
                found[name] = [{"value": value, "label": label} for value, label in offered]
        return found


def all_params(index: SearchIndex) -> list[Param]:
    return [*(p for criterion in index.criteria for p in criterion.params()), *PAGING]


@cache
def filterset_for(index: SearchIndex) -> type[SearchFilterSet]:
    """The index's FilterSet: one filter per parameter of its criteria, and paging."""
    title = index.name.title()
    form = type(f"{title}SearchForm", (SearchForm,), {"index": index})
    meta = type("Meta", (), {"form": form, "fields": []})
    filterset = type(f"{title}FilterSet", (SearchFilterSet,), {"index": index, "Meta": meta})
    filters = {}
    for param in all_params(index):
        # A copy: the places' and the sessions' FilterSets share the place criteria.
        filters[param.name] = copy.deepcopy(param.filter)
        filters[param.name].field_name = param.name
    filterset.base_filters = filters
    # From copies: a filter keeps the form field it makes, which the FilterSets' own copies of
    # the filters would then copy at every search.
    fields = {name: copy.deepcopy(one).field for name, one in filters.items()}
    filterset.form_class = type(f"{title}SearchForm", (form,), fields)
    return filterset
