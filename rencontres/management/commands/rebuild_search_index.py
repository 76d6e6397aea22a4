from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.search.index import registered
from core.search.indexing import rebuild
from core.search.transport import ClusterUnavailable, get_transport


class Command(BaseCommand):
    help = (
        "Rebuild every registered search index (places, then activity sessions), each into a "
        "new index whose alias is then swapped to it: searches keep answering during the rebuild."
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
        for index in registered():
            bar = tqdm(unit=index.unit, disable=no_progress or None, file=self.stderr._out)
            done = 0
            try:
                for progress in rebuild(transport, index, shards=shards, replicas=replicas):
                    bar.total = progress.total
                    bar.update(progress.done - done)
                    done = progress.done
            except ClusterUnavailable as error:
                raise CommandError(f"Search cluster error: {error}") from error
            finally:
                bar.close()
            alias = transport.config.alias(index.name)
            self.stdout.write(self.style.SUCCESS(f"{done} {index.unit} indexés dans {alias}."))
