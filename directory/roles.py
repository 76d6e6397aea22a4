"""Who may do what: ONE staff curate and approve; each place's organisers edit only that place.

Organisers can add and edit pages in their place's subtree but not publish: their changes go
through the "Validation ONE" workflow, approved by ONE staff.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

ONE_STAFF_GROUP = "Personnel ONE"
WORKFLOW_NAME = "Validation ONE"
ORGANISER_GROUP_PREFIX = "Organisateurs"

STAFF_MODEL_PERMISSIONS = [
    ("objectives", codename)
    for model in ("programme", "objective", "healthparentingproject")
    for codename in (f"add_{model}", f"change_{model}", f"delete_{model}")
] + [
    ("directory", codename)
    for model in ("language", "accessibilityfeature")
    for codename in (f"add_{model}", f"change_{model}", f"delete_{model}")
]
# Staff-only screens: the coverage dashboard and the bulk import of places. Organisers hold
# neither: they only see their own place's projects, read-only.
STAFF_MODEL_PERMISSIONS += [("objectives", "view_coverage"), ("directory", "import_places")]
STAFF_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
ORGANISER_PAGE_PERMISSIONS = ["add_page", "change_page"]
IMAGE_PERMISSIONS = ["add_image", "choose_image"]


def organiser_group_name(place: Page) -> str:
    # The page id keeps names unique when two places share a title.
    return f"{ORGANISER_GROUP_PREFIX} — {place.title} (#{place.pk})"


def _permissions(pairs: Iterable[tuple[str, str]]) -> list[Permission]:
    wanted = list(pairs)
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _codename in wanted},
        codename__in={codename for _app, codename in wanted},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def _page_permissions(codenames: list[str]) -> list[Permission]:
    return _permissions(("wagtailcore", codename) for codename in codenames)


def _admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def _image_permissions() -> list[Permission]:
    return _permissions(("wagtailimages", codename) for codename in IMAGE_PERMISSIONS)


@transaction.atomic
def ensure_staff_roles() -> Group:
    """Create or refresh the ONE staff group and the approval workflow on the whole tree."""
    staff, _created = Group.objects.get_or_create(name=ONE_STAFF_GROUP)
    staff.permissions.add(_admin_access(), *_permissions(STAFF_MODEL_PERMISSIONS))
    root = Page.get_first_root_node()
    if root is None:
        return staff
    for permission in _page_permissions(STAFF_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=staff, page=root, permission=permission)
    root_collection = Collection.get_first_root_node()
    for permission in _image_permissions():
        GroupCollectionPermission.objects.get_or_create(
            group=staff, collection=root_collection, permission=permission
        )

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task, _created = GroupApprovalTask.objects.get_or_create(
        name=_("Approbation par le personnel ONE")
    )
    task.groups.set([staff])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return staff


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

    access_admin = _admin_access()
    GroupPermissions = Group.permissions.through
    GroupPermissions.objects.bulk_create(
        [GroupPermissions(group=g, permission=access_admin) for g in groups.values()],
        ignore_conflicts=True,
    )
    page_permissions = _page_permissions(ORGANISER_PAGE_PERMISSIONS)
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=groups[name], page=place, permission=permission)
            for name, place in names.items()
            for permission in page_permissions
        ],
        ignore_conflicts=True,
    )
    root_collection = Collection.get_first_root_node()
    image_permissions = _image_permissions()
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(group=group, collection=root_collection, permission=p)
            for group in groups.values()
            for p in image_permissions
        ],
        ignore_conflicts=True,
    )
    return list(groups.values())
