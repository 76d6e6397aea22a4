"""The search suites' world: a small, hand-made set of places, and the two engines that must
find the same things in it. A plugin (tests/conftest.py): its fixtures serve the directory's,
the open-data formats' and the activities' searches, and its builders and settings helpers are
imported from here.

Distances from Liège's centre (postcode 4000) are far apart (0, 0.4, 1.1, 2.0 and 6.8 km), so
that the expected orders below hold on any engine.
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from wagtail.models import Locale

from core.search import breaker
from core.search.indexing import rebuild
from core.search.transport import ClusterSettings, Transport
from directory.models import AccessibilityFeature, Language, PlacePage
from directory.search.index import PLACES
from gazetteer.models import Commune, PostalCode
from gazetteer.names import search_names_for
from tests.factories import (
    CommuneFactory,
    OpeningHoursFactory,
    PlacePageFactory,
    PostalCodeFactory,
    objective,
    programme,
)

CLUSTER_URL_VARIABLE = "RENCONTRES_TEST_SEARCH_URL"
SECRET_POINT = (Decimal("50.610000"), Decimal("5.530000"))
MODIFIED_NID = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)
MODIFIED_BULLE = datetime(2026, 6, 2, 9, 0, tzinfo=UTC)
OLD = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _commune(code, name_fr, lat, lon, postcode, country="BE", name_nl=""):
    commune = CommuneFactory(
        country=country,
        code=code,
        name_fr=name_fr,
        name_nl=name_nl,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        search_names=search_names_for(name_fr, name_nl),
    )
    PostalCodeFactory(
        country=country,
        code=postcode,
        locality=name_fr,
        commune=commune,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
    )
    return commune


def _place(title, commune, lat, lon, programmes, objectives, days, languages, ages, **extra):
    step_free = extra.pop("accessible", False)
    # More opening rows: (weekday, opens, closes).
    hours = extra.pop("hours", ())
    place = PlacePageFactory(
        title=title,
        commune=commune,
        postcode=commune.postal_codes.first().code,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        age_min_months=ages[0],
        age_max_months=ages[1],
        programmes=[programme(slug) for slug in programmes],
        objectives=[objective(slug) for slug in objectives],
        **extra,
    )
    place.languages.set(Language.objects.filter(code__in=languages))
    if step_free:
        place.accessibility.set(AccessibilityFeature.objects.filter(slug="plain-pied"))
    place.save()
    for day in days:
        OpeningHoursFactory(place=place, weekday=day)
    for day, opens, closes in hours:
        OpeningHoursFactory(place=place, weekday=day, opens=opens, closes=closes)
    return place


def translate(place: PlacePage, language: str, title: str, description: str) -> PlacePage:
    """The place's translation, published: a page in the other language's tree (its parents
    copied as aliases where that tree has none, as for a family's language)."""
    translation = place.copy_for_translation(
        Locale.objects.get(language_code=language), copy_parents=True
    )
    translation.title, translation.description = title, description
    translation.save_revision().publish()
    return translation


LIEUX = "lieux-rencontre-enfants-parents"
FFER = "espaces-de-rencontre"
CONSULTATIONS = "consultations-enfants"


def build_world() -> dict[str, PlacePage]:
    """The places and their communes (`world` builds them once per module)."""
    liege = _commune("62063", "Liège", "50.632600", "5.579700", "4000", name_nl="Luik")
    seraing = _commune("62096", "Seraing", "50.583300", "5.500000", "4100")
    namur = _commune("92094", "Namur", "50.466900", "4.867500", "5000", name_nl="Namen")
    brussels = _commune("21004", "Bruxelles", "50.846600", "4.351700", "1000", name_nl="Brussel")
    lille = _commune("59350", "Lille", "50.629200", "3.057300", "59000", country="FR")
    places = {
        "nid": _place(
            "Le Nid",
            liege,
            "50.640000",
            "5.570000",
            [LIEUX],
            ["passerelles", "integration-culturelle"],
            [0],
            ["fr", "ar"],
            (0, 36),
            accessible=True,
        ),
        "petits_pas": _place(
            "La Maison des Petits Pas",
            liege,
            "50.620000",
            "5.600000",
            [LIEUX],
            ["passerelles"],
            [2],
            ["fr"],
            (0, 48),
            fee_kind="paid",
            fee_amount=Decimal("2.00"),
        ),
        "parenthese": _place(
            "Espace Parenthèse",
            seraing,
            "50.590000",
            "5.510000",
            [LIEUX],
            ["dynamisation-de-quartier"],
            [0],
            ["fr", "tr"],
            (12, 72),
            accessible=True,
            # Monday 9–12 and Tuesday 14–18: open Monday morning and Tuesday afternoon, never
            # Monday afternoon (`day` and `time` hold for the same row).
            hours=[(1, "14:00", "18:00")],
            description="<p>Un coin crèche et des ateliers pour les parents du quartier.</p>",
        ),
        "passage": _place(
            "Le Passage",
            liege,
            *SECRET_POINT,
            [FFER],
            ["maintien-du-lien"],
            [5],
            ["fr"],
            (0, 216),
            is_discreet=True,
            street_address="Rue Cachée 3",
        ),
        "petits_bouts": _place(
            "Les Petits Bouts",
            namur,
            "50.470000",
            "4.870000",
            [LIEUX],
            ["passerelles", "education-permanente"],
            [1],
            ["fr", "nl"],
            (0, 36),
        ),
        "bulle": _place(
            "Bulle d'Air",
            brussels,
            "50.850000",
            "4.350000",
            [LIEUX],
            ["integration-culturelle"],
            [4],
            ["fr", "nl", "ar"],
            (0, 72),
            accessible=True,
            fee_kind="sliding",
        ),
        "consultation": _place(
            "Consultation ONE Liège-Centre",
            liege,
            "50.635000",
            "5.575000",
            [CONSULTATIONS],
            ["suivi-preventif", "sante-parentalite"],
            [3],
            ["fr"],
            (0, 72),
        ),
        "arc_en_ciel": _place(
            "Maison Arc-en-ciel",
            lille,
            "50.630000",
            "3.060000",
            [FFER],
            ["maintien-du-lien"],
            [2],
            ["fr"],
            (0, 216),
            country="FR",
            # By the parents' agreement only; Le Passage takes both FFER modes (the default).
            access_modes=["accord-des-parents"],
        ),
    }
    hidden = _place(
        "Le Brouillon",
        liege,
        "50.632000",
        "5.579000",
        [LIEUX],
        ["passerelles"],
        [0],
        ["fr"],
        (0, 36),
    )
    hidden.unpublish()
    translate(places["nid"], "nl", "Het Nest", "<p>Een speelhoek met knuffels voor peuters.</p>")
    # Families' languages: Arabic (right to left) and Turkish (issue 29).
    translate(places["passage"], "ar", "الممر", "<p>مكان لقاء للأطفال الصغار ووالديهم.</p>")
    translate(places["bulle"], "tr", "Hava Kabarcığı", "<p>Küçük çocuklar için oyun odası.</p>")
    # Dates modified, for `modified_after`; the others were never published through a revision
    # and have none.
    for key, moment in (("nid", MODIFIED_NID), ("bulle", MODIFIED_BULLE), ("petits_pas", OLD)):
        PlacePage.objects.filter(pk=places[key].pk).update(last_published_at=moment)
    return places


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module, outside the tests' transactions (pages are slow to create), and
    removed afterwards."""
    with django_db_blocker.unblock():
        places = build_world()
    yield places
    with django_db_blocker.unblock():
        remove_world()


def remove_world() -> None:
    """Every place (their activities with them) and every commune: a module-scoped world is
    built outside the tests' transactions, so nothing rolls it back."""
    for page in PlacePage.objects.all():
        page.delete()
    PostalCode.objects.all().delete()
    Commune.objects.all().delete()


def cluster_url() -> str:
    url = os.environ.get(CLUSTER_URL_VARIABLE)
    if url:
        return url
    message = (
        f"{CLUSTER_URL_VARIABLE} is unset: start a node with `scripts/search-cluster start` "
        "and export its URL."
    )
    if os.environ.get("CI"):
        pytest.fail(f"The search cluster is required in CI. {message}")
    pytest.skip(f"No search cluster. {message}")


@pytest.fixture
def commune_liege(world):
    return Commune.objects.get(code="62063")


@pytest.fixture(scope="module")
def cluster_config():
    """The test cluster, under an index prefix of this module's own."""
    config = throwaway_cluster_settings()
    yield config
    delete_indices(config)


def throwaway_cluster_settings() -> ClusterSettings:
    return ClusterSettings(
        url=cluster_url(),
        flavour=os.environ.get("RENCONTRES_TEST_SEARCH_FLAVOUR", "opensearch2"),
        index_prefix=f"test-{uuid.uuid4().hex[:10]}",
    )


def wagtail_cluster_backend(config: ClusterSettings, **options) -> dict:
    """A WAGTAILSEARCH_BACKENDS entry for Wagtail's backend on the test cluster, under the
    config's index prefix (`options` add to it: "AUTO_UPDATE")."""
    return {
        "BACKEND": f"core.search.wagtail_backends.{config.flavour.capitalize()}",
        "URLS": config.urls,
        "INDEX_PREFIX": f"{config.index_prefix}-wagtail-",
        **options,
    }


def delete_indices(config: ClusterSettings) -> None:
    transport = Transport(config)
    for index in transport.indices_matching(f"{config.index_prefix}-*"):
        transport.delete_index(index)


@pytest.fixture(scope="module")
def indexed_world(world, cluster_config, django_db_blocker):
    with django_db_blocker.unblock():
        for _progress in rebuild(Transport(cluster_config), PLACES):
            pass
    return world


def use_cluster(settings, config: ClusterSettings) -> None:
    breaker.reset()
    settings.SEARCH_CLUSTER = {
        "url": config.url,
        "flavour": config.flavour,
        "index_prefix": config.index_prefix,
        "ca_file": config.ca_file,
        "shards": config.shards,
        "replicas": config.replicas,
        "breaker_seconds": 30,
    }


def use_database(settings) -> None:
    settings.SEARCH_CLUSTER = {**settings.SEARCH_CLUSTER, "url": None}


@pytest.fixture(params=["database", "cluster"])
def engine(request, world, settings, db):
    """Runs a test once per engine, on the same world.

    `world` comes first among the arguments so that it is built before the test's transaction
    opens; built inside it, it would be rolled back after the first test.
    """
    if request.param == "cluster":
        request.getfixturevalue("indexed_world")
        use_cluster(settings, request.getfixturevalue("cluster_config"))
    else:
        use_database(settings)
    return request.param


def publish_the_owls_cabin(commune: Commune) -> PlacePage:
    """A place published by an editor after the world was indexed, 0.3 km from Liège's centre:
    the live update's test place (its name is found by `q=hiboux`)."""
    place = PlacePageFactory(
        title="La Cabane aux Hiboux",
        commune=commune,
        latitude=Decimal("50.633000"),
        longitude=Decimal("5.580000"),
        objectives=[objective("passerelles")],
    )
    place.save_revision().publish()
    return place
