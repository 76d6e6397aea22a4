"""data·inclusion schema v1 (France's directory of social-inclusion offers) under
`/api/data-inclusion/v1/`: the French places as structures, and their welcome of families as
services, from their public records (directory.records). Discreet places: the commune and its
point only, no address, postcode or e-mail."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from core.countries import Country
from core.fees import FeeKind
from core.search.fields import IsoDateTimeField
from core.search.query import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from core.text import plain_text
from directory.place_record import PlaceRecord
from directory.records import place_records
from directory.search.criteria import public_places
from objectives.models import ReachedBy

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


def opening_hours(place: PlaceRecord) -> str:
    """OpenStreetMap's `opening_hours`: "Mo 09:00-12:00; We 14:00-17:00"."""
    return "; ".join(
        f"{OSM_DAYS[slot.weekday]} {slot.opens:%H:%M}-{slot.closes:%H:%M}"
        for slot in place.opening_hours
    )


def date_modified(place: PlaceRecord):
    moment = place.verified_on or place.revised_at
    return timezone.localdate(moment) if moment else timezone.localdate()


def _where(place: PlaceRecord) -> dict:
    point = place.location
    return {
        "commune": place.commune.name_fr,
        "code_insee": place.commune.code,
        "code_postal": place.postcode,
        "adresse": place.street_address,
        "latitude": point.latitude,
        "longitude": point.longitude,
        "telephone": place.phone,
        "courriel": place.email,
        "horaires_accueil": opening_hours(place),
    }


def structure(place: PlaceRecord) -> dict:
    return _some(
        {
            "source": SOURCE,
            "id": f"{SOURCE}--{place.id}",
            "nom": place.name.rstrip(".")[:150],
            "date_maj": date_modified(place).isoformat(),
            "description": plain_text(place.description),
            "lien_source": place.full_url,
            "site_web": place.website,
            **_where(place),
        }
    )


def service(place: PlaceRecord) -> dict:
    """The place's welcome. Who takes the first step under each of its access modes says how it
    is reached: a family that comes without notice "se présente"; a judge or a professional
    who sends the family makes it "mobilisable par les professionnels", and (in France, where
    these are the espaces de rencontre) about separation and conflicts."""
    reached_by = {mode.reached_by for mode in place.access_modes}
    sent = ReachedBy.PROFESSIONAL in reached_by
    themes = [PARENTING] + ([CONFLICTS] if sent else [])
    ways = ["se-presenter"] if ReachedBy.WALK_IN in reached_by else []
    ways += ["telephoner"] if place.phone else []
    ways += ["envoyer-un-courriel"] if place.email else []
    return _some(
        {
            "source": SOURCE,
            "structure_id": f"{SOURCE}--{place.id}",
            "id": f"{SOURCE}--{place.id}--accueil",
            "nom": place.name.rstrip(".")[:150],
            "description": plain_text(place.description) or place.access_label,
            "lien_source": place.full_url,
            "date_maj": date_modified(place).isoformat(),
            "type": "accompagnement",
            "thematiques": themes,
            "frais": "gratuit" if place.fee_kind == FeeKind.FREE else "payant",
            "frais_precisions": place.fee_text,
            "publics": ["familles"],
            "publics_precisions": _("Enfants %(ages)s, avec un parent.")
            % {"ages": place.ages_text},
            # How meetings go (directory.meeting_terms): v1 has no field of its own for the
            # documents to bring or the prior interview, nor for the waiting time.
            "conditions_acces": " ".join(
                part
                for part in (
                    place.access_text,
                    place.meetings.documents_text,
                    place.meetings.interview_text,
                )
                if part
            ),
            "modes_accueil": ["en-presentiel"],
            "zone_eligibilite": [place.commune.code],
            "modes_mobilisation": ways,
            "mobilisable_par": (["usagers"] if reached_by != {ReachedBy.PROFESSIONAL} else [])
            + (["professionnels"] if sent else []),
            # How to get in, and how long the wait is where the place said.
            "mobilisation_precisions": " ".join(
                part for part in (place.access_label, place.meetings.waiting_text) if part
            ),
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
    places = public_places().filter(country=Country.FRANCE).order_by("title", "pk")
    if form.cleaned_data.get("modified_after"):
        places = places.filter(last_published_at__gt=form.cleaned_data["modified_after"])
    total = places.count()
    ids = list(places[(page - 1) * size : page * size].values_list("pk", flat=True))
    # In French, the language of the places' source pages and of data·inclusion, whatever the
    # request's: the record's texts and this module's own agree.
    with translation.override(settings.LANGUAGE_CODE):
        items = [render(place) for place in place_records(ids)]
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
