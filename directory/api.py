"""The public JSON API (/api/v1/): places, GeoJSON, taxonomy, and its OpenAPI description.

Query strings are validated by the search FilterSet, not by django-ninja, so that every bad
parameter answers 400 with a body naming it; the parameters are still described in the schema.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema

from directory.search.params import (
    DEFAULT_PAGE_SIZE,
    DEFAULT_RADIUS_KM,
    MAX_PAGE_SIZE,
    MAX_RADIUS_KM,
    MAX_TEXT_LENGTH,
    PlaceSearchFilterSet,
)
from directory.search.results import PlaceHit, PlaceSearchResult
from directory.search.service import search_places
from gazetteer.lookup import suggest
from objectives.models import Objective, Programme

api = NinjaAPI(
    title="Rencontres",
    version="1",
    description=_("Lieux de rencontre enfants-parents : annuaire, recherche et taxonomie."),
    urls_namespace="api-v1",
    openapi_url="/schema/",
    docs_url=None,
)


class Location(Schema):
    lat: float
    lon: float
    approximate: bool


class NextActivityOut(Schema):
    id: int
    title: str
    url: str
    start: str


class PlaceOut(Schema):
    id: int
    name: str
    url: str
    programmes: list[str]
    objectives: list[str]
    commune: str
    postcode: str
    location: Location
    distance_km: float | None
    next_activity: NextActivityOut | None


class FacetsOut(Schema):
    objectives: dict[str, int]
    programmes: dict[str, int]


class PlaceListOut(Schema):
    count: int
    results: list[PlaceOut]
    facets: FacetsOut
    engine: str


class ErrorOut(Schema):
    errors: dict[str, list[str]]


class ProgrammeOut(Schema):
    slug: str
    name_fr: str
    name_en: str
    country: str
    access_mode: str
    description: str
    url: str


class ObjectiveOut(Schema):
    slug: str
    programme: str
    name_fr: str
    name_en: str
    description: str
    url: str


def _param(name, schema, description, multiple=False):
    if multiple:
        schema = {"type": "array", "items": schema}
    return {
        "in": "query",
        "name": name,
        "required": False,
        "description": description,
        "schema": schema,
        **({"style": "form", "explode": True} if multiple else {}),
    }


SEARCH_PARAMETERS = [
    _param("q", {"type": "string", "maxLength": MAX_TEXT_LENGTH}, "Texte libre"),
    _param(
        "near",
        {"type": "string", "maxLength": MAX_TEXT_LENGTH},
        "Code postal, nom de commune ou « latitude,longitude »",
    ),
    _param(
        "radius_km",
        {
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": MAX_RADIUS_KM,
            "default": DEFAULT_RADIUS_KM,
        },
        "Rayon autour de near, en km",
    ),
    _param("objective", {"type": "string"}, "Slug d'objectif (répétable)", multiple=True),
    _param("programme", {"type": "string"}, "Slug de programme (répétable)", multiple=True),
    _param(
        "age_months", {"type": "integer", "minimum": 0, "maximum": 216}, "Âge de l'enfant en mois"
    ),
    _param(
        "day",
        {"type": "string", "enum": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]},
        "Jour d'ouverture",
    ),
    _param(
        "language", {"type": "string", "minLength": 2, "maxLength": 2}, "Langue parlée (ISO 639-1)"
    ),
    _param("accessible", {"type": "boolean"}, "Accès de plain-pied"),
    _param("page", {"type": "integer", "minimum": 1, "default": 1}, "Page"),
    _param(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
        "Résultats par page",
    ),
]


def bad_request(errors: dict[str, list[str]]) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=400)


def _validated_search(request: HttpRequest) -> PlaceSearchResult | JsonResponse:
    filterset = PlaceSearchFilterSet(request.GET)
    if not filterset.is_valid():
        return bad_request(filterset.error_details())
    query = filterset.to_query()
    result = search_places(query)
    if query.page > 1 and query.offset >= result.count:
        return bad_request(
            {
                "page": [
                    _("Cette page n'existe pas : %(count)d résultats.") % {"count": result.count}
                ]
            }
        )
    return result


def _next_activities(hits: list[PlaceHit]) -> dict[int, dict]:
    from activities.listing import next_sessions_by_place

    return {
        place_id: {
            "id": occurrence.pk,
            "title": occurrence.activity.title,
            "url": occurrence.activity.url,
            "start": occurrence.local_start.isoformat(),
        }
        for place_id, occurrence in next_sessions_by_place([hit.id for hit in hits]).items()
    }


def _place_out(hit: PlaceHit, next_activities: dict[int, dict]) -> dict:
    return {
        "id": hit.id,
        "name": hit.name,
        "url": hit.url,
        "programmes": list(hit.programmes),
        "objectives": list(hit.objectives),
        "commune": hit.commune,
        "postcode": hit.postcode,
        "location": {"lat": hit.latitude, "lon": hit.longitude, "approximate": hit.approximate},
        "distance_km": hit.distance_km,
        "next_activity": next_activities.get(hit.id),
    }


@api.get(
    "/places/",
    response={200: PlaceListOut, 400: ErrorOut},
    openapi_extra={"parameters": SEARCH_PARAMETERS},
    summary="Rechercher des lieux",
)
def list_places(request):
    result = _validated_search(request)
    if isinstance(result, JsonResponse):
        return result
    next_activities = _next_activities(result.hits)
    return {
        "count": result.count,
        "results": [_place_out(hit, next_activities) for hit in result.hits],
        "facets": {"objectives": result.facets.objectives, "programmes": result.facets.programmes},
        "engine": result.engine,
    }


@api.get(
    "/places.geojson",
    response={200: dict, 400: ErrorOut},
    openapi_extra={"parameters": SEARCH_PARAMETERS},
    summary="Les mêmes lieux en GeoJSON",
)
def places_geojson(request):
    result = _validated_search(request)
    if isinstance(result, JsonResponse):
        return result
    features = []
    next_activities = _next_activities(result.hits)
    for hit in result.hits:
        properties = _place_out(hit, next_activities)
        location = properties.pop("location")
        properties["approximate"] = location["approximate"]
        features.append(
            {
                "type": "Feature",
                "id": hit.id,
                "geometry": {"type": "Point", "coordinates": [location["lon"], location["lat"]]},
                "properties": properties,
            }
        )
    return JsonResponse(
        {
            "type": "FeatureCollection",
            "features": features,
            "count": result.count,
            "engine": result.engine,
        },
        content_type="application/geo+json",
    )


class SuggestionOut(Schema):
    value: str
    label: str
    kind: str


@api.get("/suggest/", response={200: list[SuggestionOut], 400: ErrorOut}, summary="Suggestions")
def suggest_places(request, q: str = ""):
    """Communes and postcodes that start like `q`, for the "near" box."""
    if len(q) > MAX_TEXT_LENGTH:
        return bad_request({"q": [_("Texte trop long.")]})
    return [{"value": s.value, "label": s.label, "kind": s.kind} for s in suggest(q.strip())]


@api.get("/programmes/", response=list[ProgrammeOut], summary="Les programmes")
def list_programmes(request):
    return [
        {
            "slug": p.slug,
            "name_fr": p.name_fr,
            "name_en": p.name_en,
            "country": p.country,
            "access_mode": p.access_mode,
            "description": p.description,
            "url": p.get_absolute_url(),
        }
        for p in Programme.objects.all()
    ]


@api.get("/objectives/", response=list[ObjectiveOut], summary="Les objectifs")
def list_objectives(request):
    return [
        {
            "slug": o.slug,
            "programme": o.programme.slug,
            "name_fr": o.name_fr,
            "name_en": o.name_en,
            "description": o.description,
            "url": o.get_absolute_url(),
        }
        for o in Objective.objects.select_related("programme")
    ]


def _register_activities() -> None:
    # Imported here: the activities' API builds on this module's parameter descriptions.
    from activities.api import router

    api.add_router("/activities", router)


_register_activities()
