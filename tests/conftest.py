import pytest


@pytest.fixture
def commune(db):
    from tests.factories import CommuneFactory

    return CommuneFactory(name_fr="Liège", name_nl="Luik", code="62063", search_names="liege luik")


@pytest.fixture
def place(db, commune):
    from tests.factories import PlacePageFactory, objective

    return PlacePageFactory(
        title="La Maison des Petits Pas",
        commune=commune,
        objectives=[objective("passerelles")],
    )


@pytest.fixture(autouse=True)
def _search_breaker_closed():
    """Each test starts with the search cluster's breaker closed (its state lives in the cache,
    which outlives a test)."""
    from core.search import breaker

    breaker.reset()
