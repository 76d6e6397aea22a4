"""Who may do what: ONE staff curate and approve; each place's organisers edit only that place.

Organisers can add and edit pages in their place's subtree (the place and its activities) but
not publish: their changes go through the "Validation ONE" workflow, approved by ONE staff.

ONE staff may mark a place as trusted: its organiser group then holds the publish permission on
the place, and `PlacePermissionTester` (beside the models: `directory.models.permissions`) lets
that permission reach only the pages *under* the place (its activities). The place page itself
still goes through the workflow.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from directory.models.organisers import PlaceOrganisers
from directory.models.permissions import TRUSTED_ORGANISER_PAGE_PERMISSIONS

ORGANISER_GROUP_PREFIX = "Organisateurs"
ORGANISER_PAGE_PERMISSIONS = ["add_page", "change_page"]
# Asking for a translation of their pages (which ones: TranslateOwnPagesMiddleware).
ORGANISER_PERMISSIONS = [("wagtail_localize", "submit_translation")]
IMAGE_PERMISSIONS = ["add_image", "choose_image"]


# Group names are at most 150 characters; the title part is cut to leave room for the rest.
GROUP_NAME_TITLE_LENGTH = 100


def organiser_group_name(place: Page) -> str:
    """The name the place's group is given: for people reading the group list. Nothing finds
    the group by it (`PlaceOrganisers` links them); the page id keeps two homonyms apart."""
    title = place.title
    if len(title) > GROUP_NAME_TITLE_LENGTH:
        title = title[: GROUP_NAME_TITLE_LENGTH - 1].rstrip() + "…"
    return f"{ORGANISER_GROUP_PREFIX} — {title} (#{place.pk})"


def organiser_group(place: Page) -> Group | None:
    """The place's organiser group, found through its link, whatever either is called now."""
    return Group.objects.filter(organised_place__place_id=place.pk).first()


def permissions_named(pairs: Iterable[tuple[str, str]]) -> list[Permission]:
    wanted = list(pairs)
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _codename in wanted},
        codename__in={codename for _app, codename in wanted},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def page_permissions(codenames: list[str]) -> list[Permission]:
    return permissions_named(("wagtailcore", codename) for codename in codenames)


def admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def image_permissions() -> list[Permission]:
    return permissions_named(("wagtailimages", codename) for codename in IMAGE_PERMISSIONS)


def _link_groups(places: list[Page]) -> dict[int, Group]:
    """Each place's group, created and linked for the places that have none yet. A group that
    already bears a place's name without being linked (made before the link existed) is linked
    rather than duplicated."""
    groups = {
        link.place_id: link.group
        for link in PlaceOrganisers.objects.filter(
            place_id__in=[p.pk for p in places]
        ).select_related("group")
    }
    missing = {organiser_group_name(place): place for place in places if place.pk not in groups}
    if missing:
        unlinked = Group.objects.filter(name__in=missing, organised_place__isnull=True)
        existing = {group.name for group in unlinked}
        Group.objects.bulk_create([Group(name=name) for name in missing if name not in existing])
        created = Group.objects.filter(name__in=missing, organised_place__isnull=True)
        PlaceOrganisers.objects.bulk_create(
            [PlaceOrganisers(place_id=missing[g.name].pk, group=g) for g in created]
        )
        groups.update({missing[g.name].pk: g for g in created})
    return groups


def organiser_groups_for(places: list[Page]) -> list[Group]:
    """Give each place its own organiser group, with rights on that place's subtree only.

    Works in bulk so that the demo seeding of many places costs a few queries per batch.
    """
    if not places:
        return []
    groups_by_place = _link_groups(places)
    groups = {group.pk: group for group in groups_by_place.values()}
    places_by_group = {
        groups_by_place[place.pk].pk: place for place in places if place.pk in groups_by_place
    }

    everywhere = [admin_access(), *permissions_named(ORGANISER_PERMISSIONS)]
    GroupPermissions = Group.permissions.through
    GroupPermissions.objects.bulk_create(
        [
            GroupPermissions(group=g, permission=permission)
            for g in groups.values()
            for permission in everywhere
        ],
        ignore_conflicts=True,
    )
    organiser_permissions = page_permissions(ORGANISER_PAGE_PERMISSIONS)
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=groups[group_id], page=place, permission=permission)
            for group_id, place in places_by_group.items()
            for permission in organiser_permissions
        ],
        ignore_conflicts=True,
    )
    root_collection = Collection.get_first_root_node()
    images = image_permissions()
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(group=group, collection=root_collection, permission=p)
            for group in groups.values()
            for p in images
        ],
        ignore_conflicts=True,
    )
    return [groups_by_place[place.pk] for place in places if place.pk in groups_by_place]


def rename_organiser_group(place: Page) -> None:
    """Keep the group's name in step with the place's title (the link does not depend on it)."""
    name = organiser_group_name(place)
    Group.objects.filter(organised_place__place_id=place.pk).exclude(name=name).update(name=name)


def set_place_trusted(place: Page, trusted: bool) -> None:
    """Give or take the place's organisers the right to publish their activities directly."""
    group = organiser_group(place)
    if group is None:
        if not trusted:
            return
        (group,) = organiser_groups_for([place])
    permissions = page_permissions(TRUSTED_ORGANISER_PAGE_PERMISSIONS)
    if trusted:
        GroupPagePermission.objects.bulk_create(
            [GroupPagePermission(group=group, page=place, permission=p) for p in permissions],
            ignore_conflicts=True,
        )
    else:
        GroupPagePermission.objects.filter(
            group=group, page=place, permission__in=permissions
        ).delete()
