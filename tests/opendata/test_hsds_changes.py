"""HSDS lists read by changes or whole (opendata/hsds/feeds.py): `cursor` pages in the order of
changes with tombstones, `minimal` gives every id and date in one call, `format=ndjson` streams
every record; on both engines, and a bad cursor is a 400 naming it."""

import json

import pytest

from core.tombstones import record_removal
from directory.search.criteria import public_places
from opendata.ids import record_id
from tests.opendata.schemas import validate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("feed_settled_at_once")]


def get(client, path, **params):
    response = client.get(f"/api/hsds{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def every_service_id() -> set[str]:
    return {record_id("service", pk) for pk in public_places().values_list("pk", flat=True)}


@pytest.mark.parametrize("path", ["/services", "/service_at_locations", "/organizations"])
def test_a_cursor_reads_every_record_once_in_the_order_of_changes(client, engine, path):
    cursor, seen, dates = "start", [], []
    for _call in range(20):
        body = get(client, path, cursor=cursor, per_page=2)
        if not body["contents"]:
            break
        seen += [item["id"] for item in body["contents"]]
        dates += [item["last_modified"] for item in body["contents"] if "last_modified" in item]
        cursor = body["next_cursor"]
        assert body["tombstones"] == []
    kind = {"/services": "service", "/organizations": "organization"}.get(path)
    assert len(seen) == len(set(seen)) == len(every_service_id())
    if kind:
        pks = public_places().values_list("pk", flat=True)
        assert set(seen) == {record_id(kind, pk) for pk in pks}
    assert dates == sorted(dates)


def test_minimal_is_every_id_and_date_in_one_call(client, engine):
    body = get(client, "/services", minimal="true")
    assert {item["id"] for item in body["contents"]} == every_service_id()
    assert all(set(item) == {"id", "last_modified"} for item in body["contents"])
    assert body["total_pages"] == 1 and body["total_items"] == len(body["contents"])


def test_ndjson_streams_every_service(client, engine):
    response = client.get("/api/hsds/services", {"format": "ndjson"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson"
    lines = b"".join(response.streaming_content).decode().splitlines()
    services = [json.loads(line) for line in lines]
    assert {s["id"] for s in services} == every_service_id()
    for service in services:
        validate("service", service)
    assert "Rue Cachée" not in "\n".join(lines)


def test_tombstones_name_the_service_that_replaces(client, world, settings):
    settings.SEARCH_CLUSTER = {**settings.SEARCH_CLUSTER, "url": None}
    first = get(client, "/services", cursor="start", per_page=100)
    gone, kept = world["nid"], world["bulle"]
    gone.unpublish()
    record_removal(gone, replaced_by=kept)
    body = get(client, "/services", cursor=first["next_cursor"])
    assert body["contents"] == []
    assert [(t["id"], t["replaced_by"]) for t in body["tombstones"]] == [
        (record_id("service", gone.pk), record_id("service", kept.pk))
    ]


@pytest.mark.parametrize("path", ["/services", "/organizations", "/service_at_locations"])
def test_a_bad_cursor_is_a_400_naming_it(client, world, path):
    response = client.get(f"/api/hsds{path}", {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"cursor"}
