"""The OpenAPI description of an index's query parameters, read from the fields of its FilterSet:
the limits the API documents are the ones it enforces.

The parameters are described, not declared to django-ninja: ninja would validate them itself
and answer 422 in its own words, where the contract wants a 400 naming the parameter.
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from django import forms

from core.search.fields import IsoDateTimeField, StrictBooleanField, bounds, many_valued
from core.search.query import all_params

NO_NUL = "^[^\\x00]*$"

if TYPE_CHECKING:
    from core.search.criterion import Param
    from core.search.index import SearchIndex


def _number(limit):
    # A Decimal limit would be written as a string.
    return float(limit) if isinstance(limit, Decimal) else limit


def field_schema(field: forms.Field) -> dict:
    if many_valued(field):
        return {"type": "array", "items": {"type": "string"}}
    if isinstance(field, forms.ModelChoiceField):
        column = field.queryset.model._meta.get_field(field.to_field_name or "pk")
        length = getattr(column, "max_length", None)
        return {"type": "string", **({"maxLength": length} if length else {})}
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [value for value, _label in field.choices if value]}
    if getattr(field, "pattern", None):
        # The pattern the field itself matches (an age, a time of day), in ECMAScript's words.
        ecma = re.sub(r"\(\?P<\w+>", "(?:", field.pattern)
        return {"type": "string", "pattern": f"^(?:{ecma})$", "maxLength": field.max_length}
    if isinstance(field, StrictBooleanField):
        return {"type": "boolean"}
    if isinstance(field, forms.DateField):
        # The years a query may name (core.search.dates.Dates: 2000 to 2099).
        return {"type": "string", "format": "date", "pattern": "^20[0-9]{2}-"}
    if isinstance(field, IsoDateTimeField):
        return {"type": "string", "format": "date-time", "pattern": "^20[0-9]{2}-"}
    # DecimalField and FloatField are IntegerFields to Django: they go first.
    if isinstance(field, forms.DecimalField | forms.FloatField):
        schema: dict = {"type": "number"}
    elif isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
    else:
        # Text never holds a NUL character (PostgreSQL refuses them: a 400, documented here).
        schema = {"type": "string", "pattern": NO_NUL}
        if getattr(field, "max_length", None):
            schema["maxLength"] = field.max_length
        return schema
    minimum, maximum = bounds(field)
    if minimum is not None:
        schema["minimum"] = _number(minimum)
    if maximum is not None:
        schema["maximum"] = _number(maximum)
    return schema


LIVE_CHOICES = "x-choices-from-index"


def parameter(param: Param, index: SearchIndex | None = None) -> dict:
    # A copy: reading `.field` caches a form field on the filter the FilterSets copy.
    field = copy.deepcopy(param.filter).field
    schema = field_schema(field)
    if param.default is not None:
        schema["default"] = param.default
    described = {
        "in": "query",
        "name": param.name,
        "required": False,
        "description": param.description,
        "schema": schema,
        # An empty value means "not given" (the map page's form sends its empty fields).
        "allowEmptyValue": True,
    }
    if schema["type"] == "array":
        described.update(style="form", explode=True)
    if index is not None and isinstance(field, forms.ModelChoiceField):
        # The slugs and codes are data: `live_choices` lists them when the schema is asked.
        described[LIVE_CHOICES] = index.name
    return described


def parameters(index: SearchIndex, media_type: str | None = None, paging: bool = True) -> dict:
    """For a route's `openapi_extra`; `media_type` when the answer is not plain JSON; no
    `page` or `page_size` for a feed (it ignores them)."""
    params = [p for p in all_params(index) if paging or p.name not in ("page", "page_size")]
    extra: dict = {"parameters": [parameter(param, index) for param in params]}
    if media_type:
        body = {"type": "object"} if media_type.endswith("json") else {"type": "string"}
        extra["responses"] = {200: {"description": "OK", "content": {media_type: {"schema": body}}}}
    return extra


def choice_values(field: forms.ModelChoiceField) -> list[str]:
    column = field.to_field_name or "pk"
    return sorted(str(value) for value in field.queryset.values_list(column, flat=True))


def live_choices(schema: dict) -> dict:
    """Fills the enumerations of the parameters whose values are data (taxonomy slugs, language
    codes) in a generated OpenAPI document, from the database, as the FilterSet checks them."""
    from core.search.index import registered

    fields = {
        (index.name, param.name): copy.deepcopy(param.filter).field
        for index in registered()
        for param in all_params(index)
    }
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for described in operation.get("parameters", []):
                source = described.pop(LIVE_CHOICES, None)
                field = fields.get((source, described["name"]))
                if field is None:
                    continue
                target = described["schema"]
                target = target["items"] if target.get("type") == "array" else target
                values = choice_values(field)
                if values:
                    target["enum"] = values
                else:
                    # A vocabulary with no row yet (no court loaded): no value is valid, which
                    # JSON Schema says with `not: {}` (its enum holds at least one value).
                    target["not"] = {}
    return schema
