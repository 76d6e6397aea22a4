"""`manage.py seed_demo`: fictional places, in bulk, deterministic and idempotent."""

import math
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from core.fees import read_fee
from core.models import WebhookEndpoint
from directory.models import PlacePage
from directory.roles import organiser_group_name
from rencontres.demo.catalogue import Catalogue
from rencontres.demo.generator import DemoPlaceGenerator, demo_index
from rencontres.demo.styles import Style
from tests.factories import CommuneFactory, directory_root

pytestmark = pytest.mark.any_database

# A handful of real communes, as the gazetteer loads them: Wallonia, Brussels, Flanders, France.
COMMUNES = [
    ("BE", "62063", "Liège", "50.632500", "5.579700"),
    ("BE", "92094", "Namur", "50.466900", "4.867500"),
    ("BE", "52011", "Charleroi", "50.410800", "4.444600"),
    ("BE", "21001", "Anderlecht", "50.833300", "4.307200"),
    ("BE", "55086", "Le Rœulx", "50.503900", "4.111400"),
    ("BE", "44021", "Gand", "51.054300", "3.717400"),
    ("FR", "59350", "Lille", "50.629200", "3.057300"),
    ("FR", "69123", "Lyon", "45.764000", "4.835700"),
    ("FR", "35238", "Rennes", "48.117300", "-1.677800"),
]


@pytest.fixture
def communes(db):
    return [
        CommuneFactory(
            country=country,
            code=code,
            name_fr=name,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            search_names=name.lower(),
        )
        for country, code, name, lat, lon in COMMUNES
    ]


def seed_demo(count=30, seed=1, **options):
    call_command("seed_demo", count=count, seed=seed, verbosity=0, **options)


def demo_places():
    return PlacePage.objects.child_of(directory_root()).filter(slug__startswith="demo-")


def test_creates_live_places_under_the_directory_root(communes):
    seed_demo(30)

    places = demo_places()
    assert places.count() == 30
    assert places.live().count() == 30
    assert WebhookEndpoint.objects.filter(active=False).count() == 1
    assert sorted(demo_index(p.slug) for p in places) == list(range(30))
    root = directory_root()
    root.refresh_from_db()
    assert root.numchild == 30


def test_tree_stays_valid_next_to_places_made_the_ordinary_way(communes, place):
    seed_demo(30)

    assert all(problems == [] for problems in Page.find_problems())
    root = directory_root()
    assert root.get_children().count() == root.numchild == 31
    # A page added the ordinary way after the bulk insert still finds a free path.
    from tests.factories import PlacePageFactory

    later = PlacePageFactory(title="Après la démo", commune=communes[0])
    assert later.get_parent().pk == root.pk
    assert all(problems == [] for problems in Page.find_problems())


def test_programmes_objectives_and_access_modes_are_consistent(communes):
    seed_demo(40)

    for place in demo_places().prefetch_related("programmes", "objectives", "access_modes"):
        programmes = list(place.programmes.all())
        assert programmes, place.title
        objectives = list(place.objectives.all())
        assert len(objectives) in {1, 2, 3}, place.title
        assert {o.programme_id for o in objectives} <= {p.pk for p in programmes}
        modes = list(place.access_modes.all())
        # Every programme's first mode at least, and never another programme's.
        assert {m.programme_id for m in modes} == {p.pk for p in programmes}, place.title
        assert place.country == place.commune.country
        # ONE programmes are Belgian, the FFER's espaces de rencontre French.
        assert place.country in {p.country for p in programmes}
        assert 0 <= place.age_min_months < place.age_max_months
        # The fee says what the price note says: "0,50 € par visite" is paid, not free.
        assert (place.fee_kind, place.fee_amount) == read_fee(place.price), place.price


def test_some_places_are_discreet_mostly_espaces_de_rencontre(communes):
    seed_demo(30)
    assert demo_places().filter(is_discreet=True).exists()

    # The proportion, on a larger draw that is not written to the database.
    generator = DemoPlaceGenerator(Catalogue.load(), seed=1, now=timezone.now())
    drawn = [generator.generate(index) for index in range(3000)]
    discreet = [place for place in drawn if place.fields["is_discreet"]]
    assert 0.05 < len(discreet) / len(drawn) < 0.11
    styles = Counter(place.style for place in discreet)
    assert styles.most_common(1)[0][0] == Style.REFERRAL
    assert all(place.fields["email"] == "" for place in discreet)


def test_points_are_near_their_commune_with_six_decimals(communes):
    seed_demo(30)

    for place in demo_places().select_related("commune"):
        assert place.latitude.as_tuple().exponent == -6
        assert place.longitude.as_tuple().exponent == -6
        dlat = float(place.latitude - place.commune.latitude) * 111_320
        dlon = (
            float(place.longitude - place.commune.longitude)
            * 111_320
            * math.cos(math.radians(float(place.commune.latitude)))
        )
        assert math.hypot(dlat, dlon) <= 2_000


def test_opening_hours_languages_and_texts(communes):
    seed_demo(30)

    for place in demo_places().prefetch_related("opening_hours", "languages"):
        hours = list(place.opening_hours.all())
        assert len(hours) in {1, 2, 3, 4}
        assert all(slot.opens < slot.closes for slot in hours)
        assert "fr" in {language.code for language in place.languages.all()}
        assert place.description.startswith("<p>")
        assert place.phone


def test_pages_render_and_open_in_the_admin(communes, client, admin_client):
    seed_demo(30)

    for place in demo_places().live():
        response = client.get(place.url)
        assert response.status_code == 200, place.url
        if place.is_discreet:
            assert place.street_address not in response.content.decode()
    place = demo_places().first()
    assert admin_client.get(f"/admin/pages/{place.pk}/edit/").status_code == 200


def test_each_place_has_its_organiser_group(communes):
    seed_demo(30)

    for place in demo_places():
        group = Group.objects.get(name=organiser_group_name(place))
        assert GroupPagePermission.objects.filter(group=group, page=place).exists()


def test_places_are_in_the_search_index(communes):
    seed_demo(30)

    place = demo_places().order_by("pk").first()
    results = PlacePage.objects.live().search(place.title)
    assert place.pk in {result.pk for result in results}


def test_rerun_is_idempotent(communes):
    seed_demo(30)
    before = list(demo_places().order_by("pk").values_list("pk", "slug"))
    groups = Group.objects.count()

    seed_demo(30)

    assert list(demo_places().order_by("pk").values_list("pk", "slug")) == before
    assert Group.objects.count() == groups
    assert all(problems == [] for problems in Page.find_problems())


def test_a_larger_count_only_adds_the_missing_places(communes):
    seed_demo(20)
    before = list(demo_places().order_by("pk").values_list("pk", "slug"))

    seed_demo(30)

    after = list(demo_places().order_by("pk").values_list("pk", "slug"))
    assert after[:20] == before
    assert len(after) == 30
    assert all(problems == [] for problems in Page.find_problems())


def test_the_same_seed_gives_the_same_titles(communes):
    seed_demo(30, seed=7)
    first = list(demo_places().order_by("slug").values_list("title", flat=True))

    seed_demo(30, seed=7, clear=True)
    again = list(demo_places().order_by("slug").values_list("title", flat=True))

    seed_demo(30, seed=8, clear=True)
    other = list(demo_places().order_by("slug").values_list("title", flat=True))

    assert again == first
    assert other != first


def test_clear_removes_demo_places_and_their_groups_only(communes, place):
    seed_demo(10)
    names = [organiser_group_name(p) for p in demo_places()]

    seed_demo(0, clear=True)

    assert not demo_places().exists()
    assert not Group.objects.filter(name__in=names).exists()
    assert PlacePage.objects.filter(pk=place.pk).exists()
    assert Group.objects.filter(name=organiser_group_name(place)).exists()
    assert all(problems == [] for problems in Page.find_problems())


def test_loads_the_gazetteer_when_there_is_no_commune(db):
    from gazetteer.models import Commune

    assert not Commune.objects.exists()

    seed_demo(5)

    assert Commune.objects.filter(country="BE").count() > 500
    assert Commune.objects.filter(country="FR").exists()
    assert demo_places().count() == 5


def test_an_unreachable_search_cluster_does_not_stop_the_seeding(communes, settings, capsys):
    # A closed port: the cluster rebuild fails, the places are still there and the note says how
    # to index them later.
    settings.SEARCH_CLUSTER = {**settings.SEARCH_CLUSTER, "url": "http://127.0.0.1:9"}

    call_command("seed_demo", count=5, seed=1, verbosity=1)

    assert demo_places().count() == 5
    assert "rebuild_search_index" in capsys.readouterr().err


def test_a_configured_search_cluster_receives_the_demo_places(communes, settings, client):
    from tests.search_world import (
        delete_indices,
        throwaway_cluster_settings,
        use_cluster,
    )

    config = throwaway_cluster_settings()
    use_cluster(settings, config)
    try:
        seed_demo(12)

        body = client.get("/api/v1/places/", {"page_size": 100}).json()
        assert body["engine"] == "cluster"
        assert sorted(result["id"] for result in body["results"]) == sorted(
            demo_places().live().values_list("pk", flat=True)
        )
    finally:
        delete_indices(config)


def test_wagtail_cluster_backend_receives_places_and_activities(communes, settings):
    """The cluster backend's batches go through a second thread (core.search.wagtail_bulk):
    both of Wagtail's backends find a demo place and an activity afterwards."""
    from activities.models import ActivityPage
    from tests.search_world import (
        throwaway_cluster_settings,
        wagtail_cluster_backend,
    )

    config = throwaway_cluster_settings()
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": wagtail_cluster_backend(config),
        "database": {"BACKEND": "core.search.database_backend"},
    }
    from wagtail.search.backends import get_search_backend

    cluster = get_search_backend("default")
    index = cluster.get_index_for_model(PlacePage)
    index.put()  # as `manage.py update_index` leaves it
    for model in (PlacePage, ActivityPage):
        index.add_model(model)
    try:
        seed_demo(40)
        place = demo_places().order_by("pk").first()
        activity = ActivityPage.objects.order_by("pk").first()
        index.refresh()
        for name in ("default", "database"):
            backend = get_search_backend(name)
            for page in (place, activity):
                found = backend.search(page.title, type(page).objects.live())
                assert page.pk in {result.pk for result in found}, (name, page)
    finally:
        index.delete()


def facts(html: str) -> dict[str, str]:
    """The place page's facts (`<dt>` → the text of its `<dd>`)."""
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html, re.DOTALL)
    return {term: re.sub(r"<[^>]+>", "", value) for term, value in pairs}


def test_the_fee_the_access_and_the_languages_are_each_said_once(communes, client):
    seed_demo(60)

    pages = list(demo_places().live())
    fees = {page.price for page in pages}
    assert "0,50 € par visite" in fees or "Participation selon les revenus des parents" in fees
    for page in pages:
        html = client.get(page.url).content.decode()
        said = facts(html)
        # « 0,50 € par visite », not « 0,50 € — 0,50 € par visite ».
        assert said["Prix"].count("€") <= 1, said["Prix"]
        assert said["Prix"].lower().count("selon les revenus") <= 1, said["Prix"]
        # The access label, then what the details add: no « sans rendez-vous » twice.
        for word in ("rendez-vous", "anonyme", "décision", "libre"):
            assert said["Accès"].lower().count(word) <= 1, said["Accès"]
        # The languages are a fact of the page, not a sentence of the description too.
        # The description carries its text's language (lang, dir): read after its tag.
        description = html.split('class="place__description"')[1].split(">", 1)[1]
        description = description.split("</div>")[0]
        assert "Français" in said["Langues parlées"]
        assert "langues parlées" not in description.lower()
        for word in ("gratuit", "rendez-vous", "anonyme"):
            assert word not in description.lower(), description
