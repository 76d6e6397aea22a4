"""Planning and writing a valid row: what it would change, then the place written through Wagtail.

A new place is added under the directory root with ``add_child`` and published; an update is
published as a new revision of the locked place. Each in a transaction of its own, so that the
organiser group, the audit log and the search indexes follow as for a place made in the editor,
and an interruption rolls back the row being written.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify
from wagtail.log_actions import log

from directory.importing.rows import RELATED_FIELDS, SIMPLE_FIELDS, PlaceData
from directory.map_page import PlaceIndexPage
from directory.models.places import PlacePage
from gazetteer.geocoding import geocode_place_address


def address(place) -> tuple:
    return (place.street_address.strip(), place.postcode, place.commune.pk, place.country)


def keeps_point(page: PlacePage | None, data: PlaceData) -> bool:
    """Whether the place's point still holds for the row: it has one, at the same address."""
    return page is not None and page.latitude is not None and address(page) == address(data)


def changed_fields(page: PlacePage, data: PlaceData) -> list[str]:
    """The fields of `page` that `data` would change (coordinates only when the row gives
    them: a point found by the geocoder or set on the map is kept while the address stays)."""
    changes = [name for name in SIMPLE_FIELDS if getattr(page, name) != getattr(data, name)]
    if page.commune_id != data.commune.pk:
        changes.append("commune")
    if data.has_point and (page.latitude, page.longitude) != (data.latitude, data.longitude):
        changes.append("position")
    for name in RELATED_FIELDS:
        current = {item.pk for item in getattr(page, name).all()}
        if current != {item.pk for item in getattr(data, name)}:
            changes.append(name)
    hours = sorted((s.weekday, s.opens, s.closes) for s in page.opening_hours.all())
    if hours != data.opening_hours:
        changes.append("opening_hours")
    return changes


def _unique_slug(parent: PlaceIndexPage, title: str) -> str:
    base = (slugify(title) or "lieu")[:200].rstrip("-")
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _point_for(data: PlaceData, page: PlacePage | None) -> tuple[Decimal, Decimal] | None:
    """The row's point; else the page's, while its address stays; else the geocoder's (None
    when it cannot say: the place is then shown at its commune until someone sets it)."""
    if data.has_point:
        return data.latitude, data.longitude
    if keeps_point(page, data):
        return page.latitude, page.longitude
    return geocode_place_address(
        street=data.street_address,
        postcode=data.postcode,
        commune_name=data.commune.name_fr,
        country=data.country,
    )


def create(parent: PlaceIndexPage, data: PlaceData, user) -> PlacePage:
    point = _point_for(data, None)
    with transaction.atomic():
        page = PlacePage(slug=_unique_slug(parent, data.title), live=False)
        data.fill(page, point)
        parent.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=user)
        page.save_revision(user=user, log_action=False).publish(user=user)
    return page


def update(page: PlacePage, data: PlaceData, user) -> PlacePage:
    point = _point_for(data, page)
    with transaction.atomic():
        # Lock the row: an editor saving the same place meanwhile waits for this revision.
        page = PlacePage.objects.select_for_update().get(pk=page.pk)
        if point is None:
            page.latitude = page.longitude = None
        data.fill(page, point)
        page.save_revision(user=user, log_action=True).publish(user=user)
    return page
