"""Fictional demo places: generated deterministically, written to the database in bulk.

`manage.py seed_demo` drives this module. Every demo place is an ordinary live PlacePage under the
directory root, recognisable by its slug: ``demo-000042-…``, where 000042 is its 1-based index in
the demo set. The place with index *i* is drawn from ``random.Random(f"{seed}:{i}")`` alone, so it
does not depend on how many places are generated: a second run with the same seed finds every
place already there and creates nothing, and a run with a larger count only adds the missing ones.

Wagtail pages are treebeard materialised-path nodes. ``add_child`` costs several queries per page
(it locks, reads the last child, validates, saves, sends signals), far too slow for 100,000 places.
Here paths are computed in memory, and each batch costs a handful of multi-row inserts: the
``wagtailcore_page`` rows, then the ``directory_placepage`` rows (``bulk_create`` refuses
multi-table inheritance, so they go through the queryset's own insert query with the place's local
fields only), then the many-to-many rows, the opening hours and the organiser groups. The search
index is updated at the end, for the new places only.

The text is invented: place names, streets and phone numbers are fictional; descriptions are
written for this module from what the programmes and objectives are about.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import F
from django.utils.text import slugify
from wagtail.models import Page

from core.countries import Country
from directory.models import AccessibilityFeature, Language, OpeningHours, PlaceIndexPage, PlacePage
from directory.roles import organiser_groups_for
from gazetteer.models import Commune, PostalCode
from objectives.models import AccessMode, Programme

DEMO_SLUG_PREFIX = "demo-"
DEMO_SLUG_RE = re.compile(r"^demo-(\d{6})-")
MAX_DEMO_PLACES = 999_999
MAX_JITTER_METRES = 1_990  # "within 2 km" of the commune's centroid, rounding included
METRES_PER_DEGREE = 111_320

# How the places are shared out between access modes; each mode's share is split evenly between
# its programmes. A programme added in the admin with another mode gets a small share.
MODE_SHARES = {AccessMode.DROP_IN: 0.60, AccessMode.APPOINTMENT: 0.20, AccessMode.REFERRAL: 0.20}
OTHER_MODE_SHARE = 0.05
# About 8% of places are discreet, mostly supervised-visit centres.
DISCREET_CHANCE = {AccessMode.REFERRAL: 0.30}
DEFAULT_DISCREET_CHANCE = 0.025
# ONE works in the Fédération Wallonie-Bruxelles: its places sit in Brussels and Wallonia far more
# often than in Flanders.
FLANDERS_WEIGHT = 0.05


# ---------------------------------------------------------------------------------------------
# Word lists


DROP_IN_NAMES = [
    "La Maison des Petits Pas",
    "Le Nid",
    "Espace Parenthèse",
    "Les Petits Bouts",
    "La Bulle",
    "Le Petit Pont",
    "La Cabane",
    "Les Doudous",
    "L'Île aux Enfants",
    "La Ribambelle",
    "Le Jardin des Bambins",
    "Les P'tits Loups",
    "La Roulotte",
    "Le Cocon",
    "La Marelle",
    "Les Lucioles",
    "L'Escargot",
    "Le Tipi",
    "La Courte Échelle",
    "Les Pirouettes",
    "Le Baobab",
    "Le Coin des Familles",
    "La Pause Câline",
    "Les Mille-Pattes",
    "Babillage",
    "Les Cerfs-Volants",
    "L'Arbre à Palabres",
    "Le Petit Jardin",
    "Les Coccinelles",
    "La Parenthèse",
    "Le Manège",
    "La Ruche",
    "Les Galipettes",
    "L'Envol",
    "Au Fil des Bulles",
    "La Maison Ouverte",
    "Le Hamac",
    "Les Petites Mains",
    "La Cerise",
    "Le Cerf-Volant",
]
REFERRAL_NAMES = [
    "Le Trait d'Union",
    "Le Relais",
    "La Passerelle",
    "Le Pont des Familles",
    "L'Escale",
    "Le Lien",
    "La Médiane",
    "Le Fil Rouge",
    "L'Entre-Deux",
    "Le Carrefour",
    "La Boussole",
    "Le Phare",
    "La Maison du Lien",
    "Les Retrouvailles",
    "L'Intervalle",
]
CONSULTATION_SITES = [
    "Centre",
    "Gare",
    "Les Tilleuls",
    "Quartier Nord",
    "Quartier Sud",
    "Cité des Jardins",
    "Maison médicale",
    "Saint-Nicolas",
    "Les Coquelicots",
    "Hôtel de ville",
    "Plaine de jeux",
    "Les Bruyères",
]
STREET_TYPES = ["Rue"] * 8 + ["Avenue"] * 3 + ["Place", "Chaussée", "Boulevard", "Allée", "Quai"]
STREET_TYPES_BE = [*STREET_TYPES, "Chaussée", "Drève", "Clos", "Square"]
STREET_TYPES_FR = [*STREET_TYPES, "Impasse", "Chemin", "Cours"]
STREET_NAMES = [
    "des Tilleuls",
    "de la Station",
    "du Moulin",
    "de l'Église",
    "des Écoles",
    "du Marché",
    "de la Gare",
    "du Centre",
    "des Peupliers",
    "de la Paix",
    "des Champs",
    "du Parc",
    "de la Fontaine",
    "des Prés",
    "du Château",
    "de la Chapelle",
    "de la Liberté",
    "du Pont",
    "des Roses",
    "du Bois",
    "de la Source",
    "Saint-Martin",
    "Saint-Roch",
    "Sainte-Anne",
    "des Hêtres",
    "des Saules",
    "du Calvaire",
    "de la Poste",
    "de l'Industrie",
    "des Mésanges",
    "des Vergers",
    "du Progrès",
    "des Lilas",
    "des Jardins",
    "du Stade",
    "des Acacias",
    "de la Croix",
    "du Tram",
    "des Bateliers",
    "des Glycines",
]
STREET_NAMES_BE = [
    *STREET_NAMES,
    "Albert Ier",
    "Reine Astrid",
    "Jules Destrée",
    "Émile Vandervelde",
    "Léopold II",
    "des Combattants",
    "des Déportés",
    "des Alliés",
    "de la Meuse",
    "de la Sambre",
]
STREET_NAMES_FR = [
    *STREET_NAMES,
    "Jean Jaurès",
    "Victor Hugo",
    "Gambetta",
    "Jean Moulin",
    "de la République",
    "du 8 Mai 1945",
    "du 11 Novembre",
    "Pasteur",
    "Louise Michel",
    "Marie Curie",
]
PRICES = {
    AccessMode.DROP_IN: ["Gratuit"] * 6 + ["Participation libre", "0,50 € par visite"],
    AccessMode.REFERRAL: ["Gratuit"] * 3 + ["Participation selon les revenus des parents"],
    AccessMode.APPOINTMENT: ["Gratuit"],
}
OTHER_LANGUAGES_BE = [
    ("ar", 10),
    ("tr", 5),
    ("en", 8),
    ("es", 3),
    ("it", 3),
    ("pt", 3),
    ("pl", 3),
    ("ro", 3),
    ("ru", 2),
    ("uk", 2),
    ("ln", 3),
    ("sw", 1),
    ("ps", 1),
    ("fa", 1),
    ("ti", 1),
    ("so", 1),
    ("bg", 2),
    ("de", 1),
]
OTHER_LANGUAGES_FR = [("ar", 10), ("en", 8), ("es", 4), ("pt", 4), ("tr", 2), ("it", 2)]
STEP_FREE_SLUG = "plain-pied"


# Descriptions: a few phrasings per objective, in our own words.
OBJECTIVE_SENTENCES = {
    "integration-culturelle": [
        "Des familles venues de partout s'y croisent autour du jeu : chacun peut parler sa "
        "langue et découvrir celle des autres.",
        "L'équipe en a fait un point d'appui pour les familles arrivées depuis peu dans le "
        "quartier.",
    ],
    "dynamisation-de-quartier": [
        "Le lieu vit avec son quartier : les parents s'y retrouvent, s'échangent des adresses "
        "et des savoir-faire, et se sentent moins seuls.",
        "Goûters partagés, balades et fêtes de saison y réunissent les voisins tout au long de "
        "l'année.",
    ],
    "remediation-sociale": [
        "Pendant que les enfants jouent tout près, des parents suivent un atelier de français, "
        "de couture ou de cuisine.",
        "Avec des partenaires de formation, le lieu aide les parents à reprendre un "
        "apprentissage à leur rythme.",
    ],
    "prevention-sante-mentale": [
        "Les accueillantes sont attentives au lien entre le tout-petit et son parent, et aux "
        "premières séparations.",
        "On peut y poser ses questions de parent sans être jugé, et trouver une oreille attentive.",
    ],
    "aide-a-la-jeunesse": [
        "L'équipe soutient les familles qui traversent une période difficile en renforçant les "
        "liens autour de l'enfant.",
        "Quand une famille en a besoin, le lieu l'aide à trouver le bon service, sans formalités.",
    ],
    "passerelles": [
        "Avant la crèche ou l'école, l'enfant s'habitue ici à d'autres visages et le parent "
        "apprend à le laisser s'éloigner un peu.",
        "Des moments de transition en douceur préparent les petits à leur première rentrée.",
    ],
    "education-permanente": [
        "Des rencontres à thème réunissent parents et intervenants : sommeil, écrans, "
        "alimentation, droits des familles…",
        "Les parents y montent ensemble des projets et partagent ce qu'ils vivent.",
    ],
    "promotion-sante-bientraitance": [
        "Le lieu fait partie du projet santé-parentalité de la consultation voisine et travaille "
        "avec la TMS du quartier.",
        "Jeux, comptines, portage : tout est pensé pour que l'enfant grandisse bien et que l'on "
        "prenne plaisir à être ensemble.",
    ],
    "maintien-du-lien": [
        "Des professionnels accompagnent la rencontre entre l'enfant et le parent qu'il voit peu "
        "ou plus du tout, dans un cadre qui le protège.",
        "Les visites se passent dans des salles aménagées pour les enfants, en présence "
        "discrète d'un intervenant.",
    ],
    "remise-de-l-enfant": [
        "Le lieu organise le passage de l'enfant d'un parent à l'autre sans que les adultes "
        "aient à se croiser.",
        "Les remises se font à heure fixe, avec un accueillant qui fait le relais entre les "
        "parents.",
    ],
    "suivi-preventif": [
        "Le médecin et la TMS suivent la croissance, le développement et les vaccins de "
        "l'enfant, gratuitement.",
        "Chaque séance est l'occasion de parler alimentation, sommeil et premiers pas.",
    ],
    "sante-parentalite": [
        "La consultation anime aussi des activités de groupe pour les parents : massage du "
        "bébé, portage, rencontres autour de l'allaitement.",
        "Son projet santé-parentalité s'appuie sur un lieu de rencontre enfants-parents du "
        "quartier.",
    ],
}
INTRO_SENTENCES = {
    AccessMode.DROP_IN: [
        "On y vient avec son enfant ({ages}), sans rendez-vous ni inscription, et l'on reste le "
        "temps que l'on veut.",
        "Un lieu de jeu et de parole pour les enfants ({ages}) et l'adulte qui les accompagne, "
        "ouvert à tous, sans donner son nom.",
        "Les tout-petits ({ages}) y jouent sous le regard de leur parent, pendant que les "
        "adultes prennent le temps de se parler.",
    ],
    AccessMode.REFERRAL: [
        "Un espace neutre où un enfant ({ages}) retrouve l'un de ses parents lorsque la "
        "relation est fragile.",
        "Un lieu tiers et sécurisant qui permet à l'enfant ({ages}) de garder le contact avec "
        "ses deux parents.",
    ],
    AccessMode.APPOINTMENT: [
        "Une consultation préventive pour les enfants ({ages}), avec un médecin et une TMS.",
        "Ici, on suit la santé des enfants ({ages}) de façon régulière, sans frais.",
    ],
}
ACCESS_DETAILS = {
    AccessMode.DROP_IN: [
        "Entrée libre pendant les heures d'accueil, sans inscription.",
        "Il suffit de pousser la porte : c'est anonyme et sans rendez-vous.",
    ],
    AccessMode.REFERRAL: [
        "Sur décision du juge aux affaires familiales ou sur accord des deux parents. Un "
        "entretien préalable a lieu avant la première visite.",
        "Les familles sont orientées par le tribunal ou viennent d'un commun accord ; premier "
        "contact par téléphone.",
    ],
    AccessMode.APPOINTMENT: [
        "Sur rendez-vous, à prendre par téléphone auprès de la TMS.",
        "Rendez-vous par téléphone ; les séances sont gratuites.",
    ],
}
DISCREET_NOTE = (
    "Pour la sécurité des familles, l'adresse n'est pas publiée : elle est donnée par téléphone."
)


# ---------------------------------------------------------------------------------------------
# What the generator draws from


class CommuneInfo(NamedTuple):
    pk: int
    name: str
    code: str
    country: str
    latitude: float
    longitude: float


class ObjectiveInfo(NamedTuple):
    pk: int
    slug: str
    name: str


class ProgrammeInfo(NamedTuple):
    pk: int
    slug: str
    country: str
    access_mode: str
    objectives: tuple[ObjectiveInfo, ...]


@dataclass
class Catalogue:
    """The real rows the demo places point at, loaded once, in a stable order."""

    programmes: list[ProgrammeInfo]
    programme_weights: list[float]
    communes: dict[str, list[CommuneInfo]]
    commune_cum_weights: dict[str, list[float]]
    postcodes: dict[int, list[str]]
    languages: dict[str, tuple[int, str]]  # ISO code -> (pk, French name)
    features: list[tuple[int, str]]  # (pk, slug)
    skipped_programmes: list[str] = field(default_factory=list)

    @classmethod
    def load(cls) -> Catalogue:
        communes: dict[str, list[CommuneInfo]] = {}
        for row in Commune.objects.order_by("country", "code", "pk").values_list(
            "pk", "name_fr", "code", "country", "latitude", "longitude"
        ):
            info = CommuneInfo(row[0], row[1], row[2], row[3], float(row[4]), float(row[5]))
            communes.setdefault(info.country, []).append(info)
        commune_cum_weights = {
            country: list(accumulate(commune_weight(c) for c in rows))
            for country, rows in communes.items()
        }
        postcodes: dict[int, list[str]] = {}
        for commune_id, code in (
            PostalCode.objects.filter(commune__isnull=False)
            .order_by("commune_id", "code", "locality")
            .values_list("commune_id", "code")
        ):
            codes = postcodes.setdefault(commune_id, [])
            if code not in codes:
                codes.append(code)

        programmes, skipped = [], []
        for programme in Programme.objects.prefetch_related("objectives").order_by(
            "sort_order", "slug"
        ):
            if programme.country not in communes:
                skipped.append(programme.slug)
                continue
            objectives = tuple(
                ObjectiveInfo(o.pk, o.slug, o.name_fr)
                for o in sorted(programme.objectives.all(), key=lambda o: (o.sort_order, o.slug))
            )
            programmes.append(
                ProgrammeInfo(
                    programme.pk,
                    programme.slug,
                    programme.country,
                    programme.access_mode,
                    objectives,
                )
            )
        per_mode: dict[str, int] = {}
        for programme in programmes:
            per_mode[programme.access_mode] = per_mode.get(programme.access_mode, 0) + 1
        weights = [
            MODE_SHARES.get(p.access_mode, OTHER_MODE_SHARE) / per_mode[p.access_mode]
            for p in programmes
        ]
        return cls(
            programmes=programmes,
            programme_weights=weights,
            communes=communes,
            commune_cum_weights=commune_cum_weights,
            postcodes=postcodes,
            languages={
                code: (pk, name)
                for pk, code, name in Language.objects.order_by("code").values_list(
                    "pk", "code", "name_fr"
                )
            },
            features=list(AccessibilityFeature.objects.order_by("slug").values_list("pk", "slug")),
            skipped_programmes=skipped,
        )


def in_wallonia_brussels(commune: CommuneInfo) -> bool:
    """Brussels and Wallonia, from the Belgian NIS code (its first digits name the province)."""
    code = commune.code
    if not code.isdigit() or len(code) != 5:
        return True
    return code[:2] in {"21", "25"} or code[0] in {"5", "6", "8", "9"}


def commune_weight(commune: CommuneInfo) -> float:
    if commune.country == Country.BELGIUM and not in_wallonia_brussels(commune):
        return FLANDERS_WEIGHT
    return 1.0


# ---------------------------------------------------------------------------------------------
# Generation


@dataclass
class DemoPlace:
    """One place, fully drawn, not yet saved."""

    index: int
    title: str
    slug: str
    fields: dict  # PlacePage's own fields
    programme_ids: list[int]
    objective_ids: list[int]
    language_ids: list[int]
    feature_ids: list[int]
    hours: list[tuple[int, time, time]]
    first_published_at: datetime
    last_published_at: datetime


def demo_slug(index: int, title: str) -> str:
    return f"{DEMO_SLUG_PREFIX}{index + 1:06d}-{slugify(title)}"[:120].rstrip("-")


def demo_index(slug: str) -> int | None:
    match = DEMO_SLUG_RE.match(slug)
    return int(match.group(1)) - 1 if match else None


def of_commune(name: str) -> str:
    """'de Namur', "d'Anderlecht", 'du Roeulx', 'des Bons Villers'."""
    if name.startswith("Le "):
        return f"du {name[3:]}"
    if name.startswith("Les "):
        return f"des {name[4:]}"
    if name[:1].upper() in "AEIOUYÉÈÊÂÎÔÛ":
        return f"d'{name}"
    return f"de {name}"


def ages_text(minimum: int, maximum: int) -> str:
    def years(months: int) -> str:
        if months % 12:
            return f"{months} mois"
        count = months // 12
        return f"{count} an" if count == 1 else f"{count} ans"

    if minimum == 0:
        return f"de la naissance à {years(maximum)}"
    return f"de {years(minimum)} à {years(maximum)}"


def join_words(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} et {words[-1]}"


class DemoPlaceGenerator:
    """Draws place number *i* from its own seeded stream, so every place is reproducible alone."""

    def __init__(self, catalogue: Catalogue, seed: int, now: datetime):
        if not catalogue.programmes:
            raise ValueError("no programme has communes in its country")
        self.catalogue = catalogue
        self.seed = seed
        self.now = now
        self.programme_cum_weights = list(accumulate(catalogue.programme_weights))
        self.fakers = _fakers()

    def generate(self, index: int) -> DemoPlace:
        rng = random.Random(f"{self.seed}:{index}")  # noqa: S311 - fiction, not secrets
        cat = self.catalogue

        primary = rng.choices(cat.programmes, cum_weights=self.programme_cum_weights)[0]
        programmes = [primary]
        companion = self._companion_mode(primary.access_mode)
        if companion and rng.random() < companion[1]:
            candidates = [
                p
                for p in cat.programmes
                if p.access_mode == companion[0] and p.country == primary.country
            ]
            if candidates:
                programmes.append(rng.choice(candidates))
        mode = primary.access_mode
        country = primary.country

        commune = rng.choices(cat.communes[country], cum_weights=cat.commune_cum_weights[country])[
            0
        ]
        title, short_name = self._title(rng, primary, commune)
        slug = demo_slug(index, title)

        objectives = self._objectives(rng, programmes)
        age_min, age_max = self._ages(rng, mode)
        languages = self._languages(rng, country)
        is_discreet = rng.random() < DISCREET_CHANCE.get(mode, DEFAULT_DISCREET_CHANCE)
        latitude, longitude = jitter(rng, commune.latitude, commune.longitude)
        postcodes = cat.postcodes.get(commune.pk)
        if postcodes:
            postcode = rng.choice(postcodes)
        elif country == Country.BELGIUM:
            postcode = str(rng.randint(1000, 9999))
        else:
            postcode = str(rng.randint(10000, 95999))
        domain = f"{slugify(short_name)[:40]}-{slugify(commune.name)[:40]}.example".strip("-")
        email = f"{rng.choice(['accueil', 'contact', 'info'])}@{domain}"
        description = self._description(rng, mode, objectives, age_min, age_max, languages)
        access_details = rng.choice(ACCESS_DETAILS.get(mode, ACCESS_DETAILS[AccessMode.DROP_IN]))
        if is_discreet:
            access_details = f"{access_details} {DISCREET_NOTE}"

        first_published_at = self.now - timedelta(days=rng.uniform(30, 1500))
        last_published_at = first_published_at + (self.now - first_published_at) * rng.random()

        fields = {
            "description": description,
            "street_address": self._street(rng, country),
            "postcode": postcode,
            "commune_id": commune.pk,
            "country": country,
            "latitude": latitude,
            "longitude": longitude,
            "is_discreet": is_discreet,
            "phone": phone_number(rng, commune),
            "email": "" if is_discreet else email,
            "website": f"https://{domain}/" if not is_discreet and rng.random() < 0.4 else "",
            "age_min_months": age_min,
            "age_max_months": age_max,
            "price": rng.choice(PRICES.get(mode, ["Gratuit"])),
            "access_mode": mode,
            "access_details": access_details,
        }
        return DemoPlace(
            index=index,
            title=title,
            slug=slug,
            fields=fields,
            programme_ids=[p.pk for p in programmes],
            objective_ids=[o.pk for o in objectives],
            language_ids=[cat.languages[code][0] for code in languages],
            feature_ids=self._features(rng),
            hours=self._hours(rng, mode),
            first_published_at=first_published_at,
            last_published_at=last_published_at,
        )

    @staticmethod
    def _companion_mode(mode: str) -> tuple[str, float] | None:
        # A consultation often carries a drop-in place in its santé-parentalité project; a few
        # drop-in places are run with a consultation.
        if mode == AccessMode.APPOINTMENT:
            return AccessMode.DROP_IN, 0.3
        if mode == AccessMode.DROP_IN:
            return AccessMode.APPOINTMENT, 0.1
        return None

    def _title(
        self, rng: random.Random, programme: ProgrammeInfo, commune: CommuneInfo
    ) -> tuple[str, str]:
        mode = programme.access_mode
        if mode == AccessMode.APPOINTMENT:
            service = (
                "Consultation ONE" if programme.country == Country.BELGIUM else "Consultation PMI"
            )
            if rng.random() < 0.5:
                return f"{service} {of_commune(commune.name)}", service
            site = rng.choice(CONSULTATION_SITES)
            return f"{service} {of_commune(commune.name)} – {site}", f"{service} {site}"
        if mode == AccessMode.REFERRAL:
            name = rng.choice(REFERRAL_NAMES)
            if rng.random() < 0.5:
                return f"Espace de rencontre {name} – {commune.name}", name
            return f"{name}, espace de rencontre {of_commune(commune.name)}", name
        name = rng.choice(DROP_IN_NAMES)
        if rng.random() < 0.6:
            return f"{name} – {commune.name}", name
        return f"{name} {of_commune(commune.name)}", name

    @staticmethod
    def _objectives(rng: random.Random, programmes: list[ProgrammeInfo]) -> list[ObjectiveInfo]:
        primary, others = programmes[0], programmes[1:]
        wanted = rng.choices([1, 2, 3], weights=[35, 40, 25])[0]
        chosen: list[ObjectiveInfo] = []
        if primary.objectives:
            chosen.append(rng.choice(primary.objectives))
        pool = [o for p in [primary, *others] for o in p.objectives if o not in chosen]
        chosen += rng.sample(pool, min(len(pool), wanted - len(chosen)))
        return sorted(chosen)

    @staticmethod
    def _ages(rng: random.Random, mode: str) -> tuple[int, int]:
        if mode == AccessMode.REFERRAL:
            return 0, rng.choice([144, 216, 216])
        if mode == AccessMode.APPOINTMENT:
            return 0, 72
        return 0, rng.choice([36, 36, 36, 48, 72])

    def _languages(self, rng: random.Random, country: str) -> list[str]:
        available = self.catalogue.languages
        codes = ["fr"]
        if country == Country.BELGIUM and rng.random() < 0.15:
            codes.append("nl")
        others = OTHER_LANGUAGES_BE if country == Country.BELGIUM else OTHER_LANGUAGES_FR
        for _ in range(rng.choices([0, 1, 2], weights=[50, 35, 15])[0]):
            code = rng.choices([c for c, _w in others], weights=[w for _c, w in others])[0]
            if code not in codes:
                codes.append(code)
        return [code for code in codes if code in available]

    def _features(self, rng: random.Random) -> list[int]:
        features = self.catalogue.features
        chosen = [pk for pk, slug in features if slug == STEP_FREE_SLUG and rng.random() < 0.6]
        others = [pk for pk, slug in features if slug != STEP_FREE_SLUG]
        chosen += rng.sample(others, min(len(others), rng.choices([0, 1, 2], [50, 35, 15])[0]))
        return sorted(chosen)

    @staticmethod
    def _hours(rng: random.Random, mode: str) -> list[tuple[int, time, time]]:
        if mode == AccessMode.REFERRAL:
            days = [2, 2, 4, 5, 5, 6]
            halves = [(time(10, 0), time(12, 30)), (time(14, 0), time(18, 0))]
        elif mode == AccessMode.APPOINTMENT:
            days = [0, 1, 2, 3, 4]
            halves = [(time(9, 0), time(12, 0)), (time(13, 30), time(16, 30))]
        else:
            days = [0, 1, 1, 2, 2, 3, 3, 4, 5]
            halves = [
                (rng.choice([time(9, 0), time(9, 30)]), rng.choice([time(11, 30), time(12, 0)])),
                (rng.choice([time(13, 30), time(14, 0)]), rng.choice([time(16, 30), time(17, 0)])),
            ]
        wanted = rng.choices([1, 2, 3, 4], weights=[20, 35, 30, 15])[0]
        slots: set[tuple[int, int]] = set()
        while len(slots) < wanted:
            slots.add((rng.choice(days), rng.randrange(2)))
        return [(day, *halves[half]) for day, half in sorted(slots)]

    def _street(self, rng: random.Random, country: str) -> str:
        number = rng.choices(
            [rng.randint(1, 30), rng.randint(31, 150), rng.randint(151, 400)], [60, 30, 10]
        )[0]
        if country == Country.FRANCE:
            kind = rng.choice(STREET_TYPES_FR)
            name = self._street_name(rng, STREET_NAMES_FR, "fr_FR")
            return f"{number} {kind.lower()} {name}"
        kind = rng.choice(STREET_TYPES_BE)
        name = self._street_name(rng, STREET_NAMES_BE, "fr_BE")
        return f"{kind} {name} {number}"

    def _street_name(self, rng: random.Random, names: list[str], locale: str) -> str:
        if rng.random() < 0.25:
            # Streets named after someone: a person's name drawn by Faker from our stream.
            faker = self.fakers[locale]
            faker.random = rng
            return f"{faker.first_name()} {faker.last_name()}"
        return rng.choice(names)

    def _description(
        self,
        rng: random.Random,
        mode: str,
        objectives: list[ObjectiveInfo],
        age_min: int,
        age_max: int,
        languages: list[str],
    ) -> str:
        intro = rng.choice(INTRO_SENTENCES.get(mode, INTRO_SENTENCES[AccessMode.DROP_IN]))
        sentences = [intro.format(ages=ages_text(age_min, age_max))]
        for objective in objectives:
            phrasings = OBJECTIVE_SENTENCES.get(objective.slug)
            if phrasings:
                sentences.append(rng.choice(phrasings))
            else:
                sentences.append(
                    f"Le lieu travaille en particulier l'objectif « {objective.name} »."
                )
        names = [self.catalogue.languages[code][1] for code in languages]
        paragraphs = [" ".join(sentences)]
        if names:
            paragraphs.append(f"Langues parlées par l'équipe : {join_words(names)}.")
        return "".join(f"<p>{escape_text(p)}</p>" for p in paragraphs)


def escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def jitter(rng: random.Random, latitude: float, longitude: float) -> tuple[Decimal, Decimal]:
    """A point at most 2 km from the given one, uniformly spread over the disc."""
    distance = MAX_JITTER_METRES * math.sqrt(rng.random())
    bearing = rng.uniform(0, 2 * math.pi)
    dlat = distance * math.cos(bearing) / METRES_PER_DEGREE
    dlon = distance * math.sin(bearing) / (METRES_PER_DEGREE * math.cos(math.radians(latitude)))
    lat = min(90.0, max(-90.0, latitude + dlat))
    lon = (longitude + dlon + 180.0) % 360.0 - 180.0
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


BE_AREA_CODES = {
    "21": ["02"],
    "23": ["02", "016"],
    "24": ["016"],
    "25": ["010"],
    "1": ["03", "014", "015"],
    "3": ["050", "056", "058", "059"],
    "4": ["09", "053", "052"],
    "5": ["064", "065", "068", "069", "071"],
    "6": ["04", "085", "086", "087"],
    "7": ["011", "089"],
    "8": ["061", "063", "084"],
    "9": ["081", "082", "083"],
}
FR_PARIS_REGION = {"75", "77", "78", "91", "92", "93", "94", "95"}
FR_NORTH_WEST = set("14 18 22 27 28 29 35 36 37 41 44 45 49 50 53 56 61 72 76 85 974 976".split())
FR_NORTH_EAST = set("02 08 10 21 25 39 51 52 54 55 57 58 59 60 62 67 68 70 71 80 88 89 90".split())
FR_SOUTH_EAST = set(
    "01 03 04 05 06 07 11 13 15 26 2A 2B 30 34 38 42 43 48 63 66 69 73 74 83 84".split()
)


def phone_number(rng: random.Random, commune: CommuneInfo) -> str:
    """A fictional number in the national format of the commune's country and area."""

    def digits(count: int) -> str:
        return "".join(str(rng.randrange(10)) for _ in range(count))

    if commune.country == Country.FRANCE:
        if rng.random() < 0.2:
            prefix = rng.choice(["06", "07"])
        else:
            department = commune.code[:2]
            prefix = (
                "01"
                if department in FR_PARIS_REGION
                else "02"
                if department in FR_NORTH_WEST
                else "03"
                if department in FR_NORTH_EAST
                else "04"
                if department in FR_SOUTH_EAST
                else "05"
            )
        return f"{prefix} {digits(2)} {digits(2)} {digits(2)} {digits(2)}"
    if rng.random() < 0.25:
        return f"04{rng.choice('789')}{digits(1)} {digits(2)} {digits(2)} {digits(2)}"
    code = commune.code
    areas = BE_AREA_CODES.get(code[:2]) or BE_AREA_CODES.get(code[:1]) or ["02"]
    area = rng.choice(areas)
    if len(area) == 2:
        return f"{area} {rng.randint(2, 9)}{digits(2)} {digits(2)} {digits(2)}"
    return f"{area} {rng.randint(2, 9)}{digits(1)} {digits(2)} {digits(2)}"


def _fakers() -> dict:
    try:
        from faker import Faker
    except ImportError as error:  # pragma: no cover - Faker ships with the dev dependencies
        raise ImportError("The demo data needs Faker: install the 'faker' package.") from error
    return {"fr_BE": Faker("fr_BE"), "fr_FR": Faker("fr_FR")}


# ---------------------------------------------------------------------------------------------
# Writing


def directory_root() -> PlaceIndexPage | None:
    return PlaceIndexPage.objects.order_by("path").first()


def demo_pages(parent: Page):
    """The demo places under the directory root (their base Page rows)."""
    return Page.objects.child_of(parent).filter(slug__startswith=DEMO_SLUG_PREFIX)


def existing_demo_slugs(parent: Page) -> dict[int, str]:
    found = {}
    for slug in demo_pages(parent).values_list("slug", flat=True).iterator(chunk_size=10_000):
        index = demo_index(slug)
        if index is not None:
            found[index] = slug
    return found


def bulk_insert(model, fields: Sequence, rows: Iterable[Sequence], using: str) -> None:
    """INSERT many rows with one prepared statement (``executemany``).

    Much cheaper than ``bulk_create`` for large batches: the SQL is compiled once rather than once
    per few dozen rows, and the values are still converted by each field for the database.
    """
    connection = connections[using]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Identifiers come from the model's own metadata, quoted; every value is a parameter.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    params = [
        [f.get_db_prep_save(value, connection) for f, value in zip(fields, row, strict=True)]
        for row in rows
    ]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)


def instance_rows(fields: Sequence, objs: Iterable) -> Iterator[list]:
    for obj in objs:
        yield [f.pre_save(obj, True) for f in fields]


class PlaceWriter:
    """Inserts batches of demo places under the directory root, a few queries per batch."""

    def __init__(self, parent: Page):
        self.parent = parent
        self.depth = parent.depth + 1
        self.content_type_id = ContentType.objects.get_for_model(PlacePage).pk
        self.db = router.db_for_write(PlacePage)
        self.page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        self.place_fields = list(PlacePage._meta.local_concrete_fields)
        self.relations = []
        for name, ids_of in (
            ("programmes", lambda place: place.programme_ids),
            ("objectives", lambda place: place.objective_ids),
            ("languages", lambda place: place.language_ids),
            ("accessibility", lambda place: place.feature_ids),
        ):
            m2m = PlacePage._meta.get_field(name)
            through = m2m.remote_field.through
            fields = [
                through._meta.get_field(m2m.m2m_field_name()),
                through._meta.get_field(m2m.m2m_reverse_field_name()),
            ]
            self.relations.append((through, fields, ids_of))
        self.hours_fields = [
            OpeningHours._meta.get_field(name)
            for name in ("place", "sort_order", "weekday", "opens", "closes")
        ]

    def _next_step(self) -> int:
        last = (
            Page.objects.filter(path__startswith=self.parent.path, depth=self.depth)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        return Page._str2int(last[-Page.steplen :]) + 1 if last else 1

    def write(self, places: Sequence[DemoPlace]) -> list[Page]:
        """Save the places as live pages; returns their base Page rows, with ids."""
        if not places:
            return []
        with transaction.atomic(using=self.db):
            # Lock the parent (PostgreSQL) so that concurrent writers cannot take the same paths.
            Page.objects.select_for_update().filter(pk=self.parent.pk).values_list("pk").first()
            step = self._next_step()
            if step + len(places) > len(Page.alphabet) ** Page.steplen:
                raise ValueError("the directory root has no room left for more children")
            pages = [self._page(place, step + offset) for offset, place in enumerate(places)]
            bulk_insert(Page, self.page_fields, instance_rows(self.page_fields, pages), self.db)
            ids = dict(
                Page.objects.filter(
                    depth=self.depth, path__gte=pages[0].path, path__lte=pages[-1].path
                ).values_list("path", "pk")
            )
            for page in pages:
                page.pk = ids[page.path]
                page._state.adding = False
                page._state.db = self.db
            rows = [
                PlacePage(page_ptr_id=page.pk, **place.fields)
                for place, page in zip(places, pages, strict=True)
            ]
            bulk_insert(
                PlacePage, self.place_fields, instance_rows(self.place_fields, rows), self.db
            )
            self._insert_relations(places, pages)
            Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + len(pages))
            organiser_groups_for(pages)
        return pages

    def _page(self, place: DemoPlace, step: int) -> Page:
        return Page(
            path=Page._get_path(self.parent.path, self.depth, step),
            depth=self.depth,
            numchild=0,
            title=place.title,
            draft_title=place.title,
            slug=place.slug,
            url_path=f"{self.parent.url_path}{place.slug}/",
            content_type_id=self.content_type_id,
            locale_id=self.parent.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=place.first_published_at,
            last_published_at=place.last_published_at,
        )

    def _insert_relations(self, places: Sequence[DemoPlace], pages: Sequence[Page]) -> None:
        pairs = list(zip(places, pages, strict=True))
        for through, fields, ids_of in self.relations:
            rows = [(page.pk, target) for place, page in pairs for target in ids_of(place)]
            bulk_insert(through, fields, rows, self.db)
        rows = [
            (page.pk, order, day, opens, closes)
            for place, page in pairs
            for order, (day, opens, closes) in enumerate(place.hours)
        ]
        bulk_insert(OpeningHours, self.hours_fields, rows, self.db)


def chunked(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def parental_related_search_fields(model) -> list[str]:
    """The ParentalManyToManyFields the search index follows, which Wagtail does not prefetch."""
    from django.core.exceptions import FieldDoesNotExist
    from modelcluster.fields import ParentalManyToManyField
    from wagtail.search.index import RelatedFields

    names = []
    for search_field in model.get_search_fields():
        if not isinstance(search_field, RelatedFields):
            continue
        try:
            field = model._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, ParentalManyToManyField):
            names.append(search_field.field_name)
    return names


def index_places(page_ids: Iterable[int], chunk_size: int = 1000) -> Iterator[int]:
    """Add the given places to every configured search backend; yields how many were done."""
    from wagtail.search.backends import get_search_backends

    backends = list(get_search_backends())
    prefetch = parental_related_search_fields(PlacePage)
    ids = sorted(page_ids)
    for chunk in chunked(ids, chunk_size):
        # Wagtail's indexer leaves ParentalManyToManyFields to one query per place: prefetch them.
        places = list(
            PlacePage.get_indexed_objects()
            .prefetch_related(*prefetch)
            .filter(pk__in=chunk)
            .order_by("pk")
        )
        for backend in backends:
            backend.add_bulk(PlacePage, places)
        yield len(chunk)


def clear_demo_places(parent: Page, chunk_size: int = 1000) -> Iterator[int]:
    """Delete the demo places and their organiser groups; yields how many were done."""
    from django.contrib.auth.models import Group

    from directory.roles import organiser_group_name

    rows = list(demo_pages(parent).order_by("path").values_list("pk", "title"))
    for chunk in chunked(rows, chunk_size):
        with transaction.atomic():
            names = [organiser_group_name(Page(id=pk, title=title)) for pk, title in chunk]
            Group.objects.filter(name__in=names).delete()
            Page.objects.filter(pk__in=[pk for pk, _title in chunk]).delete()
        yield len(chunk)
