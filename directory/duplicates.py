"""Finding likely duplicate places: two imports of the same list under different ids, or an
import and an organiser, can make the same place twice.

A place is compared only with the published French places of its commune or postcode (the
block that keeps it cheap: a few dozen places at most, in one query), on four things:

- its name, normalised (case, accents, punctuation) and without the words every place's name
  shares (« lieu de rencontre », « espace »…), compared with `difflib`;
- its phone, read as an international number in the place's country (+32 4…, 04…);
- its street address, normalised and compared with `difflib`;
- its e-mail address, lower-cased.

Each thing that matches is a reason; a pair is kept as a candidate with two reasons or more, or
with a name alike enough on its own. The score (0 to 1) weighs the four. The whole rule is in
docs/duplicates.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.phones import BadNumber, read_phone
from directory.models.duplicates import DuplicateCandidate, DuplicateSource
from directory.models.places import PlacePage
from gazetteer.names import normalize

NAME_ALIKE = 0.8
NAME_ALONE = 0.92
ADDRESS_ALIKE = 0.85
MIN_PHONE_DIGITS = 8
WEIGHTS = {"name": 0.5, "phone": 0.25, "address": 0.15, "email": 0.1}
REASONS = {
    "name": _("noms proches"),
    "phone": _("même téléphone"),
    "address": _("adresses proches"),
    "email": _("même courriel"),
}
# Words that say what kind of place it is, not which one: two "Lieu de rencontre X" differ by X.
GENERIC_WORDS = frozenset(
    "lieu lieux de du des la le les l d rencontre rencontres enfants enfant parents parent "
    "espace maison asbl vzw ontmoetingsplaats huis van het kind en et".split()
)
COLUMNS = (
    "pk",
    "title",
    "phone",
    "street_address",
    "email",
    "commune_id",
    "postcode",
    "country",
)

_source: ContextVar[str] = ContextVar("duplicate_source", default=DuplicateSource.PUBLISH)


@contextmanager
def found_by(source: str) -> Iterator[None]:
    """Places published inside the block are checked as found by `source` (the import)."""
    token = _source.set(source)
    try:
        yield
    finally:
        _source.reset(token)


@dataclass(frozen=True)
class Likeness:
    score: float
    reasons: list[str]


def name_key(title: str) -> str:
    plain = re.sub(r"[^\w ]+", " ", normalize(title)).split()
    words = [word for word in plain if word not in GENERIC_WORDS]
    return " ".join(words or plain)


def phone_key(phone: str, country: str = "") -> str:
    """The number in E.164 (read in the place's country), else its digits: « 04 222 33 44 »
    and « +32 4 222 33 44 » are one number."""
    try:
        return read_phone(phone, country or None)
    except BadNumber:
        digits = re.sub(r"\D", "", phone or "")
        return digits if len(digits) >= MIN_PHONE_DIGITS else ""


def address_likeness(a: str, b: str) -> float:
    """How alike two street addresses are; 0 when their numbers differ: « rue Haute 1 » and
    « rue Haute 12 » are two buildings."""
    a, b = normalize(a or ""), normalize(b or "")
    if re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return 0.0
    return _ratio(a, b)


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def likeness(a: dict, b: dict) -> Likeness | None:
    """How alike two places' rows (`COLUMNS`) are, or None when they are not a likely pair."""
    name = _ratio(name_key(a["title"]), name_key(b["title"]))
    address = address_likeness(a["street_address"], b["street_address"])
    phone_a = phone_key(a["phone"], a.get("country", ""))
    phone = bool(phone_a) and phone_a == phone_key(b["phone"], b.get("country", ""))
    email = bool(a["email"]) and a["email"].lower() == b["email"].lower()
    found = {
        "name": name >= NAME_ALIKE,
        "phone": phone,
        "address": address >= ADDRESS_ALIKE,
        "email": email,
    }
    reasons = [reason for reason, matched in found.items() if matched]
    if len(reasons) < 2 and name < NAME_ALONE:
        return None
    parts = {"name": name, "phone": float(phone), "address": address, "email": float(email)}
    score = sum(WEIGHTS[key] * value for key, value in parts.items())
    return Likeness(round(score, 3), reasons)


def _candidate_places(places: list[dict], locale) -> list[dict]:
    communes = {place["commune_id"] for place in places}
    postcodes = {place["postcode"] for place in places if place["postcode"]}
    return list(
        PlacePage.objects.filter(
            Q(commune_id__in=communes) | Q(postcode__in=postcodes),
            live=True,
            locale=locale,
            replaced_by__isnull=True,
        ).values(*COLUMNS)
    )


def find_duplicates(
    place_ids: Iterable[int], source: str | None = None
) -> list[DuplicateCandidate]:
    """The new likely pairs of the places `place_ids` (French, not merged), stored open. A pair
    already stored, whatever its status, is not stored again. The same few queries (at most
    eight, the insert's savepoint included) for one place or a whole import."""
    locale = Locale.get_default()
    places = list(
        PlacePage.objects.filter(
            pk__in=list(place_ids), locale=locale, replaced_by__isnull=True
        ).values(*COLUMNS)
    )
    if not places:
        return []
    pairs: dict[tuple[int, int], Likeness] = {}
    for other in _candidate_places(places, locale):
        for place in places:
            if other["pk"] == place["pk"]:
                continue
            if (
                other["commune_id"] != place["commune_id"]
                and other["postcode"] != place["postcode"]
            ):
                continue
            key = (min(place["pk"], other["pk"]), max(place["pk"], other["pk"]))
            if key not in pairs and (found := likeness(place, other)) is not None:
                pairs[key] = found
    if not pairs:
        return []
    firsts = {first for first, _second in pairs}
    known = set(
        DuplicateCandidate.objects.filter(first_id__in=firsts).values_list("first_id", "second_id")
    )
    new = [
        DuplicateCandidate(
            first_id=first,
            second_id=second,
            score=found.score,
            reasons=found.reasons,
            found_by=source or _source.get(),
        )
        for (first, second), found in sorted(pairs.items())
        if (first, second) not in known
    ]
    try:
        with transaction.atomic():
            return DuplicateCandidate.objects.bulk_create(new)
    except IntegrityError:
        # Another publication stored one of the pairs meanwhile: store the rest.
        return DuplicateCandidate.objects.bulk_create(new, ignore_conflicts=True)
