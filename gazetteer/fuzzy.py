"""Typos: the indexed names (`PlaceName.name`) within a few edits of what was typed.

Candidates share trigrams with the typed name (`NameTrigram`, one row per distinct name and
trigram, written with the name index) and have a length close to it; they are then measured in
Python (`distance`: Damerau-Levenshtein, adjacent transpositions counting one edit) and kept
within `max_edits`. Names are compared normalised (`names.normalize`): accents, case, hyphens
and apostrophes are not typos. Works the same on SQLite and PostgreSQL, without extensions.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count

from gazetteer.bulk import batches, insert_rows
from gazetteer.models import NameTrigram, PlaceName

# Names shorter than this are never corrected: "ath" is one edit away from too many places.
MIN_TYPO_LENGTH = 4
# How many candidates (the most trigrams shared first) are measured at most.
MAX_CANDIDATES = 200


def max_edits(name: str) -> int:
    """The edits tolerated in a name this long: none under 4 characters, one up to 5, two
    beyond."""
    if len(name) < MIN_TYPO_LENGTH:
        return 0
    return 1 if len(name) <= 5 else 2


def trigrams(name: str) -> set[str]:
    """The name's trigrams, padded as PostgreSQL's pg_trgm does ("  lige " → "  l", " li", …),
    so that short names have some and the first letters weigh."""
    padded = f"  {name} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def distance(a: str, b: str, bound: int | None = None) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): insertions, deletions,
    substitutions and swaps of two neighbouring letters each count one. With a `bound`, only
    the diagonal band within it is computed, and any value above it is returned as bound + 1."""
    if a == b:
        return 0
    if bound is None:
        bound = max(len(a), len(b))
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    over = bound + 1
    previous2: list[int] = []
    previous = [j if j <= bound else over for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        ca = a[i - 1]
        current = [i if i <= bound else over] + [over] * len(b)
        for j in range(max(1, i - bound), min(len(b), i + bound) + 1):
            cb = b[j - 1]
            value = previous[j - 1] + (ca != cb)
            if previous[j] + 1 < value:
                value = previous[j] + 1
            if current[j - 1] + 1 < value:
                value = current[j - 1] + 1
            if (
                i > 1
                and j > 1
                and ca == b[j - 2]
                and a[i - 2] == cb
                and previous2[j - 2] + 1 < value
            ):
                value = previous2[j - 2] + 1
            current[j] = value if value < over else over
        if min(current) > bound:
            return over
        previous2, previous = previous, current
    return previous[-1]


def close_names(wanted: str, edits: int | None = None) -> list[tuple[int, str]]:
    """The indexed names within `edits` (default `max_edits`) of `wanted`, a normalised name,
    and within `max_edits` of the shorter of the two, as (distance, name), the closest first;
    `wanted` itself excluded."""
    edits = max_edits(wanted) if edits is None else edits
    if edits <= 0:
        return []
    grams = trigrams(wanted)
    # An edit changes at most three trigrams, a swap four: fewer shared cannot be close enough.
    needed = max(1, len(grams) - 4 * edits)
    rows = (
        NameTrigram.objects.filter(
            gram__in=grams, length__range=(len(wanted) - edits, len(wanted) + edits)
        )
        .values("name")
        .annotate(shared=Count("id"))
        .filter(shared__gte=needed)
        .order_by("-shared", "name")
        .values_list("name", flat=True)[:MAX_CANDIDATES]
    )
    # A number is never a typo: "lyon 10" is no "lyon 1", "rue haute 5" no place at all.
    digits = _digits(wanted)
    found = []
    for name in rows:
        if _digits(name) != digits:
            continue
        # The shorter of the two names sets the bound: "lilleke" is no typo of "lille".
        bound = min(edits, max_edits(min(wanted, name, key=len)))
        if name != wanted and (measured := distance(wanted, name, bound)) <= bound:
            found.append((measured, name))
    return sorted(found)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def trigram_rows(names: Iterable[str]) -> list[dict]:
    return [
        {"gram": gram, "length": len(name), "name": name}
        for name in names
        for gram in sorted(trigrams(name))
    ]


def index_names(names: Iterable[str]) -> None:
    """Add the trigrams of these names, for those not indexed yet (a commune saved alone)."""
    names = set(names)
    known = set(NameTrigram.objects.filter(name__in=names).values_list("name", flat=True))
    insert_rows(NameTrigram, trigram_rows(sorted(names - known)))


def sync_index() -> None:
    """Bring the trigrams in step with the name index: every distinct `PlaceName.name`, and
    nothing else (the loader calls this after writing the names)."""
    wanted = set(PlaceName.objects.values_list("name", flat=True).distinct())
    known = set(NameTrigram.objects.values_list("name", flat=True).distinct())
    for batch in batches(sorted(known - wanted)):
        NameTrigram.objects.filter(name__in=batch).delete()
    insert_rows(NameTrigram, trigram_rows(sorted(wanted - known)))
