"""Stable, reversible UUIDs for records that have integer keys here: HSDS identifies every
record by a UUID. `5e9c0d6a-<kind>-4000-8000-<numbers>`: the kind in the second group, the
keys (one of 12 hex digits, or two of 6) in the last; a well-formed version-4 layout."""

from __future__ import annotations

import re

PREFIX = "5e9c0d6a"
KINDS = {
    "organization": 1,
    "service": 2,
    "location": 3,
    "service_at_location": 4,
    "taxonomy": 5,
    "programme_term": 6,
    "objective_term": 7,
    "schedule": 8,
    "closure": 9,
    "language": 10,
    "accessibility": 11,
    "cost_option": 12,
    "contact": 13,
    "phone": 14,
    "programme_attribute": 15,
    "objective_attribute": 16,
    "address": 17,
    "service_capacity": 18,
    "unit": 19,
    "required_document": 26,
    "service_area": 27,
    # HSDS 3.1's url records (opendata.hsds.versions).
    "url": 40,
}
PATTERN = re.compile(rf"^{PREFIX}-([0-9a-f]{{4}})-4000-8000-([0-9a-f]{{12}})$")
PAIR = 1 << 24
MAX_KEY = 2**31 - 1


def record_id(kind: str, *keys: int) -> str:
    if len(keys) == 1:
        last = keys[0]
    else:
        first, second = keys
        last = first * PAIR + second
    return f"{PREFIX}-{KINDS[kind]:04x}-4000-8000-{last:012x}"


def keys_of(kind: str, text: str, pair: bool = False) -> tuple[int, ...] | None:
    """The keys `record_id(kind, …)` encoded, or None when `text` is no such id."""
    found = PATTERN.match(text.strip().lower())
    if not found or int(found.group(1), 16) != KINDS[kind]:
        return None
    last = int(found.group(2), 16)
    keys = divmod(last, PAIR) if pair else (last,)
    # Keys are 32-bit integers in the database: a larger one is no record's.
    return keys if all(key <= MAX_KEY for key in keys) else None


def kind_of(text: str) -> str | None:
    found = PATTERN.match(text.strip().lower())
    if not found:
        return None
    number = int(found.group(1), 16)
    return next((kind for kind, value in KINDS.items() if value == number), None)
