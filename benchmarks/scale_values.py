"""Made-up places and sessions for benchmarks/scale.py, as values: no database, no Wagtail page.

Each place is drawn from its id alone (the same id gives the same place on every run and in
every process), then handed to the code a rebuild uses: its record is built by
`directory.records.record_from_row` (the discreet rule applied there), the record part of its
documents by `directory.search.documents.documents_records`, and the documents themselves by the
index declarations' `SearchIndex.documents_of`. The values sit at the ORM paths the declarations
read (`SearchIndex.document_paths`): a path the declarations add later and this module does not
know stops the benchmark with its name rather than writing a document the mapping refuses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import translation
from wagtail.models.sites import SiteRootPath

from core.search.paths import Row
from directory.place_record import Term
from directory.records import record_from_row
from directory.search.documents import documents_records, languages

# (code, French name, Dutch name, latitude, longitude, country): the places gather around them.
COMMUNES = (
    ("62063", "Liège", "Luik", 50.6326, 5.5797, "BE"),
    ("21004", "Bruxelles", "Brussel", 50.8466, 4.3517, "BE"),
    ("92094", "Namur", "Namen", 50.4674, 4.8720, "BE"),
    ("52011", "Charleroi", "Charleroi", 50.4108, 4.4446, "BE"),
    ("53053", "Mons", "Bergen", 50.4542, 3.9567, "BE"),
    ("25072", "Ottignies-Louvain-la-Neuve", "Ottignies-Louvain-la-Neuve", 50.6686, 4.5670, "BE"),
    ("63079", "Verviers", "Verviers", 50.5891, 5.8627, "BE"),
    ("57081", "Tournai", "Doornik", 50.6059, 3.3884, "BE"),
    ("81001", "Arlon", "Aarlen", 49.6833, 5.8167, "BE"),
    ("59350", "Lille", "Rijsel", 50.6292, 3.0573, "FR"),
    ("75056", "Paris", "Parijs", 48.8566, 2.3522, "FR"),
    ("69123", "Lyon", "Lyon", 45.7640, 4.8357, "FR"),
    ("13055", "Marseille", "Marseille", 43.2965, 5.3698, "FR"),
    ("33063", "Bordeaux", "Bordeaux", 44.8378, -0.5792, "FR"),
    ("67482", "Strasbourg", "Straatsburg", 48.5734, 7.7521, "FR"),
    ("44109", "Nantes", "Nantes", 47.2184, -1.5536, "FR"),
)
# (slug, French name, Dutch name): the slugs are the demo's, so that benchmarks ask the same.
PROGRAMMES = (
    (
        "lieux-rencontre-enfants-parents",
        "Lieux de rencontre enfants-parents",
        "Ontmoetingsplaatsen",
    ),
    ("consultations-enfants", "Consultations pour enfants", "Consultaties voor kinderen"),
    ("espaces-rencontre", "Espaces de rencontre", "Bezoekruimten"),
)
OBJECTIVES = (
    ("passerelles", "Passerelles", "Bruggen"),
    ("integration-culturelle", "Intégration culturelle", "Culturele integratie"),
    ("education-permanente", "Éducation permanente", "Permanente vorming"),
    ("soutien-parentalite", "Soutien à la parentalité", "Steun bij het ouderschap"),
    ("socialisation", "Socialisation", "Socialisatie"),
)
LANGUAGES = ("fr", "nl", "ar", "en", "tr", "es")
ACCESS_MODES = (("sans-rendez-vous", "Sans rendez-vous"), ("sur-rendez-vous", "Sur rendez-vous"))
ACCESSIBILITY = (
    ("plain-pied", "De plain-pied", True),
    ("langue-des-signes", "Langue des signes", False),
)
ACCOMPANIMENTS = (("visite-accompagnee", "Visite accompagnée"), ("passage-de-bras", "Passage"))
COURTS = (("tribunal-liege", "Liège"), ("tribunal-lille", "Lille"))
# One espace de rencontre in this many is discreet: what a protection order hides.
DISCREET_EVERY = 7
ROOTS = [SiteRootPath(1, "/home/", "https://rencontres.example", "fr")]
PUBLISHED = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Place:
    """One made-up place: its values at the ORM paths, and what its record's row reads."""

    id: int
    values: dict[str, list]
    row: dict[str, Any]
    terms: dict[tuple[str, int], tuple[Term, ...]]
    sessions: list[dict]


def _picked(rng: random.Random, choices: tuple, most: int) -> list:
    return sorted(rng.sample(choices, rng.randint(1, most)))


def place(place_id: int, sessions_per_place: int = 2, today: date | None = None) -> Place:
    """The place `place_id` (a positive integer) with its sessions ahead."""
    rng = random.Random(place_id)  # noqa: S311 (a place drawn from its id, not a secret)
    code, name_fr, name_nl, latitude, longitude, country = rng.choice(COMMUNES)
    programme = rng.choice(PROGRAMMES)
    discreet = programme[0] == "espaces-rencontre" and place_id % DISCREET_EVERY == 0
    objectives = _picked(rng, OBJECTIVES, 3)
    spoken = ["fr", *_picked(rng, LANGUAGES[1:], 2)]
    modes = _picked(rng, ACCESS_MODES, 1)
    features = _picked(rng, ACCESSIBILITY, 2)
    courts = _picked(rng, COURTS, 1) if programme[0] == "espaces-rencontre" else []
    accompaniments = _picked(rng, ACCOMPANIMENTS, 2) if courts else []
    hours = [
        (day, time(rng.choice((8, 9, 13)), 30), time(rng.choice((12, 16, 17))))
        for day in sorted(rng.sample(range(7), rng.randint(1, 3)))
    ]
    ages = (0, rng.choice((36, 48, 72)))
    title = f"{programme[1]} {name_fr} {place_id}"
    description = f"<p>Un lieu pour jouer, parler et souffler, à {name_fr}.</p>"
    fee = rng.choice(("free", "free", "paid"))
    point = (
        Decimal(f"{latitude + rng.uniform(-0.05, 0.05):.6f}"),
        Decimal(f"{longitude + rng.uniform(-0.07, 0.07):.6f}"),
    )
    waiting = (rng.randint(0, 12), date(2026, 11, 1)) if courts else (None, None)
    values = {
        "title": [title],
        "description": [description],
        "translated_text": [f"{title} {description}"],
        "is_discreet": [discreet],
        "latitude": [point[0]],
        "longitude": [point[1]],
        "commune__latitude": [Decimal(str(latitude))],
        "commune__longitude": [Decimal(str(longitude))],
        "commune__name_fr": [name_fr],
        "commune__name_nl": [name_nl],
        "programmes__slug": [programme[0]],
        "programmes__name_fr": [programme[1]],
        "programmes__name_nl": [programme[2]],
        "objectives__slug": [o[0] for o in objectives],
        "objectives__name_fr": [o[1] for o in objectives],
        "objectives__name_nl": [o[2] for o in objectives],
        "access_modes__slug": [m[0] for m in modes],
        "accessibility__slug": [f[0] for f in features],
        "accessibility__step_free": [f[2] for f in features],
        "accompaniments__slug": [a[0] for a in accompaniments],
        "courts__slug": [c[0] for c in courts],
        "languages__code": spoken,
        "age_min_months": [ages[0]],
        "age_max_months": [ages[1]],
        "fee_kind": [fee],
        "last_published_at": [PUBLISHED],
        "opening_hours__weekday": [h[0] for h in hours],
        "opening_hours__opens": [h[1] for h in hours],
        "opening_hours__closes": [h[2] for h in hours],
        "quality_score": [rng.randint(40, 100)],
        "waiting_weeks": [waiting[0]] if courts else [],
        "waiting_declared_on": [waiting[1]] if courts else [],
    }
    row = {
        "id": place_id,
        "url_path": f"/home/lieux/lieu-{place_id}/",
        "title_in_language": title,
        "description_in_language": description,
        "public_transport_in_language": "Bus 4, arrêt Place du Marché",
        "street_address": f"{rng.randint(1, 200)} rue de la Station",
        "postcode": "4000",
        "country": country,
        "is_discreet": discreet,
        "latitude": point[0],
        "longitude": point[1],
        "phone": "+32 4 123 45 67",
        "email": f"lieu-{place_id}@example.org",
        "website": "",
        "price": "",
        "access_details": "",
        "fee_kind": fee,
        "fee_amount": Decimal("2.50") if fee == "paid" else None,
        "age_min_months": ages[0],
        "age_max_months": ages[1],
        "prior_interview": bool(courts),
        "waiting_weeks": waiting[0],
        "waiting_declared_on": waiting[1],
        "verified_at": None,
        "source_verified_at": None,
        "last_published_at": PUBLISHED,
        "source_last_published_at": PUBLISHED,
        "latest_revision_created_at": PUBLISHED,
        "quality_score": values["quality_score"][0],
        "translation_key": None,
        "commune__code": code,
        "commune__name_fr": name_fr,
        "commune__name_nl": name_nl,
        "commune__latitude": Decimal(str(latitude)),
        "commune__longitude": Decimal(str(longitude)),
        "text_language": "fr",
        "text_origin": "",
        "text_published_at": PUBLISHED,
        "source_published_at": PUBLISHED,
        "text_languages": "fr",
        "photo_count": 0,
    }
    terms = {
        ("programmes", place_id): (Term(programme[0], programme[1], programme[1]),),
        ("objectives", place_id): tuple(Term(o[0], o[1], o[1]) for o in objectives),
        ("access_modes", place_id): tuple(Term(m[0], m[1], m[1]) for m in modes),
        ("languages", place_id): tuple(Term(code, code, code) for code in spoken),
        ("accessibility", place_id): tuple(Term(f[0], f[1], f[1], f[2]) for f in features),
        ("accompaniments", place_id): tuple(Term(a[0], a[1], a[1]) for a in accompaniments),
        ("courts", place_id): tuple(Term(c[0], c[1], c[1], seat=c[1]) for c in courts),
    }
    first_day = today or date(2026, 12, 7)
    sessions = []
    for number in range(sessions_per_place):
        day, opens, closes = hours[number % len(hours)]
        on = first_day + timedelta(
            days=(day - first_day.weekday()) % 7 + 7 * (number // len(hours))
        )
        sessions.append(
            {
                "id": place_id * 100 + number,
                "title": "Accueil libre",
                "start": datetime.combine(on, opens, tzinfo=UTC).isoformat(),
                "end": datetime.combine(on, closes, tzinfo=UTC).isoformat(),
                "url": {
                    code: f"/{code}/lieux/lieu-{place_id}/accueil-libre/" for code in languages()
                },
            }
        )
    return Place(place_id, values, row, terms, sessions)


def at_paths(pk: int, values: dict[str, list], paths: list[str]) -> Row:
    """The `Row` the declarations' builder reads: a path missing here names itself."""
    missing = [path for path in paths if path not in values]
    if missing:
        raise KeyError(f"benchmarks/scale_values.py has no value at {', '.join(missing)}")
    return Row(pk, {path: values[path] for path in paths})


def place_documents(index, places: list[Place]) -> list[tuple[str, dict]]:
    """The places' documents, by the places' index (`directory.search.index.PLACES`)."""
    records = []
    for language in languages():
        with translation.override(language):
            records += [
                record_from_row(p.row, language, p.terms, {}, {}, ROOTS, {}, {}) for p in places
            ]
    paths = index.document_paths()
    rows = [at_paths(p.id, p.values, paths) for p in places]
    sessions = {p.id: p.sessions for p in places}
    return list(index.documents_of(rows, documents_records(records, sessions)))


def session_documents(index, places: list[Place]) -> list[tuple[str, dict]]:
    """The places' sessions' documents, by the sessions' index
    (`activities.search.index.SESSIONS`): each session's place criteria read through its
    place, what is offered through its activity (the place's own terms, here)."""
    paths = index.document_paths()
    rows = []
    for p in places:
        for session in p.sessions:
            start = datetime.fromisoformat(session["start"])
            values = {
                **{f"place__{path}": found for path, found in p.values.items()},
                **{f"activity__{path}": found for path, found in p.values.items()},
                "activity__title": ["Accueil libre"],
                "place_id": [p.id],
                "activity_id": [p.id],
                "date": [start.date()],
                "day": [start.date()],
                "start": [start],
                "end": [datetime.fromisoformat(session["end"])],
                "is_cancelled": [False],
            }
            rows.append(at_paths(session["id"], values, paths))
    return list(index.documents_of(rows))
