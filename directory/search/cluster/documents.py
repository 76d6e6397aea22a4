"""The place document and its index: what the cluster knows of a place.

Only what the public may see goes in: a discreet place is indexed at its commune's point,
without street address, postcode or e-mail.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils.html import strip_tags
from elasticsearch.dsl import (
    Boolean,
    GeoPoint,
    Index,
    Integer,
    Keyword,
    Mapping,
    Text,
    analyzer,
    token_filter,
)

from directory.models import PlacePage

FRENCH_ELISION = token_filter(
    "rencontres_elision",
    type="elision",
    articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
)
FRENCH_STEMMER = token_filter("rencontres_light_french", type="stemmer", language="light_french")
# "Liège", "liege" and "LIÈGE", "crèche" and "creche", "l'enfant" and "enfants" all meet.
FRENCH = analyzer(
    "rencontres_french",
    tokenizer="standard",
    filter=[FRENCH_ELISION, "lowercase", "asciifolding", FRENCH_STEMMER],
)
TEXT_FIELDS = ["name^3", "commune^2", "description", "objective_names", "programme_names"]


def place_mapping() -> Mapping:
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.field("pk", Integer())
    mapping.field("name", Text(analyzer=FRENCH, fields={"sort": Keyword()}))
    mapping.field("description", Text(analyzer=FRENCH))
    mapping.field("commune", Text(analyzer=FRENCH))
    mapping.field("commune_name", Keyword(index=False))
    mapping.field("objective_names", Text(analyzer=FRENCH))
    mapping.field("programme_names", Text(analyzer=FRENCH))
    mapping.field("url", Keyword(index=False))
    mapping.field("postcode", Keyword())
    mapping.field("location", GeoPoint())
    mapping.field("approximate", Boolean())
    mapping.field("programmes", Keyword())
    mapping.field("objectives", Keyword())
    mapping.field("age_min_months", Integer())
    mapping.field("age_max_months", Integer())
    mapping.field("days", Integer())
    mapping.field("languages", Keyword())
    mapping.field("accessible", Boolean())
    return mapping


def index_body(shards: int = 1, replicas: int = 0) -> dict:
    index = Index("unused")
    index.settings(number_of_shards=shards, number_of_replicas=replicas)
    index.mapping(place_mapping())
    return index.to_dict()


def places_to_index() -> QuerySet[PlacePage]:
    """Every place the public can find, with what a document needs in a fixed query count."""
    return (
        PlacePage.objects.live()
        .public()
        .select_related("commune")
        .prefetch_related("programmes", "objectives", "languages", "accessibility", "opening_hours")
        .order_by("pk")
    )


def place_document(place: PlacePage) -> dict:
    latitude, longitude = place.public_location.point
    programmes = list(place.programmes.all())
    objectives = list(place.objectives.all())
    return {
        "pk": place.pk,
        "name": place.title,
        "description": strip_tags(place.description),
        "commune": " ".join(filter(None, [place.commune.name_fr, place.commune.name_nl])),
        "commune_name": place.commune.name_fr,
        "objective_names": " ".join(o.name_fr for o in objectives),
        "programme_names": " ".join(p.name_fr for p in programmes),
        "url": place.url,
        "postcode": place.public_postcode,
        "location": {"lat": latitude, "lon": longitude},
        "approximate": place.public_location.approximate,
        "programmes": sorted(p.slug for p in programmes),
        "objectives": sorted(o.slug for o in objectives),
        "age_min_months": place.age_min_months,
        "age_max_months": place.age_max_months,
        "days": sorted({slot.weekday for slot in place.opening_hours.all()}),
        "languages": sorted(language.code for language in place.languages.all()),
        "accessible": any(feature.step_free for feature in place.accessibility.all()),
    }


def index_operations(index: str, places: Iterable[PlacePage]) -> Iterator[dict]:
    for place in places:
        yield {"index": {"_index": index, "_id": str(place.pk)}}
        yield place_document(place)
