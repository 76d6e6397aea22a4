from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from activities.search.indexing import occurrences_alias
from activities.search.indexing import rebuild as rebuild_occurrences
from directory.search.cluster.indexing import rebuild as rebuild_places
from directory.search.cluster.transport import ClusterUnavailable, get_transport


class Command(BaseCommand):
    help = (
        "Rebuild the search cluster's indexes (places, then activity sessions), each into a new "
        "index whose alias is then swapped to it: searches keep answering during the rebuild."
    )

    def add_arguments(self, parser):
        parser.add_argument("--shards", type=int, default=1)
        parser.add_argument("--replicas", type=int, default=0)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, shards, replicas, no_progress, **options):
        transport = get_transport()
        if transport is None:
            raise CommandError(
                "No search cluster configured (RENCONTRES_SEARCH_URL is unset): "
                "search runs on the database and has no index to rebuild."
            )
        jobs = [
            ("lieux", rebuild_places, transport.config.index_alias),
            ("séances", rebuild_occurrences, occurrences_alias(transport.config)),
        ]
        for unit, rebuild, alias in jobs:
            bar = tqdm(unit=unit, disable=no_progress or None, file=self.stderr._out)
            done = 0
            try:
                for progress in rebuild(transport, shards=shards, replicas=replicas):
                    bar.total = progress.total
                    bar.update(progress.done - done)
                    done = progress.done
            except ClusterUnavailable as error:
                raise CommandError(f"Search cluster error: {error}") from error
            finally:
                bar.close()
            self.stdout.write(self.style.SUCCESS(f"{done} {unit} indexés dans {alias}."))
