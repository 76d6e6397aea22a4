"""Clear the family's fields of orientations answered or expired more than
`ORIENTATIONS["retention_days"]` ago (docs/orientations.md). Daily (rencontres/periodic.py)."""

from django.core.management.base import BaseCommand

from orientations.flow import anonymise


class Command(BaseCommand):
    help = "Clear the family's details of orientations past their retention period."

    def handle(self, *args, **options):
        count = anonymise()
        self.stdout.write(f"{count} orientation(s) anonymised.")
