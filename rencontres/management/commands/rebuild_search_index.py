from argparse import ArgumentTypeError

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.search.index import registered
from core.search.indexing import rebuild
from core.search.transport import ClusterUnavailable, get_transport


def _count(lowest: int):
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = lowest - 1
        if number < lowest:
            raise ArgumentTypeError(f"a whole number from {lowest}, not {value!r}")
        return number

    return parse


class Command(BaseCommand):
    help = (
        "Rebuild every registered search index (places, then activity sessions), each into a "
        "new index whose alias is then swapped to it: searches keep answering during the rebuild."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--shards",
            type=_count(1),
            default=None,
            help="Primary shards of each new index (default: RENCONTRES_SEARCH_SHARDS, 1).",
        )
        parser.add_argument(
            "--replicas",
            type=_count(0),
            default=None,
            help="Copies of each shard, added once the index is filled "
            "(default: RENCONTRES_SEARCH_REPLICAS, 0).",
        )
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
            done, note = 0, ""
            try:
                for progress in rebuild(transport, index, shards=shards, replicas=replicas):
                    bar.total = progress.total
                    bar.update(progress.done - done)
                    done = progress.done
                    note = progress.note
            except ClusterUnavailable as error:
                raise CommandError(f"Search cluster error: {error}") from error
            finally:
                bar.close()
            alias = transport.config.alias(index.name)
            self.stdout.write(self.style.SUCCESS(f"{done} {index.unit} indexés dans {alias}."))
            if note:
                self.stdout.write(note)
