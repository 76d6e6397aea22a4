"""Rows of a tiny inline gazetteer, for the tests that resolve what families type (lookup,
typos, the demo's geography): a commune or a postcode at its point, a section, and Jambes, the
section of Namur with a postcode of its own that several of them resolve."""

from decimal import Decimal

from gazetteer.models import Section
from tests.factories import CommuneFactory, PostalCodeFactory


def make_commune(country, code, name, lat, lon, population, province, name_nl=""):
    return CommuneFactory(
        country=country,
        code=code,
        name_fr=name,
        name_nl=name_nl,
        province=province,
        population=population,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        search_names="",
    )


def make_postcode(commune, code, locality, lat, lon, section=None):
    return PostalCodeFactory(
        code=code,
        locality=locality,
        commune=commune,
        section=section,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
    )


def make_section(commune, key, name, lat, lon, search_names, kind="section", population=None):
    return Section.objects.create(
        key=key,
        country=commune.country,
        kind=kind,
        name_fr=name,
        commune=commune,
        population=population,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        search_names=search_names,
    )


def make_jambes(namur, population=None) -> Section:
    """Jambes, a section of Namur, and its postcode 5100."""
    jambes = make_section(
        namur, "BE-92094-jambes", "Jambes", "50.45636", "4.87166", "jambes", population=population
    )
    make_postcode(namur, "5100", "Jambes", "50.45636", "4.87166", section=jambes)
    return jambes
