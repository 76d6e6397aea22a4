"""Typos benchmark (not a test): how fast `suggest` answers what a family types, typos included,
and how often a typo finds the place it was made in.

Speed: p50 and p95 of `suggest` over 50 typed prefixes (the first 3 to 8 letters of random
communes' names, a third of them with one letter doubled, dropped or swapped), and of
`resolve_near` over mistyped whole names, on SQLite with the full gazetteer.
Recall: the share of mistyped names (one edit, names of 6 letters or more) that `near` resolves
to the commune they were taken from, or to a homonym of it.

    .venv/bin/python benchmarks/typos.py [--database /tmp/typos/db.sqlite3] [--rounds 5]

It loads the gazetteer into the database first when it is empty.

Measured 2026-12-07 (2 cores shared with other jobs, 473,263 trigrams): SQLite, suggest p50
10.5 ms / p95 32.9 ms (7.2 / 12.7 ms without the typos), near on mistyped names p50 5.8 ms;
PostgreSQL 15, suggest p50 15.5 ms / p95 43.1 ms (10.0 / 23.8 ms without), near p50 21.4 ms;
187 of 200 mistyped names found (the others are one edit from another commune as well:
"Ceysat" is Ceyrat's typo as much as Ceyssat's).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.gazetteer_database import (  # noqa: E402
    DEFAULT_DATABASE,
    open_gazetteer_database,
    percentile,
)


def mistype(text: str, rng: random.Random) -> str:
    """One edit a hurried family makes: a letter doubled, dropped, or swapped with the next."""
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    i = rng.choice(letters[1:-1] or letters)
    kind = rng.choice(["double", "drop", "swap"])
    if kind == "double":
        return text[: i + 1] + text[i] + text[i + 1 :]
    if kind == "drop":
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i + 1 : i + 2] + text[i] + text[i + 2 :]


def timed(function, texts: list[str], rounds: int) -> list[float]:
    for text in texts:  # warm-up
        function(text)
    timings = []
    for _round in range(rounds):
        for text in texts:
            started = time.perf_counter()
            function(text)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def report(what: str, timings: list[float]) -> None:
    print(
        f"{what} : {len(timings)} appels ; p50 {percentile(timings, 0.5):.2f} ms, "
        f"p95 {percentile(timings, 0.95):.2f} ms, max {max(timings):.1f} ms"
    )


def run(rounds: int) -> None:
    from gazetteer import lookup
    from gazetteer.lookup import resolve_near, suggest
    from gazetteer.models import Commune, NameTrigram
    from gazetteer.names import normalize

    print(f"{NameTrigram.objects.count()} trigrammes indexés")
    rng = random.Random(27)  # noqa: S311
    communes = list(Commune.objects.filter(retired=False).values_list("name_fr", "pk"))
    prefixes = []
    for name, _pk in rng.sample(communes, 50):
        typed = name[: rng.randint(3, 8)]
        prefixes.append(mistype(typed, rng) if len(typed) >= 4 and rng.random() < 0.34 else typed)
    prefixes += ["Lige", "Namurr", "Bruxele", "Sint-Trudien"]
    report(
        "suggest (50 débuts de noms, un tiers mal tapés, + 4 fautes)",
        timed(suggest, prefixes, rounds),
    )
    # The same without the typos, for comparison.
    kept = lookup.typo_suggestions
    lookup.typo_suggestions = lambda *_args: []
    report("suggest, même saisies, sans les fautes", timed(suggest, prefixes, rounds))
    lookup.typo_suggestions = kept

    long_names = [(n, pk) for n, pk in communes if len(normalize(n)) >= 6]
    sample = rng.sample(long_names, 200)
    typos = [(mistype(name, rng), name, pk) for name, pk in sample]
    report(
        "resolve_near (200 noms mal tapés)",
        timed(resolve_near, [typed for typed, _n, _pk in typos], 1),
    )
    homonyms: dict[str, set[int]] = {}
    for name, pk in communes:
        homonyms.setdefault(normalize(name), set()).add(pk)
    found = 0
    misses = []
    for typed, name, _pk in typos:
        point = resolve_near(typed)
        if point is not None and point.commune_id in homonyms[normalize(name)]:
            found += 1
        else:
            misses.append(f"{typed} → {point.label if point else '∅'} ({name})")
    print(f"fautes retrouvées : {found}/{len(typos)} ; manquées : " + "; ".join(misses[:8]))
    for text in ["Lige", "Namurr", "Bruxele", "Sint-Trudien", "Saint-Denis (La Réunion)"]:
        point = resolve_near(text)
        first = suggest(text)[:3]
        print(
            f"  {text!r}: near → {point.label if point else None} ({point and point.key}); "
            f"suggest → {[s.label for s in first]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=str(DEFAULT_DATABASE))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    open_gazetteer_database(Path(args.database))
    run(args.rounds)


if __name__ == "__main__":
    main()
