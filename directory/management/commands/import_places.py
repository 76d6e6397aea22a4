"""``manage.py import_places FILE``: create or update places from a CSV or XLSX list.

    manage.py import_places lieux.xlsx --dry-run   # what would be created, updated, rejected
    manage.py import_places lieux.xlsx             # the real run (idempotent on external_id)

The columns are documented in docs/import.md; see directory/importing/ for how rows are
validated and written. Rejected rows are reported with their reasons and never stop the
others. The exit status is 0 when the file could be read, whatever the rows' fate; --strict
makes any rejected row an error (for scripts).
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from directory.importing import ImportFileError, import_places, read_rows


class Command(BaseCommand):
    help = (
        "Importe des lieux depuis un fichier CSV ou XLSX (colonnes : docs/import.md). "
        "--dry-run montre ce qui serait créé, mis à jour ou rejeté, sans rien écrire."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier .csv ou .xlsx")
        parser.add_argument(
            "--dry-run", action="store_true", help="n'écrire rien : rapport ligne par ligne"
        )
        parser.add_argument(
            "--user", help="nom d'utilisateur inscrit dans l'historique des lieux (facultatif)"
        )
        parser.add_argument(
            "--strict", action="store_true", help="sortir en erreur si une ligne est rejetée"
        )

    def handle(self, *args, file, dry_run, user, strict, verbosity, **options):
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path} : {error.strerror}") from error
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"Utilisateur inconnu : {user}")

        try:
            rows = list(read_rows(content, path.name))
        except ImportFileError as error:
            raise CommandError(str(error)) from error

        bar = tqdm(
            total=len(rows),
            desc="Simulation" if dry_run else "Import",
            unit=" lignes",
            disable=verbosity == 0,
            file=self.stderr._out,
        )
        try:
            with bar:
                report = import_places(
                    rows, dry_run=dry_run, user=author, progress=lambda row: bar.update(1)
                )
        except KeyboardInterrupt:
            # The row being written was rolled back with its transaction; the rows before it
            # are written whole, and a new run finds them unchanged.
            self.stderr.write("Import interrompu : la ligne en cours n'a pas été écrite.")
            raise
        except ImportFileError as error:
            raise CommandError(str(error)) from error

        for row in report.rows:
            if verbosity == 0 and row.action != "reject":
                continue
            line = f"ligne {row.line} · {row.external_id or '—'} · {row.action_label}"
            if row.name:
                line += f" · {row.name}"
            if row.changes:
                line += f" ({', '.join(row.changes)})"
            if row.notes:
                line += f" [{'; '.join(row.notes)}]"
            if row.action == "reject":
                line += " : " + " ; ".join(row.reasons)
                self.stdout.write(self.style.WARNING(line))
            else:
                self.stdout.write(line)

        counts = report.counts
        verbs = ("serait créé", "serait mis à jour") if dry_run else ("créé", "mis à jour")
        summary = (
            f"{len(report.rows)} ligne(s) : {counts['create']} {verbs[0]}(s), "
            f"{counts['update']} {verbs[1]}(s), {counts['unchanged']} inchangé(s), "
            f"{counts['reject']} rejeté(s)."
        )
        if dry_run:
            summary += " Simulation : rien n'a été écrit."
        self.stdout.write(self.style.SUCCESS(summary) if not counts["reject"] else summary)
        if strict and counts["reject"]:
            raise CommandError(f"{counts['reject']} ligne(s) rejetée(s).")
