"""`/api/hsds/`: Open Referral HSDS 3.0, or 3.1 when the client asks (`?version=3.1`,
opendata.hsds.versions), with the paths and parameters of the specification's `openapi.json`
(branch 3.0). Lists are paged with the specification's `Page` fields; services and
services-at-locations are searched by the places' search (both engines)."""

from __future__ import annotations

from functools import wraps

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from core.absolute import absolute_url
from directory.replacements import moved_permanently, replacement_of
from opendata.hsds import feeds, records, taxonomy, versions
from opendata.hsds.openapi import (
    ITEM,
    LIST_PARAMETERS,
    described,
)
from opendata.hsds.search import HsdsSearch, hsds_search, page_fields, plain_page
from opendata.ids import keys_of, record_id

HSDS_VERSION = versions.DEFAULT

hsds_api = NinjaAPI(
    title="Rencontres — Open Referral HSDS 3.0",
    version=HSDS_VERSION,
    description=_("Les lieux de rencontre au format Open Referral HSDS 3.0 (lecture seule)."),
    urls_namespace="api-hsds",
    openapi_url="/openapi.json",
    docs_url=None,
)


def bad_request(errors: dict) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=400)


def not_found(name: str = "id") -> JsonResponse:
    return JsonResponse(
        {"errors": {name: [_("Aucun enregistrement public ne porte cet identifiant.")]}}, status=404
    )


def absent(request: HttpRequest, kind: str, text: str) -> HttpResponse:
    """A 404; or, for a place merged into another (directory/merging.py), a 301 to the kept
    place's record of the same kind, named in the body as `replaced_by` (docs/duplicates.md)."""
    keys = keys_of(kind, text)
    replacement = replacement_of(keys[0]) if keys else None
    if replacement is None:
        return not_found()
    kept = record_id(kind, replacement.id)
    return moved_permanently(request, kept, kept, replacement.page_url)


def versioned(view):
    """The view answers in the version the client asks for (`request.hsds_version`), or
    says which versions there are."""

    @wraps(view)
    def answer(request: HttpRequest, *args, **kwargs):
        version = versions.asked(request.GET.get("version"))
        if version is None:
            message = _("Versions d'HSDS possibles : %(versions)s.")
            return bad_request({"version": [message % {"versions": ", ".join(versions.PROFILES)}]})
        request.hsds_version = version
        return view(request, *args, **kwargs)

    return answer


def _public(ids: list[int]) -> list[records.HsdsPlace]:
    """The places `ids` the public may see, in that order."""
    public = set(records.public_places().filter(pk__in=ids).values_list("pk", flat=True))
    return records.hsds_places(pk for pk in ids if pk in public)


def _place(kind: str, text: str) -> records.HsdsPlace | None:
    keys = keys_of(kind, text)
    if keys is None:
        return None
    return next(iter(_public([keys[0]])), None)


def _searched_places(found: HsdsSearch) -> list[records.HsdsPlace]:
    return _public([hit.id for hit in found.result.hits])


def _organization_page(request: HttpRequest, render) -> JsonResponse:
    """Only one organisation's service (organization_id), paged like the others."""
    keys = keys_of("organization", request.GET["organization_id"])
    page = plain_page([render(place) for place in _public([keys[0]])], request.GET)
    if "contents" not in page:
        return bad_request(page)
    return JsonResponse(page)


def _search_page(request: HttpRequest, render, kind: str) -> HttpResponse:
    found = hsds_search(request.GET)
    if not isinstance(found, HsdsSearch):
        return bad_request(found)
    if found.options.get("organization_id"):
        return _organization_page(request, render)
    if found.options.get("format") == "ndjson":
        return feeds.ndjson(found, render)
    if found.options.get("minimal"):
        return feeds.minimal(found, kind)
    page_of_changes = feeds.changes(found, render, kind)
    if page_of_changes is not None:
        return page_of_changes
    contents = [render(place, found.options) for place in _searched_places(found)]
    return JsonResponse(
        {**page_fields(found.result.count, found.query, len(contents)), "contents": contents}
    )


@hsds_api.get("/", **described("root"))
@versioned
def root(request: HttpRequest):
    """The version of HSDS this answer follows, its profile and its OpenAPI description."""
    return {
        "version": request.hsds_version,
        "profile": versions.PROFILES[request.hsds_version],
        "openapi_url": absolute_url("/api/hsds/openapi.json"),
    }


def _service_item(version: str):
    def item(place, options: dict | None = None) -> dict:
        options = options or {}
        if options.get("minimal"):
            found = records.service(place, nested=False)
            keys = ("id", "name", "status", "last_modified")
            return {key: found[key] for key in keys if key in found}
        return records.service(place, nested=bool(options.get("full")), version=version)

    return item


@hsds_api.get("/services", **described("services", LIST_PARAMETERS["services"]))
@versioned
def list_services(request: HttpRequest):
    """Services (one per place), searched like the places."""
    return _search_page(request, _service_item(request.hsds_version), "service")


@hsds_api.get("/services/{id}", **described("service", ITEM))
@versioned
def get_service(request: HttpRequest, id: str):
    place = _place("service", id)
    return (
        records.service(place, version=request.hsds_version)
        if place
        else absent(request, "service", id)
    )


def _link_item(version: str):
    def item(place, options: dict | None = None) -> dict:
        full = bool((options or {}).get("full"))
        return records.service_at_location(place, with_service=full, full=full, version=version)

    return item


@hsds_api.get(
    "/service_at_locations", **described("service_at_locations", LIST_PARAMETERS["links"])
)
@versioned
def list_service_at_locations(request: HttpRequest):
    """Services at their locations, searched like the places (`postcode`, `proximity`…)."""
    return _search_page(request, _link_item(request.hsds_version), "service_at_location")


@hsds_api.get("/service_at_locations/{id}", **described("service_at_location", ITEM))
@versioned
def get_service_at_location(request: HttpRequest, id: str):
    place = _place("service_at_location", id)
    return (
        records.service(place, version=request.hsds_version)
        if place
        else absent(request, "service_at_location", id)
    )


@hsds_api.get("/organizations", **described("organizations", LIST_PARAMETERS["organizations"]))
@versioned
def list_organizations(request: HttpRequest):
    full = request.GET.get("full_service", "").lower() in ("true", "1", "yes", "on", "oui")
    if {"cursor", "modified_after"} & set(request.GET) or request.GET.get("format") == "ndjson":
        # Read by changes or whole: through the places' search, as services are.
        return _search_page(
            request,
            lambda place, options: records.organization(place, services=full),
            "organization",
        )
    text = request.GET.get("search", "").strip().lower()
    titles = records.public_places().order_by("title", "pk").values_list("pk", "title")
    places = records.hsds_places(pk for pk, title in titles if text in title.lower())
    version = request.hsds_version
    items = [records.organization(p, services=full, version=version) for p in places]
    page = plain_page(items, request.GET)
    return JsonResponse(page) if "contents" in page else bad_request(page)


@hsds_api.get("/organizations/{id}", **described("organization", ITEM))
@versioned
def get_organization(request: HttpRequest, id: str):
    place = _place("organization", id)
    if place is None:
        return absent(request, "organization", id)
    return records.organization(place, services=True, version=request.hsds_version)


@hsds_api.get("/taxonomies", **described("taxonomies", LIST_PARAMETERS["taxonomies"]))
@versioned
def list_taxonomies(request: HttpRequest):
    text = request.GET.get("search", "").strip().lower()
    items = [t for t in taxonomy.taxonomies() if text in t["name"].lower()]
    page = plain_page(items, request.GET)
    return JsonResponse(page) if "contents" in page else bad_request(page)


@hsds_api.get("/taxonomies/{id}", **described("taxonomy", ITEM))
@versioned
def get_taxonomy(request: HttpRequest, id: str):
    return taxonomy.taxonomy(id) or not_found()


@hsds_api.get("/taxonomy_terms", **described("taxonomy_terms", LIST_PARAMETERS["terms"]))
@versioned
def list_taxonomy_terms(request: HttpRequest):
    """Programmes (top terms) and objectives (under their programme)."""
    params = request.GET
    wanted = params.get("taxonomy_id", "").strip().lower() or None
    if wanted and taxonomy.taxonomy(wanted) is None:
        return bad_request({"taxonomy_id": [_("Identifiant inconnu.")]})
    text = params.get("search", "").strip().lower()
    top_only = params.get("top_only", "").lower() in ("true", "1", "yes", "on", "oui")
    parent = params.get("parent_id", "").strip().lower()
    terms = [
        t
        for t in taxonomy.all_terms(wanted)
        if text in t["name"].lower()
        and not (top_only and "parent_id" in t)
        and (not parent or t.get("parent_id") == parent)
    ]
    page = plain_page(terms, params)
    return JsonResponse(page) if "contents" in page else bad_request(page)


@hsds_api.get("/taxonomy_terms/{id}", **described("taxonomy_term", ITEM))
@versioned
def get_taxonomy_term(request: HttpRequest, id: str):
    return taxonomy.term(id) or not_found()
