"""The one entry point of family search: picks the engine, falls back to the database."""

from __future__ import annotations

from directory.search.engines import database
from directory.search.params import PlaceQuery
from directory.search.results import PlaceSearchResult


def search_places(query: PlaceQuery) -> PlaceSearchResult:
    return database.search(query)
