from django.core.management.base import BaseCommand
from tqdm import tqdm

from activities.occurrences import extend_window, window_days


class Command(BaseCommand):
    help = (
        "Materialise every activity's sessions up to the end of the rolling window "
        "(RENCONTRES_ACTIVITIES_WINDOW_DAYS days from today). Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, no_progress, **options):
        bar = tqdm(unit="activités", disable=no_progress or None, file=self.stderr._out)
        done = 0
        stats = None
        try:
            for progress in extend_window():
                bar.total = progress.total
                bar.update(progress.done - done)
                done, stats = progress.done, progress.stats
        finally:
            bar.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"{done} activités, fenêtre de {window_days()} jours : "
                f"{stats.created} séances créées, {stats.updated} mises à jour, "
                f"{stats.removed} retirées."
            )
        )
