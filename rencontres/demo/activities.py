"""Demo activities: what each demo place offers, drawn from the place's own seeded stream.

A meeting place often runs recurring activities (weekly, fortnightly, monthly), some with
registration and a capacity; a consultation sometimes holds a monthly information session;
supervised-visit centres publish none. Drawn from ``random.Random(f"{seed}:{index}:activities")``
so that a place's activities, like the place, never depend on any other place.

Dates are relative to `today`: an activity began a few weeks ago and goes on, so that "this
week" always has sessions; a share of places closes over the next school holidays, a few
today or within the week (`near_closure`); some
sessions are full (a waiting list), one in a few activities is cancelled.

The showcase places (`generator.DemoPlaceGenerator.showcase_rank`: the first drop-in places
without a closure near today) hold a weekly drop-in without registration, so that every weekday,
Monday to Friday, has drop-in sessions whose live room the demo can show (`live_rooms`); the
drop-ins the generator draws are on weekdays only, so Saturday and Sunday have none. Three of them
carry the demo's notices (`showcase`): moved for works now, hours changed from within the week, an
activity's notice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.utils.text import slugify

from activities.choices import Ends, Repeat
from core.countries import Country
from core.fees import read_fee
from directory.models.notices import NoticeKind
from rencontres.demo.generator import NEAR_CLOSURE_EVERY, SHOWCASE_PER_WEEKDAY, DemoPlace
from rencontres.demo.styles import Style

# Activities the demo runs as cycles: six sessions, one registration for all (activities.cycles).
CYCLES = {"Massage bébé"}
CYCLE_SESSIONS = 6

# (title, description, weekly interval or "monthly", registration capacity or None, minutes,
#  what to bring, price)
DROP_IN_ACTIVITIES = [
    (
        "Éveil musical",
        "Comptines, instruments et jeux de rythme avec les tout-petits.",
        1,
        8,
        60,
        "",
        "Gratuit",
    ),
    (
        "Lecture d'albums",
        "Une animatrice lit des albums ; les enfants choisissent les suivants.",
        1,
        None,
        60,
        "",
        "Gratuit",
    ),
    (
        "Massage bébé",
        "Apprendre les gestes du massage pour les bébés de 0 à 9 mois.",
        2,
        5,
        90,
        "Une serviette et un lange",
        "2 € par séance",
    ),
    (
        "Motricité libre",
        "Un parcours de coussins et de modules pour bouger à son rythme.",
        2,
        10,
        90,
        "Des chaussettes antidérapantes",
        "Gratuit",
    ),
    (
        "Atelier portage",
        "Essayer écharpes et porte-bébés avec une monitrice de portage.",
        "monthly",
        6,
        120,
        "Votre écharpe ou porte-bébé si vous en avez un",
        "Gratuit",
    ),
    (
        "Café des parents",
        "Un temps d'échange entre parents, autour d'un thème choisi ensemble.",
        "monthly",
        None,
        90,
        "",
        "Gratuit",
    ),
    (
        "Peinture et pâte à sel",
        "Mettre les mains dedans : peinture, pâte à sel, collage.",
        1,
        8,
        90,
        "Des vêtements qui peuvent se salir",
        "1 € par enfant",
    ),
]
CONSULTATION_ACTIVITIES = [
    (
        "Séance d'information allaitement",
        "Questions et réponses avec l'équipe de consultation.",
        "monthly",
        8,
        90,
        "Le carnet de l'enfant",
        "Gratuit",
    ),
    (
        "Atelier sommeil du bébé",
        "Comprendre les rythmes de sommeil des premiers mois.",
        "monthly",
        10,
        90,
        "",
        "Gratuit",
    ),
]
ACTIVITY_CHANCE = {Style.DROP_IN: 0.6, Style.APPOINTMENT: 0.3}
START_TIMES = [time(9, 30), time(10, 0), time(14, 0), time(15, 30)]
FULL_CHANCE = 0.25
CANCELLED_CHANCE = 0.15
CLOSURE_CHANCE = 0.4
CANCEL_REASONS = ["Animatrice en formation", "Salle indisponible", "Animatrice malade"]
DEMO_EMAIL_DOMAIN = "demo.example"


@dataclass(frozen=True)
class DemoNotice:
    """A place's or an activity's notice (directory.models.notices): its kind, its days, its
    message in each language."""

    kind: str
    start: date
    end: date
    messages: dict[str, str]


@dataclass
class DemoActivity:
    slug: str
    title: str
    fields: dict  # ActivityPage's own fields
    objective_ids: list[int]
    language_ids: list[int]
    # Of the sessions from today on: how many of the first are full, which one is cancelled.
    full_sessions: int = 0
    cancelled_session: int | None = None
    cancel_reason: str = ""
    notice: DemoNotice | None = None
    # Of the sessions from today on: which one its organiser moved to the next day.
    moved_session: int | None = None


@dataclass
class DemoOffer:
    """What one place publishes: its activities and a closure (over the school holidays, or
    this week's for a few places)."""

    activities: list[DemoActivity] = field(default_factory=list)
    closure: tuple[date, date, str] | None = None
    notices: list[DemoNotice] = field(default_factory=list)


def school_holidays(country: str, today: date) -> tuple[date, date, str]:
    """The next winter school holidays (Fédération Wallonie-Bruxelles, or France's zones
    together), close enough to the real calendars for a demonstration."""
    year = today.year if today < date(today.year, 12, 19) else today.year + 1
    if country == Country.FRANCE:
        return date(year, 12, 19), date(year + 1, 1, 3), "vacances de Noël"
    return date(year, 12, 21), date(year + 1, 1, 3), "congés d'hiver"


# One demo place in NEAR_CLOSURE_EVERY is closed today, another closes within the week: what a
# family sees of a closure (the place page, the sessions it cancels) is there from the first run,
# whatever the month.
def near_closure(index: int, today: date) -> tuple[date, date, str] | None:
    turn = index % NEAR_CLOSURE_EVERY
    if turn == 0:
        return today - timedelta(days=2), today + timedelta(days=2), "travaux"
    if turn == NEAR_CLOSURE_EVERY // 2:
        return today + timedelta(days=3), today + timedelta(days=5), "formation de l'équipe"
    return None


def draw_offer(place: DemoPlace, seed: int, today: date) -> DemoOffer:
    rng = random.Random(f"{seed}:{place.index}:activities")
    mode = place.style
    offer = DemoOffer(closure=near_closure(place.index, today))
    if rng.random() < ACTIVITY_CHANCE.get(mode, 0.0):
        menu = CONSULTATION_ACTIVITIES if mode == Style.APPOINTMENT else DROP_IN_ACTIVITIES
        count = 1 if mode == Style.APPOINTMENT else rng.choices([1, 2, 3], [50, 35, 15])[0]
        for recipe in rng.sample(menu, count):
            offer.activities.append(_activity(rng, place, recipe, today))
        if rng.random() < CLOSURE_CHANCE and offer.closure is None:
            offer.closure = school_holidays(place.fields["country"], today)
    if place.showcase is not None:
        showcase(rng, place, offer, today)
    return offer


# The showcase's weekly drop-in (no registration), and when it starts by the place's rank: a
# weekday's three drop-ins in the morning, early and late afternoon.
WEEKLY_DROP_IN = DROP_IN_ACTIVITIES[1]
SHOWCASE_TIMES = [time(9, 30), time(14, 0), time(15, 30)]
MOVED_RANK, ACTIVITY_NOTICE_RANK, HOURS_RANK = 1, 2, 3


def showcase(rng: random.Random, place: DemoPlace, offer: DemoOffer, today: date) -> None:
    """A showcase place (drawn after the rest, which it leaves as drawn): its weekly drop-in on
    weekday `rank % 5` (the one it drew, moved to that day, or one more), open over the school
    holidays, and for three ranks a notice."""
    rank = place.showcase
    slug = slugify(WEEKLY_DROP_IN[0])
    weekly = next((a for a in offer.activities if a.slug == slug), None)
    if weekly is None:
        weekly = _activity(rng, place, WEEKLY_DROP_IN, today)
        offer.activities.append(weekly)
    weekday = rank % 5
    fields = weekly.fields
    start = fields["start_date"]
    fields.update(
        start_date=start - timedelta(days=(start.weekday() - weekday) % 7),
        weekdays=str(weekday),
        start_time=SHOWCASE_TIMES[rank // 5 % SHOWCASE_PER_WEEKDAY],
    )
    weekly.cancelled_session = None
    offer.closure = None
    if rank == MOVED_RANK:
        offer.notices.append(
            DemoNotice(
                NoticeKind.MOVED,
                today - timedelta(days=3),
                today + timedelta(days=10),
                {
                    "fr": "Fermé pour travaux : les séances ont lieu à la maison de quartier, "
                    "à deux rues d'ici.",
                    "nl": "Gesloten wegens werken: de bijeenkomsten vinden plaats in het "
                    "buurthuis, twee straten verder.",
                    "en": "Closed for works: sessions take place at the community centre, two "
                    "streets away.",
                },
            )
        )
    elif rank == HOURS_RANK:
        start = today + timedelta(days=2)
        offer.notices.append(
            DemoNotice(
                NoticeKind.HOURS,
                start,
                start + timedelta(days=6),
                {
                    "fr": "Horaires changés : accueil l'après-midi seulement, de 13 h 30 à 17 h.",
                    "nl": "Gewijzigde uren: onthaal alleen in de namiddag, van 13.30 tot 17 uur.",
                    "en": "Changed hours: open in the afternoon only, from 1.30 to 5 pm.",
                },
            )
        )
    elif rank == ACTIVITY_NOTICE_RANK:
        weekly.notice = DemoNotice(
            NoticeKind.MOVED,
            today - timedelta(days=1),
            today + timedelta(days=6),
            {
                "fr": "Cette semaine, la lecture a lieu à la bibliothèque, juste en face.",
                "nl": "Deze week is het voorlezen in de bibliotheek, recht tegenover.",
                "en": "This week, the reading takes place at the library, just opposite.",
            },
        )


def _activity(rng: random.Random, place: DemoPlace, recipe: tuple, today: date) -> DemoActivity:
    title, text, every, capacity, minutes, bring, price = recipe
    weekday = rng.choice([0, 1, 2, 3, 4, 5] if capacity else [0, 1, 2, 3, 4])
    # Begun a few weeks or months ago, on the rule's weekday: the activity goes on past today,
    # and its past sessions fill the yearly figures (activity_writer).
    start = today - timedelta(days=rng.randint(7, 140))
    start -= timedelta(days=(start.weekday() - weekday) % 7)
    fields = {
        "description": f"<p>{text}</p>",
        "capacity": capacity,
        "registration_required": capacity is not None,
        "phone_registration": capacity is not None and rng.random() < 0.3,
        "what_to_bring": bring,
        "price": price,
        "start_date": start,
        "start_time": rng.choice(START_TIMES),
        "duration_minutes": minutes,
        "interval": 1,
        "weekdays": "",
        "month_week": None,
        "month_weekday": None,
        "ends": Ends.NEVER,
        "until": None,
        "count": None,
        "is_cycle": False,
        "age_min_months": place.fields["age_min_months"],
        "age_max_months": min(place.fields["age_max_months"], 72),
    }
    if every == "monthly":
        fields.update(
            repeat=Repeat.MONTHLY, month_week=rng.choice([1, 2, 3, -1]), month_weekday=weekday
        )
    else:
        fields.update(repeat=Repeat.WEEKLY, interval=every, weekdays=str(weekday))
    fields["fee_kind"], fields["fee_amount"] = read_fee(price)
    if title in CYCLES:
        _as_cycle(fields, weekday, today)
    activity = DemoActivity(
        slug=slugify(title),
        title=title,
        fields=fields,
        objective_ids=place.objective_ids[: rng.randint(1, len(place.objective_ids))],
        language_ids=place.language_ids[:1],
    )
    if capacity and rng.random() < FULL_CHANCE:
        activity.full_sessions = rng.choice([1, 2])
    if rng.random() < CANCELLED_CHANCE:
        activity.cancelled_session = rng.choice([1, 2, 3])
        activity.cancel_reason = rng.choice(CANCEL_REASONS)
    if fields["is_cycle"]:
        # One registration for the cycle, on its first session; its third session moved.
        activity.full_sessions = min(activity.full_sessions, 1)
        activity.cancelled_session = None
        activity.moved_session = 2
    return activity


def _as_cycle(fields: dict, weekday: int, today: date) -> None:
    """Six weekly sessions from next week on: a cycle the demo's families can still join. No
    draw: the place's stream stays the same as before cycles."""
    start = today + timedelta(days=7 + (weekday - today.weekday()) % 7)
    fields.update(
        is_cycle=True,
        repeat=Repeat.WEEKLY,
        interval=1,
        weekdays=str(weekday),
        start_date=start,
        ends=Ends.COUNT,
        count=CYCLE_SESSIONS,
    )


DEMO_AGES = {"8 mois": 8, "18 mois": 18, "2 ans": 24, "3 ans": 36}


@dataclass(frozen=True)
class DemoFamily:
    """A fictional family: an e-mail at an example domain, each child's age, its adults."""

    name: str
    email: str
    ages: tuple[str, ...]
    adults: int

    @property
    def months(self) -> list[int]:
        return [DEMO_AGES[age] for age in self.ages]


def demo_families(rng: random.Random, count: int) -> list[DemoFamily]:
    names = ["Martin", "Dubois", "Lambert", "Peeters", "Diallo", "Benali", "Nguyen", "Leroy"]
    families = []
    for _ in range(count):
        name = f"Famille {rng.choice(names)}"
        email = f"famille-{rng.randrange(10**6):06d}@{DEMO_EMAIL_DOMAIN}"
        # Mostly one child, sometimes two (twins, or a baby and an elder), one or two adults.
        ages = tuple(rng.choice(list(DEMO_AGES)) for _ in range(rng.choice([1, 1, 1, 2])))
        families.append(DemoFamily(name, email, ages, rng.choice([1, 1, 2])))
    return families
