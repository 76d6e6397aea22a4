"""data·inclusion schema v1 (France's directory of social-inclusion offers) under
`/api/data-inclusion/v1/`: the French places as structures, and their welcome of families as
services. Discreet places (`core.location`): the commune and its point only, no address,
postcode or e-mail."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from core.countries import Country
from core.fees import FeeKind
from core.search.fields import IsoDateTimeField
from core.search.query import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from core.text import plain_text
from directory.freshness import verified_on
from directory.models import PlacePage
from objectives.models import AccessMode
from opendata.hsds.records import places_for_records

SOURCE = "rencontres"
PARENTING = "famille--soutien-a-la-parentalite-et-a-leducation"
CONFLICTS = "famille--surmonter-conflits-separation-violence"
OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")

data_inclusion_api = NinjaAPI(
    title="Rencontres — data·inclusion v1",
    version="1",
    description=_("Les lieux situés en France au schéma data·inclusion v1 (lecture seule)."),
    urls_namespace="api-data-inclusion",
    openapi_url="/openapi.json",
    docs_url=None,
)


class PagingForm(forms.Form):
    page = forms.IntegerField(required=False, min_value=1, max_value=10**9)
    size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)
    modified_after = IsoDateTimeField(required=False)


def _some(record: dict) -> dict:
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def opening_hours(place: PlacePage) -> str:
    """OpenStreetMap's `opening_hours`: "Mo 09:00-12:00; We 14:00-17:00"."""
    return "; ".join(
        f"{OSM_DAYS[slot.weekday]} {slot.opens:%H:%M}-{slot.closes:%H:%M}"
        for slot in place.opening_hours.all()
    )


def date_modified(place: PlacePage):
    moment = verified_on(place) or place.latest_revision_created_at
    return timezone.localdate(moment) if moment else timezone.localdate()


def _where(place: PlacePage) -> dict:
    point = place.public_location
    return {
        "commune": place.commune.name_fr,
        "code_insee": place.commune.code,
        "code_postal": place.public_postcode,
        "adresse": place.public_street_address,
        "latitude": point.latitude,
        "longitude": point.longitude,
        "telephone": place.phone,
        "courriel": place.public_email,
        "horaires_accueil": opening_hours(place),
    }


def structure(place: PlacePage) -> dict:
    return _some(
        {
            "source": SOURCE,
            "id": f"{SOURCE}--{place.pk}",
            "nom": place.title.rstrip(".")[:150],
            "date_maj": date_modified(place).isoformat(),
            "description": plain_text(place.description),
            "lien_source": place.full_url,
            "site_web": place.website,
            **_where(place),
        }
    )


def service(place: PlacePage) -> dict:
    access = AccessMode(place.access_mode)
    themes = [PARENTING] + ([CONFLICTS] if access == AccessMode.REFERRAL else [])
    ways = ["se-presenter"] if access == AccessMode.DROP_IN else []
    ways += ["telephoner"] if place.phone else []
    ways += ["envoyer-un-courriel"] if place.public_email else []
    return _some(
        {
            "source": SOURCE,
            "structure_id": f"{SOURCE}--{place.pk}",
            "id": f"{SOURCE}--{place.pk}--accueil",
            "nom": place.title.rstrip(".")[:150],
            "description": plain_text(place.description) or str(access.label),
            "lien_source": place.full_url,
            "date_maj": date_modified(place).isoformat(),
            "type": "accompagnement",
            "thematiques": themes,
            "frais": "gratuit" if place.fee_kind == FeeKind.FREE else "payant",
            "frais_precisions": place.fee_text,
            "publics": ["familles"],
            "publics_precisions": _("Enfants %(ages)s, avec un parent.")
            % {"ages": place.ages_text},
            "conditions_acces": " ".join(filter(None, [str(access.label), place.access_details])),
            "modes_accueil": ["en-presentiel"],
            "zone_eligibilite": [place.commune.code],
            "modes_mobilisation": ways,
            "mobilisable_par": ["usagers"]
            + (["professionnels"] if access == AccessMode.REFERRAL else []),
            **_where(place),
        }
    )


def _page(request: HttpRequest, render) -> JsonResponse:
    form = PagingForm(request.GET)
    if not form.is_valid():
        errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    page = form.cleaned_data.get("page") or 1
    size = form.cleaned_data.get("size") or DEFAULT_PAGE_SIZE
    places = places_for_records().filter(country=Country.FRANCE).order_by("title", "pk")
    if form.cleaned_data.get("modified_after"):
        places = places.filter(last_published_at__gt=form.cleaned_data["modified_after"])
    total = places.count()
    items = [render(place) for place in places[(page - 1) * size : page * size]]
    return JsonResponse(
        {"items": items, "total": total, "page": page, "size": size, "pages": -(-total // size)}
    )


PARAMETERS = [
    {"in": "query", "name": "page", "required": False, "schema": {"type": "integer", "minimum": 1}},
    {
        "in": "query",
        "name": "size",
        "required": False,
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
    },
    {
        "in": "query",
        "name": "modified_after",
        "required": False,
        "schema": {"type": "string", "format": "date-time"},
    },
]


def _described(summary: str, example: dict) -> dict:
    page = {"items": [example], "total": 1, "page": 1, "size": 20, "pages": 1}
    bad = {"errors": {"size": ["Assurez-vous que cette valeur est inférieure ou égale à 100."]}}
    return {
        "summary": summary,
        "openapi_extra": {
            "parameters": PARAMETERS,
            "responses": {
                200: {"description": summary, "content": {"application/json": {"example": page}}},
                400: {
                    "description": "Paramètre invalide",
                    "content": {"application/json": {"example": bad}},
                },
            },
        },
    }


EXAMPLE_WHERE = {
    "commune": "Lille",
    "code_insee": "59350",
    "code_postal": "59000",
    "adresse": "12 rue des Arts",
    "latitude": 50.63,
    "longitude": 3.06,
    "telephone": "+33320000000",
    "horaires_accueil": "We 14:00-17:00",
}


@data_inclusion_api.get(
    "/structures",
    **_described(
        "Structures (une par lieu en France)",
        {
            "source": SOURCE,
            "id": "rencontres--42",
            "nom": "Maison Arc-en-ciel",
            "date_maj": "2027-02-01",
            **EXAMPLE_WHERE,
        },
    ),
)
def list_structures(request: HttpRequest):
    return _page(request, structure)


@data_inclusion_api.get(
    "/services",
    **_described(
        "Services (l'accueil des familles de chaque lieu en France)",
        {
            "source": SOURCE,
            "structure_id": "rencontres--42",
            "id": "rencontres--42--accueil",
            "nom": "Maison Arc-en-ciel",
            "description": "Espace de rencontre.",
            "date_maj": "2027-02-01",
            "thematiques": [CONFLICTS],
            "frais": "gratuit",
            **EXAMPLE_WHERE,
        },
    ),
)
def list_services(request: HttpRequest):
    return _page(request, service)
