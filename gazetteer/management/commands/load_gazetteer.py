"""``manage.py load_gazetteer``: load Belgian and French communes and postcodes from PyPI data."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from gazetteer.loading import load_gazetteer


class Command(BaseCommand):
    help = (
        "Charge ou met à jour les communes et codes postaux (Belgique, France) depuis les paquets "
        "de données installés. Idempotent : une seconde exécution ne change rien."
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
        finally:
            if bar is not None:
                bar.close()

        for country, counts in result.communes.items():
            postcodes = result.postcodes[country]
            self.stdout.write(
                f"{country} : {counts.total} communes ({counts.created} créées, "
                f"{counts.updated} mises à jour, {counts.unchanged} inchangées) ; "
                f"{postcodes.total} codes postaux ({postcodes.created} créés, "
                f"{postcodes.updated} mis à jour, {postcodes.unchanged} inchangés) ; "
                f"{result.skipped_postcodes[country]} codes postaux ignorés "
                "(sans coordonnées ou sans commune)."
            )
        if result.changed:
            self.stdout.write(self.style.SUCCESS("Gazetier chargé."))
        else:
            self.stdout.write(self.style.SUCCESS("Gazetier déjà à jour : rien n'a changé."))
