"""`near` as the family search reads it: whatever the gazetteer resolves (`lookup.resolve_near`),
else a street address placed by the geocoder, else a clear refusal with the places the text
mentions.

A text is taken for an address when it has letters and a number or a comma ("Rue Féronstrée 1,
Liège"; "12 rue de la Paix, 75002 Paris"): a bare unknown word is a typo, not worth a call. An
address naming a French postcode or commune, or France, goes to the French geocoder (BANFrance),
any other to the default one. When the geocoder does not know the address, or cannot be reached
in time, the search answers 400 on `near`, saying which, with the communes found in the text.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from core.search.fields import PlaceNotFound
from gazetteer.courts import resolve_court
from gazetteer.geocoding import lookup_address
from gazetteer.lookup import resolve_near, suggest
from gazetteer.models import Commune, PlaceName, PostalCode, Section
from gazetteer.names import normalize
from gazetteer.points import NearPoint, Suggestion, commune_suggestion, section_suggestion

MAX_SUGGESTIONS = 5
_NUMBER = re.compile(r"\d")
_POSTCODE_IN_TEXT = re.compile(r"(?<!\d)(\d{4,5})(?!\d)")
_COUNTRY_WORDS = {
    "FR": {"france"},
    "BE": {"belgique", "belgie", "belgium", "belgien"},
}


def looks_like_address(text: str) -> bool:
    has_letters = any(c.isalpha() for c in text)
    return has_letters and (bool(_NUMBER.search(text)) or "," in text) and len(text.split()) >= 2


def places_in(text: str) -> list[Suggestion]:
    """The communes and sections an address names: its postcodes' communes, then the parts
    between commas that are place names, then place names among its last words."""
    found: list[Suggestion] = []
    seen: set[str] = set()

    def add(suggestion: Suggestion) -> None:
        if suggestion.value not in seen and len(found) < MAX_SUGGESTIONS:
            seen.add(suggestion.value)
            found.append(suggestion)

    for code in _POSTCODE_IN_TEXT.findall(text):
        country = "BE" if len(code) == 4 else "FR"
        rows = PostalCode.objects.filter(country=country, code=code, retired=False)
        for row in rows.select_related("commune")[:MAX_SUGGESTIONS]:
            add(commune_suggestion(row.commune))
    candidates = [normalize(part) for part in text.split(",")]
    words = normalize(text).split()
    # "… 4000 Liège", "… à Saint-Gilles": the last one, two or three words.
    candidates += [" ".join(words[-n:]) for n in (3, 2, 1) if len(words) >= n]
    for name in dict.fromkeys(c for c in candidates if c and not c.isdigit()):
        for match in PlaceName.objects.filter(name=name).order_by("-population")[:MAX_SUGGESTIONS]:
            if match.section_id:
                section = Section.objects.select_related("commune").get(pk=match.section_id)
                add(section_suggestion(section))
            else:
                add(commune_suggestion(Commune.objects.get(pk=match.commune_id)))
    return found


def country_of(text: str, named: list[Suggestion]) -> str:
    """ "FR" or "BE" when the address says it (a country's name, or only one country's places
    among those it names), else ""."""
    words = set(normalize(text).split())
    for country, names in _COUNTRY_WORDS.items():
        if words & names:
            return country
    countries = {s.value[:2] for s in named}
    return countries.pop() if len(countries) == 1 else ""


def resolve_for_search(text: str) -> NearPoint | None:
    """A court (« tribunal de Lille »: `courts.resolve_court`), else `resolve_near`, then an
    address; raises `PlaceNotFound` with what to try instead."""
    point = resolve_court(text) or resolve_near(text)
    if point is not None:
        return point
    if not isinstance(text, str) or not text.strip():
        return None
    text = text.strip()
    if not looks_like_address(text):
        typed = normalize(text)
        offered = suggest(typed[:4]) if len(typed) >= 3 else []
        raise PlaceNotFound(
            _(
                "Lieu inconnu : donnez un code postal, un nom de commune, une adresse ou des "
                "coordonnées « latitude,longitude »."
            ),
            [(s.value, s.label) for s in offered[:MAX_SUGGESTIONS]],
        )
    named = places_in(text)
    answer = lookup_address(text, country_of(text, named), in_request=True)
    if answer.point is not None:
        latitude, longitude = answer.point
        return NearPoint(
            latitude=float(latitude), longitude=float(longitude), label=text, kind="address"
        )
    if answer.reachable:
        message = _("Adresse introuvable : vérifiez-la, ou cherchez près de sa commune.")
    else:
        message = _(
            "La recherche d'adresses ne répond pas pour l'instant : cherchez près de la commune, "
            "par son nom ou son code postal."
        )
    raise PlaceNotFound(message, [(s.value, s.label) for s in named])
