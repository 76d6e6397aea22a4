"""The HSDS list parameters, read into the places' search (`core.search`): `search` is `q`,
`postcode` is `near`, `proximity` (metres) is `radius_km`, `taxonomy_term_id` is an objective or
a programme, `modified_after` is `modified_after`, `page`/`per_page` the page. So both engines
answer HSDS lists, with the contract's validation; errors name the HSDS parameter."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.search.fields import StrictBooleanField
from core.search.query import MAX_PAGE_SIZE, SearchQuery, filterset_for
from core.search.results import SearchResult
from core.search.service import search
from directory.search.index import PLACES
from opendata.hsds.taxonomy import OBJECTIVES, all_terms, search_values
from opendata.ids import keys_of, record_id

# The places search's parameter names, as HSDS names them.
HSDS_NAMES = {
    "q": "search",
    "near": "postcode",
    "radius_km": "proximity",
    "objective": "taxonomy_term_id",
    "programme": "taxonomy_term_id",
    "modified_after": "modified_after",
    "cursor": "cursor",
    "page": "page",
    "page_size": "per_page",
}
UNKNOWN_ID = _("Identifiant inconnu.")


class HsdsForm(forms.Form):
    """What the places search does not know of: the shape of the answer, and HSDS's own ids."""

    format = forms.ChoiceField(choices=[("json", "json"), ("ndjson", "ndjson")], required=False)
    full = StrictBooleanField(required=False)
    minimal = StrictBooleanField(required=False)
    full_service = StrictBooleanField(required=False)
    proximity = forms.DecimalField(
        required=False, validators=[MinValueValidator(100), MaxValueValidator(200_000)]
    )
    taxonomy_term_id = forms.CharField(required=False, max_length=40)
    taxonomy_id = forms.CharField(required=False, max_length=40)
    organization_id = forms.CharField(required=False, max_length=40)

    def clean_taxonomy_term_id(self):
        value = self.cleaned_data["taxonomy_term_id"].strip()
        if value and search_values(value) is None:
            raise forms.ValidationError(UNKNOWN_ID)
        return value

    def clean_taxonomy_id(self):
        value = self.cleaned_data["taxonomy_id"].strip().lower()
        if value and value not in {record_id("taxonomy", n) for n in (1, 2)}:
            raise forms.ValidationError(UNKNOWN_ID)
        return value

    def clean_organization_id(self):
        value = self.cleaned_data["organization_id"].strip()
        if value and keys_of("organization", value) is None:
            raise forms.ValidationError(UNKNOWN_ID)
        return value


@dataclass(frozen=True)
class HsdsSearch:
    query: SearchQuery
    result: SearchResult
    options: dict


def errors_of(form: forms.Form) -> dict[str, list[str]]:
    return {name: [str(m) for m in messages] for name, messages in form.errors.items()}


def places_params(params: QueryDict, options: dict) -> QueryDict:
    """The places search's query string for these HSDS parameters."""
    translated = QueryDict(mutable=True)
    for ours, theirs in HSDS_NAMES.items():
        if ours in ("objective", "programme", "radius_km"):
            continue
        if theirs in params:
            translated[ours] = params[theirs]
    if options.get("proximity") is not None:
        translated["radius_km"] = str(options["proximity"] / Decimal(1000))
    if options.get("taxonomy_term_id"):
        name, slug = search_values(options["taxonomy_term_id"])
        translated.appendlist(name, slug)
    if options.get("taxonomy_id") == record_id("taxonomy", OBJECTIVES):
        # Any term of the objectives' taxonomy.
        for term in all_terms(options["taxonomy_id"]):
            translated.appendlist("objective", term["code"])
    return translated


def hsds_search(params: QueryDict) -> HsdsSearch | dict[str, list[str]]:
    """The search these HSDS parameters ask for, or the errors by HSDS parameter."""
    form = HsdsForm(params)
    if not form.is_valid():
        return errors_of(form)
    options = form.cleaned_data
    filters = set(HSDS_NAMES.values()) - {"page", "per_page"}
    if options.get("organization_id") and set(params) & filters:
        message = _("organization_id ne se combine pas avec les filtres de recherche.")
        return {"organization_id": [str(message)]}
    filterset = filterset_for(PLACES)(places_params(params, options))
    if not filterset.is_valid():
        errors: dict[str, list[str]] = {}
        for name, messages in filterset.error_details().items():
            errors.setdefault(HSDS_NAMES.get(name, name), []).extend(messages)
        return errors
    query = filterset.to_query()
    return HsdsSearch(query, search(PLACES, query), options)


def page_fields(count: int, query: SearchQuery, size: int) -> dict:
    """The specification's `Page` fields."""
    pages = max(1, -(-count // query.page_size))
    return {
        "total_items": count,
        "total_pages": pages,
        "page_number": query.page,
        "size": size,
        "first_page": query.page == 1,
        "last_page": query.page >= pages,
        "empty": size == 0,
    }


def plain_page(items: list, params: QueryDict) -> dict | dict[str, list[str]]:
    """A list that is not a search (organisations alone, taxonomies, terms), paged the same."""
    form = PagingForm(params)
    if not form.is_valid():
        return errors_of(form)
    page = form.cleaned_data.get("page") or 1
    per_page = form.cleaned_data.get("per_page") or 20
    query = SearchQuery.of(page=page, page_size=per_page)
    contents = items[query.offset : query.offset + per_page]
    return {**page_fields(len(items), query, len(contents)), "contents": contents}


class PagingForm(forms.Form):
    page = forms.IntegerField(required=False, min_value=1, max_value=10**9)
    per_page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)
    format = forms.ChoiceField(choices=[("json", "json")], required=False)
    search = forms.CharField(required=False, max_length=200)
    taxonomy_id = forms.CharField(required=False, max_length=40)
    parent_id = forms.CharField(required=False, max_length=40)
    top_only = StrictBooleanField(required=False)
    full_service = StrictBooleanField(required=False)
    full = StrictBooleanField(required=False)
