"""Map page weight benchmark (not a test): how many bytes the map page's HTML weighs, raw and
gzipped, and the GeoJSON answer its map fetches (the URL the page names in `data-points-url`;
none when the page writes its points itself) with its number of features, on the benchmarks' demo
database (benchmarks/demo_database.py; built first if missing, a few minutes at 10,000 places).

    .venv/bin/python benchmarks/map_page_size.py [--places 10000] [--database PATH]

Each page is asked twice in one process (the second is what a kept answer serves, core/kept.py);
the figures are the first's.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import sys
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.demo_database import demo_database  # noqa: E402

FEATURE = b'"type": "Feature"'
SEARCHES = {
    "every place": "",
    "near 75001, 20 km": "near=75001&radius_km=20",
    "near 4000, 10 km": "near=4000&radius_km=10",
    "near 59000, 50 km": "near=59000&radius_km=50",
    "activities, month": "view=activities&when=month",
    "activities, 75001": "view=activities&when=month&near=75001&radius_km=20",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--database", type=Path)
    args = parser.parse_args()
    database = demo_database(args.places, args.database)
    os.environ.update(
        RENCONTRES_DEBUG="1",
        RENCONTRES_DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="rencontres.settings",
    )
    os.environ.pop("RENCONTRES_SEARCH_URL", None)
    import django

    django.setup()
    from django.test import Client

    client = Client()
    print(f"Map page weight, {args.places} places ({database})")
    print(
        f"{'search':<20} {'HTML B':>8} {'gzip B':>7} {'GeoJSON B':>9} {'gzip B':>7} {'points':>6}"
    )
    for name, query in SEARCHES.items():
        page = client.get("/lieux/" + (f"?{query}" if query else ""), follow=True)
        html = page.content
        # The map's points: the answer the page names (data-points-url), if it names one.
        named = re.search(rb'data-points-url="([^"]+)"', html)
        geojson = b""
        if named:
            api = client.get(unescape(named.group(1).decode()))
            geojson = api.content if api.status_code == 200 else b""
        print(
            f"{name:<20} {len(html):>8} {len(gzip.compress(html)):>7} "
            f"{len(geojson):>9} {len(gzip.compress(geojson)) if geojson else 0:>7} "
            f"{geojson.count(FEATURE):>6}",
            flush=True,
        )


if __name__ == "__main__":
    main()
