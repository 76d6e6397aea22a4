"""``manage.py load_gazetteer``: load Belgian and French communes, sections and postcodes from
the installed data packages (PyPI and npm; see gazetteer/sources/)."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gazetteer.courts import load_courts
from gazetteer.loading import load_gazetteer
from gazetteer.models import Commune, Court
from gazetteer.sources.france import DataPackageMissing


class Command(BaseCommand):
    help = (
        "Charge ou met à jour les communes, sections et codes postaux (Belgique, France) depuis "
        "les paquets de données installés. Idempotent : une seconde exécution ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--country",
            action="append",
            choices=["BE", "FR"],
            dest="countries",
            help="Pays à charger (répétable) ; par défaut la Belgique et la France.",
        )

    def handle(self, *args, countries=None, verbosity=1, **options):
        steps = load_gazetteer(countries or ("BE", "FR"))
        bar = None
        stage = None
        try:
            while True:
                try:
                    progress = next(steps)
                except StopIteration as stop:
                    result = stop.value
                    break
                if verbosity < 1:
                    continue
                if progress.stage != stage:
                    if bar is not None:
                        bar.close()
                    stage = progress.stage
                    bar = tqdm(
                        total=progress.total, desc=stage, unit=" lignes", file=self.stderr._out
                    )
                bar.n = progress.done
                bar.refresh()
        except DataPackageMissing as error:
            raise CommandError(str(error)) from error
        finally:
            if bar is not None:
                bar.close()

        for country in result.communes:
            self.stdout.write(self._summary(country, result))
        # The courts whose seat's commune was not loaded yet (gazetteer.courts).
        courts = load_courts(Court, Commune)
        if courts:
            self.stdout.write(f"{courts} tribunaux ajoutés")
        if result.changed:
            self.stdout.write(self.style.SUCCESS("Gazetier chargé."))
        else:
            self.stdout.write(self.style.SUCCESS("Gazetier déjà à jour : rien n'a changé."))

    def _summary(self, country, result) -> str:
        lines = [f"{country} :"]
        labels = (
            ("communes", "communes", result.communes[country]),
            ("sections", "sections et arrondissements", result.sections[country]),
            ("postcodes", "codes postaux", result.postcodes[country]),
        )
        for table, label, counts in labels:
            points = result.points[country][table]
            lines.append(
                f"  {counts.total} {label} ({counts.created} créé(e)s, {counts.updated} mis à "
                f"jour, {counts.unchanged} inchangé(e)s, {counts.removed} retiré(e)s) ; points : "
                f"{points.exact} exacts, {points.approximate} approximatifs"
            )
        if result.rekeyed.get(country):
            lines.append(f"  {result.rekeyed[country]} communes passées au code INSEE")
        for reason, count in sorted(result.skipped[country].items()):
            lines.append(f"  laissé(e)s de côté : {count} {reason}")
        return "\n".join(lines)
