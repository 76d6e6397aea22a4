"""How meetings go at the demo's espaces de rencontre (directory.meeting_terms): kinds of
accompaniment, documents to bring, a prior interview, a waiting time declared some weeks ago
(about one in four more than three months ago: shown « à confirmer »), and the court nearest the
place in its country as the court that refers families to it. Drawn from each place's own
stream, apart from the place's other draws, so that adding them changed none of those."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from core.geo import distance_km
from directory.models.meetings import Accompaniment, RequiredDocument
from gazetteer.models import Court

FFER = "espaces-de-rencontre"
WAITING_WEEKS = (2, 4, 6, 8, 13, 17, 26)
# Declared this many days ago; past 92, the declaration is old.
DECLARED_DAYS_AGO = (3, 12, 30, 45, 70, 120, 200)


@dataclass(frozen=True)
class CourtInfo:
    pk: int
    country: str
    latitude: float
    longitude: float


@dataclass
class MeetingCatalogue:
    accompaniments: dict[str, int] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)
    courts: list[CourtInfo] = field(default_factory=list)

    @classmethod
    def load(cls) -> MeetingCatalogue:
        return cls(
            accompaniments=dict(Accompaniment.objects.order_by("slug").values_list("slug", "pk")),
            documents=dict(RequiredDocument.objects.order_by("slug").values_list("slug", "pk")),
            courts=[
                CourtInfo(pk, country, float(latitude), float(longitude))
                for pk, country, latitude, longitude in Court.objects.order_by("slug").values_list(
                    "pk", "commune__country", "latitude", "longitude"
                )
            ],
        )


@dataclass
class DemoMeetings:
    fields: dict
    accompaniment_ids: list[int]
    document_ids: list[int]
    court_ids: list[int]


def nearest_court(courts: list[CourtInfo], country: str, point: tuple[float, float]) -> list[int]:
    found = [c for c in courts if c.country == country]
    if not found:
        return []
    return [min(found, key=lambda c: distance_km(point, (c.latitude, c.longitude))).pk]


def draw_meetings(
    catalogue: MeetingCatalogue, seed: int, index: int, country: str, point, today: date
) -> DemoMeetings:
    rng = random.Random(f"{seed}:{index}:meetings")
    kinds = catalogue.accompaniments
    chosen = [kinds[s] for s in ("rencontres-sur-place",) if s in kinds]
    chosen += [kinds[s] for s in ("passages-de-bras", "sorties-accompagnees") if s in kinds]
    accompaniments = chosen[:1] + [pk for pk in chosen[1:] if rng.random() < 0.5]
    documents = [
        pk
        for slug, pk in catalogue.documents.items()
        if slug in ("decision-du-juge", "piece-identite") or rng.random() < 0.3
    ]
    return DemoMeetings(
        fields={
            "prior_interview": rng.random() < 0.8,
            "waiting_weeks": rng.choice(WAITING_WEEKS),
            "waiting_declared_on": today - timedelta(days=rng.choice(DECLARED_DAYS_AGO)),
        },
        accompaniment_ids=accompaniments,
        document_ids=documents,
        court_ids=nearest_court(catalogue.courts, country, point),
    )
