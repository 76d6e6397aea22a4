"""The OpenAPI description of an index's query parameters, read from the fields of its FilterSet:
the limits the API documents are the ones it enforces.

The parameters are described, not declared to django-ninja: ninja would validate them itself
and answer 422 in its own words, where the contract wants a 400 naming the parameter.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from core.search.fields import StrictBooleanField
from core.search.query import all_params

NUMBER_FILTER_GUARD = 1e50

if TYPE_CHECKING:
    from core.search.criteria import Param
    from core.search.index import SearchIndex


def field_schema(field: forms.Field) -> dict:
    if isinstance(field, forms.ModelMultipleChoiceField):
        return {"type": "array", "items": {"type": "string"}}
    if isinstance(field, forms.ModelChoiceField):
        column = field.queryset.model._meta.get_field(field.to_field_name or "pk")
        length = getattr(column, "max_length", None)
        return {"type": "string", **({"maxLength": length} if length else {})}
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [value for value, _label in field.choices if value]}
    if isinstance(field, StrictBooleanField):
        return {"type": "boolean"}
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}
    # DecimalField and FloatField are IntegerFields to Django: they go first.
    if isinstance(field, forms.DecimalField | forms.FloatField):
        schema: dict = {"type": "number"}
    elif isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
    else:
        schema = {"type": "string"}
        if getattr(field, "max_length", None):
            schema["maxLength"] = field.max_length
        return schema
    minimums = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
    maximums = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
    if minimums:
        schema["minimum"] = max(minimums)
    # django-filter's own guard against overflows (1e50) is no limit of the contract's.
    if maximums and min(maximums) < NUMBER_FILTER_GUARD:
        schema["maximum"] = min(maximums)
    return schema


def parameter(param: Param) -> dict:
    # A copy: reading `.field` caches a form field on the filter the FilterSets copy.
    schema = field_schema(copy.deepcopy(param.filter).field)
    if param.default is not None:
        schema["default"] = param.default
    described = {
        "in": "query",
        "name": param.name,
        "required": False,
        "description": param.description,
        "schema": schema,
    }
    if schema["type"] == "array":
        described.update(style="form", explode=True)
    return described


def parameters(index: SearchIndex) -> dict:
    """For a route's `openapi_extra`."""
    return {"parameters": [parameter(param) for param in all_params(index)]}
