"""Fill the directory with realistic fictional places, for demonstrations and benchmarks.

    manage.py seed_demo                      # 200 places, default seed
    manage.py seed_demo --count 100000       # benchmarks: bulk inserts, a few minutes at most
    manage.py seed_demo --seed 7 --clear     # replace the demo places with another draw

Idempotent: demo places are recognised by their slug (``demo-000042-…``); a run creates only the
ones missing for the requested count and never touches anything else, but for the live rooms of
today's drop-in sessions, given on a day none has one. See rencontres/demo/.
"""

from __future__ import annotations

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from activities.models import ActivityPage
from core.heap import application_set_aside
from core.search.deferral import indexing_held
from directory.models import PlacePage
from directory.quality import refresh_all
from gazetteer.models import Commune
from projects.models import HealthParentingProject
from rencontres.demo.activity_writer import (
    ActivityWriter,
    PlaceRow,
    attach_places,
    places_without_activities,
)
from rencontres.demo.campaigns import seed_campaign
from rencontres.demo.catalogue import Catalogue
from rencontres.demo.duplicates import seed_duplicates
from rencontres.demo.generator import MAX_DEMO_PLACES, DemoPlaceGenerator, demo_index
from rencontres.demo.live_rooms import seed_live_rooms
from rencontres.demo.partners import seed_partners
from rencontres.demo.projects import demo_places_queryset, seed_projects
from rencontres.demo.searches import seed_searches
from rencontres.demo.translations import seed_translations
from rencontres.demo.writer import (
    PlaceWriter,
    chunked,
    clear_demo_places,
    demo_pages,
    directory_root,
    existing_demo_slugs,
)

DEFAULT_COUNT = 200
DEFAULT_SEED = 20261122
DEFAULT_BATCH_SIZE = 1000
# How many already-present places are drawn again to check that they come from the same seed.
SEED_CHECK_SAMPLE = 20


class Command(BaseCommand):
    help = "Create fictional demo places over real communes (idempotent, bulk, with progress)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--count", type=int, default=DEFAULT_COUNT, help="how many demo places (default 200)"
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"random seed: the same seed gives the same places (default {DEFAULT_SEED})",
        )
        parser.add_argument(
            "--clear",
            action="store_true",
            help="delete every existing demo place (and its organiser group) first",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help="places written per transaction (default 1000)",
        )
        parser.add_argument(
            "--no-index", action="store_true", help="skip the search index update at the end"
        )
        parser.add_argument(
            "--duplicates",
            action="store_true",
            dest="with_duplicates",
            help="also import a few demo places twice, for the duplicates queue (once)",
        )

    def handle(
        self, *args, count, seed, clear, batch_size, no_index, with_duplicates, verbosity, **options
    ):
        if not 0 <= count <= MAX_DEMO_PLACES:
            raise CommandError(f"--count must be between 0 and {MAX_DEMO_PLACES}.")
        if batch_size < 1:
            raise CommandError("--batch-size must be positive.")
        self.verbosity = verbosity
        self.with_duplicates = with_duplicates

        parent = directory_root()
        if parent is None:
            raise CommandError("No directory root (PlaceIndexPage): run `manage.py migrate` first.")
        if not Commune.objects.exists():
            self.say("No commune yet: loading the gazetteer first.")
            call_command("load_gazetteer", verbosity=verbosity)
            if not Commune.objects.exists():
                raise CommandError("The gazetteer is empty: demo places need real communes.")

        if clear:
            total = demo_pages(parent).count()
            with self.progress(total, "Suppression") as bar:
                for done in clear_demo_places(parent):
                    bar.update(done)
            parent.refresh_from_db()

        catalogue = Catalogue.load()
        for slug in catalogue.skipped_programmes:
            self.stderr.write(
                self.style.WARNING(f"Programme {slug}: no commune in its country, no demo place.")
            )
        try:
            generator = DemoPlaceGenerator(catalogue, seed, timezone.now())
        except ValueError as error:
            raise CommandError(f"Cannot seed demo places: {error}.") from error

        existing = existing_demo_slugs(parent)
        missing = [index for index in range(count) if index not in existing]
        self.check_seed(generator, existing, count)
        self.say(
            f"{count - len(missing)} demo place(s) already there, {len(missing)} to create "
            f"(seed {seed})."
        )

        with application_set_aside():
            self.write_and_index(parent, generator, missing, seed, batch_size, no_index, count)

    def write_and_index(self, parent, generator, missing, seed, batch_size, no_index, count):
        clock = Clock()
        bar = tqdm(desc="Index de recherche", unit=" documents", disable=self.verbosity == 0)
        # Bulk writing announces nothing page by page: the search indexes (Wagtail's and the
        # cluster's) are filled once, at the end of the hold, and kept answers learn it then.
        with indexing_held(index=not no_index, progress=bar.update, lap=clock.lap) as held:
            created, activities, projects, campaign, translations = self.write(
                parent, generator, missing, seed, batch_size, clock
            )
            written = clock.elapsed()
            held.add(PlacePage, created)
            held.add(ActivityPage, activities, prepare=attach_places)
            held.add(HealthParentingProject, projects)
        bar.close()
        if held.cluster_error is not None:
            self.stderr.write(
                self.style.WARNING(
                    f"The search cluster was not updated ({held.cluster_error}): run "
                    "`manage.py rebuild_search_index` once it answers."
                )
            )
        indexed = not no_index and held.total() > 0
        finished = clock.elapsed()
        # Today's, on every run (none twice: the demo may be started again another day), after
        # the indexes: each tap reaches the place's documents as a team's does.
        rooms = seed_live_rooms(parent, seed, timezone.now())
        clock.lap("live rooms")
        # The weekly sums of fictional family searches, once (rencontres/demo/searches.py).
        searches = seed_searches(parent, seed, timezone.localdate())
        clock.lap("searches")
        # Last, once the bulk writing is done: a few places imported twice, for ONE staff's
        # duplicates queue (docs/duplicates.md). Asked for: they are places beyond `--count`.
        duplicates = seed_duplicates(parent, seed) if self.with_duplicates else 0
        clock.lap("duplicates")

        self.say(
            self.style.SUCCESS(
                f"Created {len(created)} demo place(s), {len(activities)} activit(ies) and "
                f"{len(projects)} project(s) in {written:.1f} s"
                + (f", indexed in {finished - written:.1f} s" if indexed else "")
                + f", {len(rooms)} live room(s), {searches} weekly search sum(s)"
                + f", {duplicates} likely duplicate pair(s)"
                + f", {translations} translation(s) in families' languages"
                + (f", the campaign « {campaign.name} »" if campaign else "")
                + f" ({clock}); {count} demo place(s) requested, {total_demo(parent)} present."
            )
        )

    def write(self, parent, generator, missing, seed, batch_size, clock):
        """Every row of the demo but today's live rooms, the searches and the twins; returns
        the new places', activities' and projects' ids, the campaign and the translations."""
        writer = PlaceWriter(parent)
        activity_writer = ActivityWriter(seed, timezone.localdate())
        created: list[int] = []
        activities: list[int] = []
        with self.progress(len(missing), "Lieux et activités") as bar:
            for indexes in chunked(missing, batch_size):
                # Each place is drawn once: its activities are written from the same draw.
                places = [generator.generate(index) for index in indexes]
                pages = writer.write(places)
                activities += activity_writer.write(
                    [(PlaceRow.of(page), place) for page, place in zip(pages, places, strict=True)]
                )
                created += [page.pk for page in pages]
                bar.update(len(pages))
        clock.lap("places and activities")
        activities += self.write_activities(
            parent, generator, activity_writer, set(created), batch_size
        )
        projects = seed_projects(demo_places_queryset(parent), seed, timezone.localdate())
        clock.lap("projects")
        # Before the indexes: its answers verify places, a fact of their documents.
        campaign = seed_campaign(parent, seed, timezone.now())
        clock.lap("campaign")
        # Texts in Arabic and Turkish, one a machine draft, one stale (demo/translations.py).
        translations = seed_translations(parent)
        clock.lap("translations")
        # Bulk creation publishes nothing, so no score followed: each listing's quality from
        # its record (directory.quality), before the indexes that carry it.
        for _progress in refresh_all():
            pass
        clock.lap("quality")
        seed_partners()
        return created, activities, projects, campaign, translations

    def write_activities(
        self, parent, generator, writer: ActivityWriter, drawn: set[int], batch_size: int
    ) -> list[int]:
        """Activities, sessions, closures and full sessions for the older demo places that have
        no activity yet (a run stopped between the two; a place drawn without any is drawn
        again, and again gets none). Places written by this run (`drawn`) already had theirs."""
        pending = [
            (row, slug) for row, slug in places_without_activities(parent) if row.pk not in drawn
        ]
        created: list[int] = []
        with self.progress(len(pending), "Activités") as bar:
            for chunk in chunked(pending, batch_size):
                pairs = [(row, generator.generate(demo_index(slug))) for row, slug in chunk]
                created += writer.write(pairs)
                bar.update(len(chunk))
        return created

    def check_seed(self, generator: DemoPlaceGenerator, existing: dict[int, str], count: int):
        sample = sorted(index for index in existing if index < count)[:SEED_CHECK_SAMPLE]
        if any(generator.generate(index).slug != existing[index] for index in sample):
            self.stderr.write(
                self.style.WARNING(
                    "Some existing demo places were drawn with another seed or version: they are "
                    "kept. Use --clear to draw them all again."
                )
            )

    def progress(self, total: int, label: str) -> tqdm:
        return tqdm(
            total=total, desc=label, unit=" lieux", disable=self.verbosity == 0 or not total
        )

    def say(self, message: str) -> None:
        if self.verbosity > 0:
            self.stdout.write(message)


class Clock:
    """The seconds each step of a run took, for the summary (benchmarks read it)."""

    def __init__(self):
        self.started = self.last = time.perf_counter()
        self.laps: list[tuple[str, float]] = []

    def lap(self, label: str) -> None:
        now = time.perf_counter()
        self.laps.append((label, now - self.last))
        self.last = now

    def elapsed(self) -> float:
        return self.last - self.started

    def __str__(self) -> str:
        return ", ".join(f"{label} {seconds:.1f} s" for label, seconds in self.laps)


def total_demo(parent) -> int:
    return demo_pages(parent).count()
