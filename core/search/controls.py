"""A search form's controls, derived from the criteria table: each parameter that declares a
`Control`, with the limits, options and default of the form field the FilterSet validates it
with, so that a form offers what the search accepts and no limit is written twice (the OpenAPI
description reads the same fields: `core.search.openapi`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from django import forms

from core.search.fields import bounds
from core.search.query import all_params, filterset_for

if TYPE_CHECKING:
    from django.http import QueryDict

    from core.search.criterion import Control
    from core.search.index import SearchIndex


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    # The language the label is written in when it is not the page's (a language's own name).
    lang: str = ""
    selected: bool = False


@dataclass(frozen=True)
class Declared:
    """A parameter with a control, and the form field that validates it."""

    name: str
    control: Control
    field: forms.Field
    default: Any


@cache
def declared_controls(index: SearchIndex) -> tuple[Declared, ...]:
    """The index's parameters that a form asks for, in the table's order."""
    fields = filterset_for(index).form_class.base_fields
    return tuple(
        Declared(param.name, param.control, fields[param.name], param.default)
        for param in all_params(index)
        if param.control is not None
    )


def _text(value) -> str:
    # A radius of 10 km is offered and read back as "10", not "10.0".
    return f"{value:g}" if isinstance(value, float | int) else str(value)


class FormControl:
    """A parameter's control as one request shows it: `value` the text given, `checked` a
    checkbox ticked for a search the form can say (the validated value, not the text:
    "accessible=maybe" is an error, not a yes), `errors` its messages."""

    def __init__(self, declared: Declared, params: QueryDict, cleaned: dict, errors: dict):
        self.declared = declared
        self.name = declared.name
        self.control = declared.control
        self.id = f"field-{declared.name}"
        self.value = params.get(declared.name, "")
        # Every value given, for a repeatable parameter's checkboxes.
        self.values = params.getlist(declared.name) if hasattr(params, "getlist") else []
        self.checked = cleaned.get(declared.name) is True
        self.errors = errors.get(declared.name, [])
        self.minimum, self.maximum = bounds(declared.field)

    @property
    def kind(self) -> str:
        return self.control.kind

    @property
    def label(self) -> str:
        return self.control.label

    @property
    def hint(self) -> str:
        return self.control.hint

    @property
    def hint_id(self) -> str:
        return f"{self.id}-hint" if self.control.hint else ""

    @property
    def max_length(self) -> int | None:
        return getattr(self.declared.field, "max_length", None)

    @cached_property
    def options(self) -> list[Option]:
        """A select's options after its `blank` one, the one given (or else the default)
        selected. Read when a template asks: a vocabulary's rows are a query."""
        field = self.declared.field
        if self.control.choices:
            pairs = [(_text(value), _text(value), "") for value in self.control.choices]
        elif isinstance(field, forms.ModelChoiceField):
            column = field.to_field_name or "pk"
            pairs = []
            # A fresh query: the form class's field is shared, and its queryset would keep the
            # rows of its first reading (a vocabulary term added in the admin never offered).
            for row in field.queryset.all():
                value = str(getattr(row, column))
                pairs.append((value, row.name, value if self.control.autonyms else ""))
        elif isinstance(field, forms.ChoiceField):
            pairs = [(str(value), str(label), "") for value, label in field.choices if value]
        else:
            return []
        default = _text(self.declared.default) if self.declared.default is not None else ""
        chosen = set(self.values) if self.kind == "checkboxes" else {self.value or default}
        return [Option(value, label, lang, value in chosen) for value, label, lang in pairs]


def form_controls(
    index: SearchIndex, params: QueryDict, cleaned: dict, errors: dict
) -> dict[str, FormControl]:
    """The index's controls for a request, by parameter name: `cleaned` the validated values
    (none for a search that failed), `errors` the messages by parameter."""
    return {
        declared.name: FormControl(declared, params, cleaned, errors)
        for declared in declared_controls(index)
    }
