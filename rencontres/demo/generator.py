"""Fictional places, drawn deterministically: place number *i* from its own seeded stream."""

from __future__ import annotations

import bisect
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from itertools import accumulate

from django.utils.text import slugify

from core.countries import Country
from core.fees import read_fee
from rencontres.demo.catalogue import (
    Catalogue,
    CommuneInfo,
    ObjectiveInfo,
    ProgrammeInfo,
    SectionInfo,
)
from rencontres.demo.meetings import FFER, draw_meetings
from rencontres.demo.phones import phone_number
from rencontres.demo.places import Streets, jitter
from rencontres.demo.styles import Style
from rencontres.demo.texts import description, of_commune
from rencontres.demo.words import (
    ACCESS_DETAILS,
    CONSULTATION_SITES,
    DISCREET_NOTE,
    DROP_IN_NAMES,
    OTHER_LANGUAGES_BE,
    OTHER_LANGUAGES_FR,
    PRICES,
    REFERRAL_NAMES,
    STEP_FREE_SLUG,
)

DEMO_SLUG_PREFIX = "demo-"
# A demo place imported twice (rencontres/demo/duplicates.py): not a demo place of its own, so
# that counts and draws ignore it, but removed with them by `--clear`.
TWIN_SLUG_PREFIX = "twin-demo-"
DEMO_SLUG_RE = re.compile(r"^demo-(\d{6})-")
MAX_DEMO_PLACES = 999_999
# A place in a commune that has sections is shown at one of them this often ("… (Jambes)").
SECTION_CHANCE = 0.15
# The fractional part of the golden ratio: (i × it) mod 1 spreads any run of numbers evenly.
GOLDEN_RATIO_FRACTION = 0.6180339887498949
# About 8% of places are discreet, mostly supervised-visit centres.
DISCREET_CHANCE = {Style.REFERRAL: 0.30}
DEFAULT_DISCREET_CHANCE = 0.025
# One demo place in NEAR_CLOSURE_EVERY is closed today (turn 0), another closes within the week
# (turn NEAR_CLOSURE_EVERY // 2): see activities.near_closure.
NEAR_CLOSURE_EVERY = 25
# The first drop-in places not closed near today are the demo's showcase (`showcase_rank`): each
# weekday, Monday to Friday, has SHOWCASE_PER_WEEKDAY of them holding a weekly drop-in session
# (activities.showcase), and a few of them carry the demo's notices.
SHOWCASE_PER_WEEKDAY = 3
SHOWCASE_PLACES = 5 * SHOWCASE_PER_WEEKDAY


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
    # Its rank among the showcase places (`DemoPlaceGenerator.showcase_rank`), or None.
    showcase: int | None = None
    access_mode_ids: list[int] = field(default_factory=list)
    # The demo's kind of place (rencontres.demo.styles).
    style: str = Style.DROP_IN
    # An espace de rencontre's accompaniment, documents, courts (rencontres.demo.meetings).
    accompaniment_ids: list[int] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)
    court_ids: list[int] = field(default_factory=list)


def has_near_closure(index: int) -> bool:
    return index % NEAR_CLOSURE_EVERY in (0, NEAR_CLOSURE_EVERY // 2)


def demo_slug(index: int, title: str) -> str:
    return f"{DEMO_SLUG_PREFIX}{index + 1:06d}-{slugify(title)}"[:120].rstrip("-")


def demo_index(slug: str) -> int | None:
    match = DEMO_SLUG_RE.match(slug)
    return int(match.group(1)) - 1 if match else None


class DemoPlaceGenerator:
    """Draws place number *i* from its own seeded stream, so every place is reproducible alone."""

    def __init__(self, catalogue: Catalogue, seed: int, now: datetime):
        if not catalogue.programmes:
            raise ValueError("no programme has communes in its country")
        self.catalogue = catalogue
        self.seed = seed
        self.now = now
        self.programme_cum_weights = list(accumulate(catalogue.programme_weights))
        self.streets = Streets()
        self._primaries: list[ProgrammeInfo] = []
        self._showcase: dict[int, int] = {}
        self._scanned = 0

    def generate(self, index: int) -> DemoPlace:
        rng = random.Random(f"{self.seed}:{index}")
        cat = self.catalogue

        primary = self._primary(rng)
        programmes = [primary]
        companion = self._companion_mode(primary.style)
        if companion and rng.random() < companion[1]:
            candidates = [
                p
                for p in cat.programmes
                if p.style == companion[0] and p.country == primary.country
            ]
            if candidates:
                programmes.append(rng.choice(candidates))
        mode = primary.style
        country = primary.country

        commune = self._commune(rng, index, country)
        section = None
        if cat.sections.get(commune.pk) and rng.random() < SECTION_CHANCE:
            section = rng.choice(cat.sections[commune.pk])
        title, short_name = self._title(rng, primary, commune, section)
        slug = demo_slug(index, title)

        objectives = self._objectives(rng, programmes)
        age_min, age_max = self._ages(rng, mode)
        languages = self._languages(rng, country)
        is_discreet = rng.random() < DISCREET_CHANCE.get(mode, DEFAULT_DISCREET_CHANCE)
        centre = section or commune
        latitude, longitude = jitter(rng, centre.latitude, centre.longitude)
        postcodes = cat.postcodes.get(commune.pk)
        if section is not None and section.postcode:
            postcode = section.postcode
        elif postcodes:
            postcode = rng.choice(postcodes)
        elif country == Country.BELGIUM:
            postcode = str(rng.randint(1000, 9999))
        else:
            postcode = str(rng.randint(10000, 95999))
        domain = f"{slugify(short_name)[:40]}-{slugify(commune.name)[:40]}.example".strip("-")
        email = f"{rng.choice(['accueil', 'contact', 'info'])}@{domain}"
        text = description(rng, mode, objectives, age_min, age_max)
        access_details = rng.choice(ACCESS_DETAILS.get(mode, ACCESS_DETAILS[Style.DROP_IN]))
        if is_discreet:
            access_details = f"{access_details} {DISCREET_NOTE}"

        first_published_at = self.now - timedelta(days=rng.uniform(30, 1500))
        last_published_at = first_published_at + (self.now - first_published_at) * rng.random()

        fields = {
            "description": text,
            "street_address": self.streets.street(rng, country),
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
            "access_details": access_details,
        }
        fields["fee_kind"], fields["fee_amount"] = read_fee(fields["price"])
        meetings = None
        if primary.slug == FFER:
            meetings = draw_meetings(
                cat.meetings,
                self.seed,
                index,
                country,
                (float(latitude), float(longitude)),
                self.now.date(),
            )
            fields.update(meetings.fields)
        return DemoPlace(
            index=index,
            title=title,
            slug=slug,
            fields=fields,
            programme_ids=[p.pk for p in programmes],
            objective_ids=[o.pk for o in objectives],
            access_mode_ids=self._access_modes(index, programmes),
            style=mode,
            language_ids=[cat.languages[code][0] for code in languages],
            feature_ids=self._features(rng),
            hours=self._hours(rng, mode),
            first_published_at=first_published_at,
            last_published_at=last_published_at,
            showcase=self.showcase_rank(index),
            accompaniment_ids=meetings.accompaniment_ids if meetings else [],
            document_ids=meetings.document_ids if meetings else [],
            court_ids=meetings.court_ids if meetings else [],
        )

    def _access_modes(self, index: int, programmes: list[ProgrammeInfo]) -> list[int]:
        """Each programme's first mode, and each of its others for about half the places (an
        espace de rencontre on a judge's decision, often by the parents' agreement too); from a
        stream of its own, so that the place's other draws stay those they were."""
        rng = random.Random(f"{self.seed}:{index}:access")
        chosen = []
        for programme in programmes:
            first, *others = programme.access_mode_ids or (None,)
            chosen += [first] if first is not None else []
            chosen += [pk for pk in others if rng.random() < 0.5]
        return chosen

    @staticmethod
    def _companion_mode(mode: str) -> tuple[str, float] | None:
        # A consultation often carries a drop-in place in its santé-parentalité project; a few
        # drop-in places are run with a consultation.
        if mode == Style.APPOINTMENT:
            return Style.DROP_IN, 0.3
        if mode == Style.DROP_IN:
            return Style.APPOINTMENT, 0.1
        return None

    def _primary(self, rng: random.Random) -> ProgrammeInfo:
        """The place's first draw: its main programme."""
        return rng.choices(self.catalogue.programmes, cum_weights=self.programme_cum_weights)[0]

    def _primary_of(self, index: int) -> ProgrammeInfo:
        """Place `index`'s main programme: its stream's first draw, so this needs no other
        place generated."""
        primaries = self._primaries
        while len(primaries) <= index:
            primaries.append(self._primary(random.Random(f"{self.seed}:{len(primaries)}")))
        return primaries[index]

    def _ordinal_in_country(self, index: int) -> int:
        """How many places before place `index` are in its country."""
        country = self._primary_of(index).country
        return sum(1 for i in range(index) if self._primaries[i].country == country)

    def showcase_rank(self, index: int) -> int | None:
        """Place `index`'s rank among the first SHOWCASE_PLACES drop-in places without a
        closure near today (`has_near_closure`), or None: read from the places' first draws,
        so that a place's showcase role, like the place, is the same whichever are written."""
        while len(self._showcase) < SHOWCASE_PLACES and self._scanned <= index:
            scanned = self._scanned
            self._scanned += 1
            if self._primary_of(scanned).style == Style.DROP_IN and not has_near_closure(scanned):
                self._showcase[scanned] = len(self._showcase)
        return self._showcase.get(index)

    def _commune(self, rng: random.Random, index: int, country: str) -> CommuneInfo:
        """France: the region first, in proportion to population, from a low-discrepancy
        sequence over the French places' ranks (so that even a few dozen places reach every
        region in its share), then a commune of it in proportion to population. Belgium: ONE's
        weights."""
        cat = self.catalogue
        regions = cat.french_regions
        if country == Country.FRANCE and regions is not None:
            share = ((self._ordinal_in_country(index) + 1) * GOLDEN_RATIO_FRACTION) % 1.0
            region = regions.names[
                bisect.bisect_right(regions.cum_population, share * regions.cum_population[-1])
            ]
            rows = regions.communes[region]
            return rng.choices(rows, cum_weights=regions.commune_cum_weights[region])[0]
        return rng.choices(cat.communes[country], cum_weights=cat.commune_cum_weights[country])[0]

    def _title(
        self,
        rng: random.Random,
        programme: ProgrammeInfo,
        commune: CommuneInfo,
        section: SectionInfo | None = None,
    ) -> tuple[str, str]:
        if section is not None:
            # A place at section level says where: "Maison verte – Jambes".
            title, short_name = self._title(rng, programme, commune)
            return f"{title} ({section.name})", short_name
        mode = programme.style
        if mode == Style.APPOINTMENT:
            service = (
                "Consultation ONE" if programme.country == Country.BELGIUM else "Consultation PMI"
            )
            if rng.random() < 0.5:
                return f"{service} {of_commune(commune.name)}", service
            site = rng.choice(CONSULTATION_SITES)
            return f"{service} {of_commune(commune.name)} – {site}", f"{service} {site}"
        if mode == Style.REFERRAL:
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
        if mode == Style.REFERRAL:
            return 0, rng.choice([144, 216, 216])
        if mode == Style.APPOINTMENT:
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
        if mode == Style.REFERRAL:
            days = [2, 2, 4, 5, 5, 6]
            halves = [(time(10, 0), time(12, 30)), (time(14, 0), time(18, 0))]
        elif mode == Style.APPOINTMENT:
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
