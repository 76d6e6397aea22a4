"""Daily: every listing's quality score recomputed from its record (directory.quality), since
time passing alone changes one (a verification grows old); the changed places' search documents
are rewritten."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from directory.quality import refresh_all


class Command(BaseCommand):
    help = "Recalcule la qualité des fiches des lieux (docs/quality.md)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, no_progress, **options):
        bar = tqdm(unit="lieux", disable=no_progress or None, file=self.stderr._out)
        done = changed = 0
        with bar:
            for progress in refresh_all():
                bar.update(progress[0] - done)
                done, changed = progress
        self.stdout.write(f"{done} place(s) scored, {changed} score(s) changed")
