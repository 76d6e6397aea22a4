"""A discreet place and the secrets it must never show: shared by every test that checks a
public output for leaks."""

from decimal import Decimal

from tests.factories import OpeningHoursFactory, PlacePageFactory, objective, programme

STREET = "Chemin Secret 77"
LATITUDE = Decimal("50.612345")
LONGITUDE = Decimal("5.598765")
EMAIL = "accueil@cache.example"


def make_discreet_place(commune):
    place = PlacePageFactory(
        title="Espace de rencontre Le Passage",
        commune=commune,
        street_address=STREET,
        postcode="4020",
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
    found = [s for s in (STREET, EMAIL, "4020", str(LATITUDE), str(LONGITUDE)) if s in text]
    # Coordinates may be printed with fewer decimals or as floats.
    found += [s for s in ("50.6123", "5.5987") if s in text]
    return found
