"""The paginated list of places shown on the directory root, programme and objective pages."""

from django.db.models import QuerySet

from core.pages import in_source_language
from core.pagination import LinkedPage, linked_page
from directory.models.places import PlacePage

PLACES_PER_PAGE = 20


def public_places() -> QuerySet[PlacePage]:
    """Live places, with what a list card shows fetched in a fixed number of queries."""
    return (
        in_source_language(PlacePage.objects.live().public())
        .select_related("commune")
        .prefetch_related("programmes", "objectives")
        .order_by("title", "pk")
    )


def paginate(queryset: QuerySet, request) -> LinkedPage:
    return linked_page(queryset, PLACES_PER_PAGE, request)
