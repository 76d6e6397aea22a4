"""Who may act on a place's pages (Wagtail's page permission tester for places and their
activities), beside the models whose `permissions_for_user` returns it: the groups that hold the
rights are made in `directory.roles`."""

from __future__ import annotations

from wagtail.models import Locale, Page, PagePermissionTester

# The right a trusted place's organisers hold on the place, which reaches only the pages under it.
TRUSTED_ORGANISER_PAGE_PERMISSIONS = ["publish_page"]


def governing_path(page: Page) -> str:
    """Where the permissions on `page` are read: a translation (a page in the Dutch or English
    tree) is governed by the French page it translates, so that a place's organisers, and ONE
    staff, hold on its translations the rights they hold on it."""
    if page.locale_id == Locale.get_default().pk:
        return page.path
    source = page.get_translation_or_none(Locale.get_default())
    return source.path if source is not None else page.path


class PlacePermissionTester(PagePermissionTester):
    """A place's own page is published only with a publish permission granted *above* it (ONE
    staff's, on the whole tree). The one a trusted place's organisers hold on the place itself
    lets them publish the pages under it, their activities, and nothing else. On a translation,
    the rights are those held on its French page."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if self.user.is_active and not self.user.is_superuser:
            path = governing_path(page)
            held = self.permission_policy.get_cached_permissions_for_user(user)
            self.subpage_permissions = {
                perm.permission.codename.rsplit("_", maxsplit=1)[0]
                for perm in held
                if path.startswith(perm.page.path)
            }
            self.permissions = {
                perm.permission.codename.rsplit("_", maxsplit=1)[0]
                for perm in held
                if path.startswith(perm.page.path)
                and not (
                    perm.page.path == path
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
