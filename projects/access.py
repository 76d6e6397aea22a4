"""Who sees what of the santé-parentalité projects and the coverage dashboard.

- ONE staff (the "Personnel ONE" group, through model permissions) and superusers edit the
  projects, see the dashboard and import places.
- An organiser sees, read-only, the projects linked to a place they may edit, without the
  staff-only data (TMS referents, internal notes).
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy

PROJECT_CHANGE_PERMISSION = "projects.change_healthparentingproject"
COVERAGE_PERMISSION = "projects.view_coverage"


def can_edit_projects(user) -> bool:
    return user.is_active and user.has_perm(PROJECT_CHANGE_PERMISSION)


def can_view_coverage(user) -> bool:
    return user.is_active and user.has_perm(COVERAGE_PERMISSION)


def editable_places(user):
    """The places `user` may edit in the page tree: an organiser's own place."""
    from directory.models import PlacePage

    return PagePermissionPolicy(PlacePage).instances_user_has_any_permission_for(user, {"change"})


def projects_visible_to(user):
    """Projects the user may look at: all for staff, those of their own places otherwise."""
    from projects.models import HealthParentingProject

    projects = HealthParentingProject.objects.all()
    if can_edit_projects(user):
        return projects
    places = editable_places(user).values("pk")
    return projects.filter(
        Q(place_links__place__in=places) | Q(consultation_links__consultation__in=places)
    ).distinct()
