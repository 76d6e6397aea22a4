"""`manage.py export_open_data`: the daily open-data dump (run it daily, like
`extend_occurrences`)."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from opendata.dump import dump_dir, export


class Command(BaseCommand):
    help = "Writes the open-data dump (lieux.json, lieux.csv, LICENCE.txt) under MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, no_progress, **options):
        with tqdm(unit="lieux", disable=no_progress or None, file=self.stderr._out) as bar:
            count = export(progress=bar.update)
        self.stdout.write(f"{count} lieux exportés dans {dump_dir()}")
