"""Who may do what: ONE staff curate and approve; each place's organisers edit only that place.

Organisers can add and edit pages in their place's subtree (the place and its activities) but
not publish: their changes go through the "Validation ONE" workflow, approved by ONE staff.

ONE staff may mark a place as trusted: its organiser group then holds the publish permission on
the place, and `PlacePermissionTester` lets that permission reach only the pages *under* the
place (its activities). The place page itself still goes through the workflow.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PagePermissionTester,
)

ORGANISER_GROUP_PREFIX = "Organisateurs"
ORGANISER_PAGE_PERMISSIONS = ["add_page", "change_page"]
TRUSTED_ORGANISER_PAGE_PERMISSIONS = ["publish_page"]
IMAGE_PERMISSIONS = ["add_image", "choose_image"]


def organiser_group_name(place: Page) -> str:
    # The page id keeps names unique when two places share a title.
    return f"{ORGANISER_GROUP_PREFIX} — {place.title} (#{place.pk})"


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


def organiser_groups_for(places: list[Page]) -> list[Group]:
    """Give each place its own organiser group, with rights on that place's subtree only.

    Works in bulk so that the demo seeding of many places costs a few queries per batch.
    """
    if not places:
        return []
    names = {organiser_group_name(place): place for place in places}
    existing = set(Group.objects.filter(name__in=names).values_list("name", flat=True))
    Group.objects.bulk_create([Group(name=name) for name in names if name not in existing])
    groups = {group.name: group for group in Group.objects.filter(name__in=names)}

    access_admin = admin_access()
    GroupPermissions = Group.permissions.through
    GroupPermissions.objects.bulk_create(
        [GroupPermissions(group=g, permission=access_admin) for g in groups.values()],
        ignore_conflicts=True,
    )
    organiser_permissions = page_permissions(ORGANISER_PAGE_PERMISSIONS)
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=groups[name], page=place, permission=permission)
            for name, place in names.items()
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
    return list(groups.values())


def set_place_trusted(place: Page, trusted: bool) -> None:
    """Give or take the place's organisers the right to publish their activities directly."""
    group = Group.objects.filter(name=organiser_group_name(place)).first()
    if group is None:
        return
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


class PlacePermissionTester(PagePermissionTester):
    """A place's own page is published only with a publish permission granted *above* it (ONE
    staff's, on the whole tree). The one a trusted place's organisers hold on the place itself
    lets them publish the pages under it, their activities, and nothing else."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if self.user.is_active and not self.user.is_superuser:
            self.subpage_permissions = set(self.permissions)
            self.permissions = {
                perm.permission.codename.rsplit("_", maxsplit=1)[0]
                for perm in self.permission_policy.get_cached_permissions_for_user(user)
                if self.page.path.startswith(perm.page.path)
                and not (
                    perm.page.path == self.page.path
                    and perm.permission.codename in TRUSTED_ORGANISER_PAGE_PERMISSIONS
                )
            }

    def _may_publish_below(self) -> bool:
        return self.user.is_superuser or "publish" in self.subpage_permissions

    def can_publish_subpage(self):
        if not self.user.is_active:
            return False
        specific_class = self.page.specific_class
        if specific_class is None or not specific_class.creatable_subpage_models():
            return False
        return self._may_publish_below()

    def can_reorder_children(self):
        return self.user.is_active and self._may_publish_below()
