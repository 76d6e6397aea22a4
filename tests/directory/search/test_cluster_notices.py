"""A place's notices reach its cluster document when saved (no publication of the place), and
come back in the record of a cluster hit as the database engine reads them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from directory.models import PlaceNotice
from tests.directory.search.test_cluster_documents import records
from tests.search_world import use_cluster, use_database

pytestmark = pytest.mark.django_db


def test_a_saved_notice_reaches_the_document_and_comes_back_in_the_record(
    world, settings, cluster_config, indexed_world, django_capture_on_commit_callbacks
):
    use_cluster(settings, cluster_config)
    nid = world["nid"]
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        PlaceNotice.objects.create(
            place=nid,
            kind="moved",
            start_date=today,
            end_date=today + timedelta(days=3),
            message_fr="À la maison de quartier",
            message_nl="In het buurthuis",
        )
        # Announced later: in the document, not yet shown.
        PlaceNotice.objects.create(
            place=nid,
            kind="closed",
            start_date=today + timedelta(days=30),
            end_date=today + timedelta(days=31),
        )
    engine, found = records({"q": nid.title}, "nl")
    assert engine == "cluster"
    [record] = [r for r in found if r.id == nid.pk]
    assert [n.kind for n in record.notices] == ["moved", "closed"]
    assert [n.message for n in record.announced_notices] == ["In het buurthuis"]
    use_database(settings)
    assert records({"q": nid.title}, "nl") == ("database", found)
