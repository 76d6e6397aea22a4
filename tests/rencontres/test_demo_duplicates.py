"""The demo's likely duplicates (rencontres/demo/duplicates.py): with `--duplicates`, pairs wait
in ONE staff's queue and one is merged already, its old address redirecting; once only."""

import pytest
from django.core.management import call_command

from core.models import Tombstone
from directory.models import DuplicateCandidate, PlacePage
from directory.models.duplicates import DuplicateSource, DuplicateStatus
from tests.rencontres.test_seed_demo import communes  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_the_demo_shows_pairs_waiting_and_one_merged(client, communes):  # noqa: F811
    call_command("seed_demo", count=30, seed=1, verbosity=0, duplicates=True)
    pairs = DuplicateCandidate.objects.all()
    assert pairs.filter(status=DuplicateStatus.OPEN).count() >= 2
    assert set(pairs.values_list("found_by", flat=True)) == {DuplicateSource.IMPORT}
    merged = PlacePage.objects.get(replaced_by__isnull=False)
    assert merged.slug.startswith("twin-demo-") and not merged.live
    # Partners following the change feed are told which place holds its facts now.
    tombstone = Tombstone.objects.get(kind="place", object_id=merged.pk)
    assert tombstone.replaced_by == merged.replaced_by_id
    response = client.get(f"/lieux/{merged.slug}/")
    assert response.status_code == 301
    assert response["Location"].endswith(merged.replaced_by.url)

    call_command("seed_demo", count=30, seed=1, verbosity=0, duplicates=True)
    assert DuplicateCandidate.objects.count() == pairs.count()
    call_command("seed_demo", count=30, seed=1, verbosity=0, clear=True)
    assert not PlacePage.objects.filter(slug__startswith="twin-demo-").exists()
