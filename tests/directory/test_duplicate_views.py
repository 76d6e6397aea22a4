"""ONE staff's queue of likely duplicates: merge one place into the other, or set the pair
aside (directory/duplicate_views.py), and the panel on their admin home."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from directory.models import DuplicateCandidate, PlacePage
from directory.models.duplicates import DuplicateStatus
from tests.factories import PlacePageFactory, publish

pytestmark = pytest.mark.django_db
QUEUE = reverse("directory_duplicates")


@pytest.fixture
def pair(commune):
    kept = publish(PlacePageFactory(title="Les Petits Pas", commune=commune, phone="04 222 33 44"))
    merged = publish(
        PlacePageFactory(
            title="Les petits pas asbl", slug="petits-pas-asbl", commune=commune, phone="042223344"
        )
    )
    return DuplicateCandidate.objects.get(), kept, merged


def test_staff_see_the_pair_side_by_side_with_its_reasons(client, staff_member, pair):
    _pair, kept, merged = pair
    client.force_login(staff_member)
    response = client.get(QUEUE)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    text = page.get_text(" ", strip=True)
    assert "Les petits pas asbl" in text and "même téléphone" in text
    buttons = [b.get_text(" ", strip=True) for b in page.select("button[name=action]")]
    assert "Garder « Les Petits Pas » et y fusionner l'autre" in buttons
    assert "Ce sont deux lieux différents" in buttons


def test_staff_merge_from_the_queue(client, staff_member, pair):
    candidate, kept, merged = pair
    client.force_login(staff_member)
    response = client.post(
        QUEUE, {"pair": candidate.pk, "action": "merge", "keep": kept.pk}, follow=True
    )
    assert response.status_code == 200
    assert "est fusionné dans « Les Petits Pas »" in response.content.decode()
    candidate.refresh_from_db()
    assert (candidate.status, candidate.kept_id, candidate.decided_by) == (
        DuplicateStatus.MERGED,
        kept.pk,
        staff_member,
    )
    merged = PlacePage.objects.get(pk=merged.pk)
    assert merged.replaced_by_id == kept.pk and not merged.live
    assert "Aucun doublon possible à examiner." in client.get(QUEUE).content.decode()


def test_staff_set_a_pair_aside_and_it_is_not_proposed_again(client, staff_member, pair):
    candidate, kept, merged = pair
    client.force_login(staff_member)
    response = client.post(QUEUE, {"pair": candidate.pk, "action": "dismiss"})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == DuplicateStatus.DISMISSED
    publish(merged)
    assert DuplicateCandidate.objects.count() == 1
    assert PlacePage.objects.get(pk=merged.pk).live
    assert "Aucun doublon possible à examiner." in client.get(QUEUE).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "merge", "keep": "1"},
        {"pair": "999999", "action": "dismiss"},
        {"action": "merge", "keep": "not-a-place"},
        {"action": "merge"},
    ],
)
def test_a_bad_decision_is_a_400_saying_what_is_wrong(client, staff_member, pair, data):
    candidate, kept, _merged = pair
    client.force_login(staff_member)
    if "pair" not in data:
        data = {**data, "pair": candidate.pk}
    response = client.post(QUEUE, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Choisissez lequel des deux lieux" in text or "plus à examiner" in text
    candidate.refresh_from_db()
    assert candidate.status == DuplicateStatus.OPEN


def test_organisers_may_not_use_the_queue(client, organiser_a, pair):
    candidate, kept, _merged = pair
    client.force_login(organiser_a)
    # Refused: Wagtail sends a user without the admin's access home, the view answers 403.
    assert client.get(QUEUE).status_code in (302, 403)
    refused = client.post(QUEUE, {"pair": candidate.pk, "action": "dismiss"})
    assert refused.status_code in (302, 403)
    candidate.refresh_from_db()
    assert candidate.status == DuplicateStatus.OPEN


def test_staff_home_shows_the_duplicates_waiting(client, staff_member, pair):
    client.force_login(staff_member)
    page = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = page.select_one('[data-staff-panel="duplicates"]')
    assert panel is not None
    text = panel.get_text(" ", strip=True)
    assert "1 paire de lieux qui se ressemblent" in text
    assert "« Les Petits Pas » et « Les petits pas asbl »" in text
    assert panel.select_one(f'a[href="{QUEUE}"]') is not None


def test_the_queue_costs_the_same_queries_for_one_pair_or_many(client, staff_member, commune):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queue_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(QUEUE).status_code == 200
        return len(queries)

    client.force_login(staff_member)
    publish(PlacePageFactory(title="Le Nid", commune=commune, phone="04 222 33 44"))
    publish(PlacePageFactory(title="Le nid", slug="nid-2", commune=commune))
    one = queue_queries()
    for n in range(4):
        publish(PlacePageFactory(title=f"La Ruche {n}", commune=commune, phone="04 333 44 55"))
    assert DuplicateCandidate.objects.count() > 4
    assert queue_queries() == one
