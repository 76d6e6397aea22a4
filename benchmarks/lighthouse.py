"""Phone pages benchmark (not a test): Lighthouse's mobile scores of the public pages.

The site runs as in production (DEBUG off, gunicorn, WhiteNoise's compressed static files) on a
SQLite database holding the gazetteer and the demo places; Lighthouse (npm, pinned in
package.json) drives Debian's Chromium with its default mobile emulation (a mid-range phone,
simulated slow 4G, 4× CPU slowdown) and prints the four category scores (performance,
accessibility, best practices, SEO) of each kind of public page: the home page, the map page
without and with a search and its activities view, a place page, an activity page, a programme's
and an objective's page, the open-data page and the alert form; each the median of `--runs` runs
(by performance score). `--pages` keeps the pages whose name contains one of its words. The map
tiles come from a local stand-in image unless `--real-tiles` (an offline machine's failing tiles
would each be an error in the console, and the tile server's speed is not the site's).

    .venv/bin/python benchmarks/lighthouse.py [--database /tmp/rencontres-lighthouse.sqlite3]
        [--runs 3] [--port 8765] [--near 4000] [--pages "place,activity"] [--real-tiles]

The database is migrated, loaded with the gazetteer and seeded with the demo when it has no
place yet (a few minutes the first time).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


# The map tiles' stand-in: one of Leaflet's own images, from the site itself (WhiteNoise ignores
# the query string), so that the scores measure the site, not whether the tile server answers a
# machine that may be offline (every tile failing is an error in the console).
LOCAL_TILES = "http://127.0.0.1:{port}/static/leaflet/images/layers-2x.png?{{z}}/{{x}}/{{y}}"


def environment(
    database: Path, static_root: Path, port: int, real_tiles: bool = False
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RENCONTRES_")}
    env.update(
        RENCONTRES_DEBUG="0",
        RENCONTRES_SECRET_KEY=secrets.token_urlsafe(50),
        RENCONTRES_ALLOWED_HOSTS="127.0.0.1",
        RENCONTRES_BASE_URL=f"http://127.0.0.1:{port}",
        RENCONTRES_DATABASE_URL=f"sqlite:///{database}",
        RENCONTRES_STATIC_ROOT=str(static_root),
    )
    if not real_tiles:
        env["RENCONTRES_MAP_TILES_URL"] = LOCAL_TILES.format(port=port)
    return env


def manage(env: dict[str, str], *args: str) -> str:
    command = [str(ROOT / ".venv" / "bin" / "python"), "manage.py", *args]
    return subprocess.run(
        command, cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def prepare(env: dict[str, str]) -> None:
    manage(env, "migrate", "--noinput", "-v0")
    count = manage(
        env,
        "shell",
        "-c",
        "from directory.models import PlacePage; print(PlacePage.objects.live().count())",
    )
    if int(count.strip().splitlines()[-1]) == 0:
        print("Loading the gazetteer and seeding the demo (first run only)…", flush=True)
        manage(env, "load_gazetteer")
        manage(env, "seed_demo")
    manage(env, "collectstatic", "--noinput", "-v0")


def first_paths(env: dict[str, str]) -> dict[str, str]:
    """The first live place page, activity page, programme and objective of the database."""
    out = manage(
        env,
        "shell",
        "-c",
        "from directory.models import PlacePage; "
        "from activities.models import ActivityPage; "
        "from objectives.models import Objective, Programme; "
        "print(PlacePage.objects.live().order_by('pk').first().url); "
        "print(ActivityPage.objects.live().order_by('pk').first().url); "
        "print('/programmes/%s/' % Programme.objects.order_by('pk').first().slug); "
        "print('/objectifs/%s/' % Objective.objects.order_by('pk').first().slug)",
    )
    place, activity, programme, objective = out.strip().splitlines()[-4:]
    return {
        "place page": place,
        "activity page": activity,
        "programme page": programme,
        "objective page": objective,
    }


def wait_until_up(url: str, server: subprocess.Popen) -> None:
    for _ in range(100):
        if server.poll() is not None:
            sys.exit("gunicorn stopped before answering")
        try:
            with urllib.request.urlopen(url, timeout=30):  # noqa: S310 (a local http URL)
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    sys.exit(f"{url} did not answer")


CATEGORIES = {
    "performance": "perf",
    "accessibility": "a11y",
    "best-practices": "best",
    "seo": "seo",
}


def lighthouse(url: str, output: Path) -> dict:
    """One Lighthouse run: the four category scores (0–100), the performance metrics, and the
    audits that cost points outside performance. A run that Lighthouse itself fails (a trace it
    could not record, on a busy machine) is tried again, once."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode:
        subprocess.run(command, cwd=ROOT, env=env, check=True)
    report = json.loads(output.read_text())
    audits = report["audits"]
    failing = sorted(
        {
            ref["id"]
            for name, category in report["categories"].items()
            if name != "performance"
            for ref in category["auditRefs"]
            if ref["weight"]
            and (audits[ref["id"]].get("score") or 0) < 1
            and audits[ref["id"]].get("scoreDisplayMode") == "binary"
        }
    )
    return {
        **{
            short: round((report["categories"][name]["score"] or 0) * 100)
            for name, short in CATEGORIES.items()
        },
        "score": round((report["categories"]["performance"]["score"] or 0) * 100),
        "failing": failing,
        # What the console said (a resource that failed, a script's error), for `failing`.
        "console": [
            " ".join(
                (item.get("source", ""), item.get("description", ""), item.get("url", ""))
            ).strip()
            for item in audits["errors-in-console"].get("details", {}).get("items", [])
        ][:5],
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database",
        type=Path,
        default=Path(tempfile.gettempdir()) / "rencontres-lighthouse.sqlite3",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--near", default="4000", help="what the map page's search is near")
    parser.add_argument("--pages", default="", help="comma-separated words of the pages to run")
    parser.add_argument(
        "--real-tiles",
        action="store_true",
        help="the configured tile server (OpenStreetMap) rather than a local stand-in image",
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: npm ci")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")

    work = Path(tempfile.mkdtemp(prefix="rencontres-lighthouse-"))
    env = environment(args.database.resolve(), work / "static", args.port, args.real_tiles)
    prepare(env)
    base = f"http://127.0.0.1:{args.port}"
    pages = {
        "home": "/",
        "map page": "/lieux/",
        "map page, search": f"/lieux/?near={args.near}&radius_km=10",
        "map, activities": f"/lieux/?view=activities&near={args.near}&radius_km=10",
        **first_paths(env),
        "open data": "/donnees-ouvertes/",
        "alert form": "/alertes/",
    }
    if args.pages:
        words = [word.strip() for word in args.pages.split(",") if word.strip()]
        pages = {name: path for name, path in pages.items() if any(w in name for w in words)}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "rencontres.wsgi",
            f"--bind=127.0.0.1:{args.port}",
            "--workers=2",
            "--timeout=120",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(base + "/", server)
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"Lighthouse mobile scores, median of {args.runs} run(s); load {load}")
        print(
            f"{'page':<18} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4} "
            f"{'FCP ms':>7} {'LCP ms':>7} {'TBT ms':>7} {'CLS':>6}"
        )
        for name, path in pages.items():
            runs = [lighthouse(base + path, work / f"report-{i}.json") for i in range(args.runs)]
            median = sorted(runs, key=lambda run: run["score"])[len(runs) // 2]
            scores = " ".join(
                f"{statistics.median(run[short] for run in runs):>4.0f}"
                for short in CATEGORIES.values()
            )
            print(
                f"{name:<18} {scores} "
                f"{median['fcp_ms']:>7.0f} {median['lcp_ms']:>7.0f} {median['tbt_ms']:>7.0f} "
                f"{median['cls']:>6.3f}   {path}",
                flush=True,
            )
            if median["failing"]:
                print(f"{'':<18} failing: {', '.join(median['failing'])}", flush=True)
            for line in median["console"]:
                print(f"{'':<18} console: {line}", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
