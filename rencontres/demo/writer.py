"""Writing demo places in bulk, finding and clearing them, and indexing the new ones.

Wagtail pages are treebeard materialised-path nodes. ``add_child`` costs several queries per page
(it locks, reads the last child, validates, saves, sends signals), far too slow for 100,000 places.
Here paths are computed in memory, and each batch costs a handful of multi-row inserts: the
``wagtailcore_page`` rows, then the ``directory_placepage`` rows (``bulk_create`` refuses
multi-table inheritance, so they go through the queryset's own insert query with the place's local
fields only), then the many-to-many rows, the opening hours and the organiser groups. The search
indexes are filled at the end, once (`core.search.deferral`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import F
from wagtail.models import Locale, Page

from directory.models import OpeningHours, PlaceIndexPage, PlacePage
from directory.roles import organiser_groups_for
from projects.models import HealthParentingProject
from rencontres.demo.generator import DEMO_SLUG_PREFIX, TWIN_SLUG_PREFIX, DemoPlace, demo_index


def directory_root() -> PlaceIndexPage | None:
    return PlaceIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()


def demo_pages(parent: Page):
    """The demo places under the directory root (their base Page rows)."""
    return Page.objects.child_of(parent).filter(slug__startswith=DEMO_SLUG_PREFIX)


def existing_demo_slugs(parent: Page) -> dict[int, str]:
    found = {}
    for slug in demo_pages(parent).values_list("slug", flat=True).iterator(chunk_size=10_000):
        index = demo_index(slug)
        if index is not None:
            found[index] = slug
    return found


def bulk_insert(model, fields: Sequence, rows: Iterable[Sequence], using: str) -> None:
    """INSERT many rows with one prepared statement (``executemany``).

    Much cheaper than ``bulk_create`` for large batches: the SQL is compiled once rather than once
    per few dozen rows, and the values are still converted by each field for the database.
    """
    connection = connections[using]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Identifiers come from the model's own metadata, quoted; every value is a parameter.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    params = [
        [f.get_db_prep_save(value, connection) for f, value in zip(fields, row, strict=True)]
        for row in rows
    ]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)


def instance_rows(fields: Sequence, objs: Iterable) -> Iterator[list]:
    for obj in objs:
        yield [f.pre_save(obj, True) for f in fields]


class PlaceWriter:
    """Inserts batches of demo places under the directory root, a few queries per batch."""

    def __init__(self, parent: Page):
        self.parent = parent
        self.depth = parent.depth + 1
        self.content_type_id = ContentType.objects.get_for_model(PlacePage).pk
        self.db = router.db_for_write(PlacePage)
        self.page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        self.place_fields = list(PlacePage._meta.local_concrete_fields)
        self.relations = []
        for name, ids_of in (
            ("programmes", lambda place: place.programme_ids),
            ("objectives", lambda place: place.objective_ids),
            ("access_modes", lambda place: place.access_mode_ids),
            ("languages", lambda place: place.language_ids),
            ("accessibility", lambda place: place.feature_ids),
            ("accompaniments", lambda place: place.accompaniment_ids),
            ("required_documents", lambda place: place.document_ids),
            ("courts", lambda place: place.court_ids),
        ):
            m2m = PlacePage._meta.get_field(name)
            through = m2m.remote_field.through
            fields = [
                through._meta.get_field(m2m.m2m_field_name()),
                through._meta.get_field(m2m.m2m_reverse_field_name()),
            ]
            self.relations.append((through, fields, ids_of))
        self.hours_fields = [
            OpeningHours._meta.get_field(name)
            for name in ("place", "sort_order", "weekday", "opens", "closes")
        ]

    def _next_step(self) -> int:
        last = (
            Page.objects.filter(path__startswith=self.parent.path, depth=self.depth)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        return Page._str2int(last[-Page.steplen :]) + 1 if last else 1

    def write(self, places: Sequence[DemoPlace]) -> list[Page]:
        """Save the places as live pages; returns their base Page rows, with ids."""
        if not places:
            return []
        with transaction.atomic(using=self.db):
            # Lock the parent (PostgreSQL) so that concurrent writers cannot take the same paths.
            Page.objects.select_for_update().filter(pk=self.parent.pk).values_list("pk").first()
            step = self._next_step()
            if step + len(places) > len(Page.alphabet) ** Page.steplen:
                raise ValueError("the directory root has no room left for more children")
            pages = [self._page(place, step + offset) for offset, place in enumerate(places)]
            bulk_insert(Page, self.page_fields, instance_rows(self.page_fields, pages), self.db)
            ids = dict(
                Page.objects.filter(
                    depth=self.depth, path__gte=pages[0].path, path__lte=pages[-1].path
                ).values_list("path", "pk")
            )
            for page in pages:
                page.pk = ids[page.path]
                page._state.adding = False
                page._state.db = self.db
            rows = [
                PlacePage(page_ptr_id=page.pk, **place.fields)
                for place, page in zip(places, pages, strict=True)
            ]
            bulk_insert(
                PlacePage, self.place_fields, instance_rows(self.place_fields, rows), self.db
            )
            self._insert_relations(places, pages)
            Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + len(pages))
            organiser_groups_for(pages)
        return pages

    def _page(self, place: DemoPlace, step: int) -> Page:
        return Page(
            path=Page._get_path(self.parent.path, self.depth, step),
            depth=self.depth,
            numchild=0,
            title=place.title,
            draft_title=place.title,
            slug=place.slug,
            url_path=f"{self.parent.url_path}{place.slug}/",
            content_type_id=self.content_type_id,
            locale_id=self.parent.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=place.first_published_at,
            last_published_at=place.last_published_at,
        )

    def _insert_relations(self, places: Sequence[DemoPlace], pages: Sequence[Page]) -> None:
        pairs = list(zip(places, pages, strict=True))
        for through, fields, ids_of in self.relations:
            rows = [(page.pk, target) for place, page in pairs for target in ids_of(place)]
            bulk_insert(through, fields, rows, self.db)
        rows = [
            (page.pk, order, day, opens, closes)
            for place, page in pairs
            for order, (day, opens, closes) in enumerate(place.hours)
        ]
        bulk_insert(OpeningHours, self.hours_fields, rows, self.db)


def chunked(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def clear_demo_places(parent: Page, chunk_size: int = 1000) -> Iterator[int]:
    """Delete the demo places, their activities, projects and organiser groups; yields how many
    places were done."""
    twins = Page.objects.child_of(parent).filter(slug__startswith=TWIN_SLUG_PREFIX)
    french = demo_pages(parent) | twins
    # Their translations too (rencontres/demo/translations.py), in the other locales' trees.
    translations = Page.objects.filter(
        translation_key__in=french.values("translation_key")
    ).exclude(locale_id=parent.locale_id)
    rows = list((french | translations).order_by("path").values_list("pk", flat=True).distinct())
    for chunk in chunked(rows, chunk_size):
        with transaction.atomic():
            ids = list(chunk)
            Group.objects.filter(organised_place__place_id__in=ids).delete()
            HealthParentingProject.objects.filter(
                consultation_links__consultation_id__in=ids
            ).delete()
            # Treebeard's queryset deletes the pages under them (the activities) too.
            Page.objects.filter(pk__in=ids).delete()
        yield len(chunk)
