"""Fixtures shared by the directory tests."""

from decimal import Decimal

import pytest

from tests.factories import CommuneFactory, PostalCodeFactory


@pytest.fixture
def small_gazetteer(db):
    liege = CommuneFactory(name_fr="Liège", name_nl="Luik", code="62063", search_names="liege|luik")
    namur = CommuneFactory(
        name_fr="Namur",
        code="92094",
        latitude=Decimal("50.466700"),
        longitude=Decimal("4.866700"),
        search_names="namur",
    )
    for code, locality, commune in (
        ("4000", "Liège", liege),
        ("4020", "Jupille-sur-Meuse", liege),
        ("5000", "Namur", namur),
    ):
        PostalCodeFactory(code=code, locality=locality, commune=commune)
    return {"liege": liege, "namur": namur}
