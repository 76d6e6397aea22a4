"""A place's closures survive into its cluster document and back into its record, so that a
card and a map popup say the closure whichever engine answered."""

import json
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.utils import timezone, translation

from core.search.indexing import rebuild
from core.search.paging import search_page
from core.search.transport import Transport
from directory.cards import card_facts
from directory.models import ClosurePeriod
from directory.records import place_records
from directory.search.documents import (
    place_documents_records,
    record_document,
    record_from_document,
)
from directory.search.index import PLACES
from directory.search.map_points import map_feature
from tests.search_world import use_cluster, use_database


def days(n):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture(scope="module")
def closed_world(world, django_db_blocker):
    """Le Nid closed from yesterday to next week, again later, and once long ago."""
    nid = world["nid"]
    with django_db_blocker.unblock():
        for start, end, reason in ((-1, 5, "congés d'hiver"), (20, 22, ""), (-30, -20, "")):
            ClosurePeriod.objects.create(
                place=nid, start_date=days(start), end_date=days(end), reason=reason
            )
    return world


@pytest.fixture(scope="module")
def indexed_world(closed_world, cluster_config, django_db_blocker):
    """The world indexed once its closures are in (the plugin's, after `closed_world`)."""
    with django_db_blocker.unblock():
        for _progress in rebuild(Transport(cluster_config), PLACES):
            pass
    return closed_world


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_document_gives_back_the_record_with_its_closures(closed_world, db, language):
    nid = closed_world["nid"].pk
    document = place_documents_records([nid])[nid][language]["place"]
    back = record_from_document(json.loads(json.dumps(document)))
    [record] = place_records([nid], language)
    assert back == record
    assert [(c.start_date, c.end_date, c.reason) for c in back.closures] == [
        (days(-1), days(5), "congés d'hiver"),
        (days(20), days(22), ""),
    ]


def test_a_document_older_than_today_drops_the_closures_over_since(closed_world, db):
    [record] = place_records([closed_world["nid"].pk], "fr")
    document = json.loads(json.dumps(record_document(record)))
    document["closures"][0]["end"] = days(-1).isoformat()
    assert [c.start_date for c in record_from_document(document).closures] == [days(20)]


def cards(language):
    with translation.override(language):
        page = search_page(PLACES, QueryDict(urlencode({"near": "4000"})))
        hits = page.result.hits
        facts = card_facts(hits)
        popups = {hit.id: map_feature(hit).get("closed") for hit in hits}
    return page.result.engine, facts, popups


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "Fermé jusqu'au "), ("nl", "Gesloten tot en met "), ("en", "Closed until ")],
)
def test_the_card_and_the_popup_say_the_closure_on_both_engines(
    closed_world, db, settings, cluster_config, indexed_world, language, words
):
    nid = closed_world["nid"].pk
    use_database(settings)
    engine, facts, popups = cards(language)
    assert engine == "database"
    assert facts[nid].opening.closed and facts[nid].opening.text.startswith(words)
    assert popups[nid].startswith(words)
    assert [place for place, closed in popups.items() if closed] == [nid]
    use_cluster(settings, cluster_config)
    assert cards(language) == ("cluster", facts, popups)
