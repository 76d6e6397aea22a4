"""A discreet place and the secrets it must never show: shared by every test that checks a
public output for leaks."""

import re
from decimal import Decimal

from tests.factories import OpeningHoursFactory, PlacePageFactory, objective, programme

STREET = "Chemin Secret 77"
LATITUDE = Decimal("50.612345")
LONGITUDE = Decimal("5.598765")
EMAIL = "accueil@cache.example"
POSTCODE = "4020"
# The postcode as an address or a value tells it; as a number inside a path it is an id (a
# session's "/seances/4020/calendar.ics" once the database's sequences have run that far).
POSTCODE_TOLD = re.compile(rf"(?<![\d/]){POSTCODE}(?![\d/])")


def make_discreet_place(commune):
    place = PlacePageFactory(
        title="Espace de rencontre Le Passage",
        commune=commune,
        street_address=STREET,
        postcode=POSTCODE,
        latitude=LATITUDE,
        longitude=LONGITUDE,
        email=EMAIL,
        phone="+32 4 123 45 67",
        is_discreet=True,
        programmes=[programme("espaces-de-rencontre")],
        objectives=[objective("maintien-du-lien")],
    )
    OpeningHoursFactory(place=place)
    return place


def secrets_in(text: str) -> list[str]:
    found = [s for s in (STREET, EMAIL, str(LATITUDE), str(LONGITUDE)) if s in text]
    found += [POSTCODE] if POSTCODE_TOLD.search(text) else []
    # Coordinates may be printed with fewer decimals or as floats.
    found += [s for s in ("50.6123", "5.5987") if s in text]
    return found
