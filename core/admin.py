"""Admin screens reserved to some users (ONE staff's dashboard, the bulk import): the menu item
and the view ask the same rule, a function of the user."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.mixins import UserPassesTestMixin
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class RestrictedMenuItem(MenuItem):
    def __init__(self, label, url, allowed: Callable[[object], bool], **kwargs):
        self.allowed = allowed
        super().__init__(label, url, **kwargs)

    def is_shown(self, request):
        return self.allowed(request.user)


class RestrictedViewMixin(UserPassesTestMixin):
    """Answers 403 to a signed-in user the rule refuses (the admin has already asked for a
    sign-in)."""

    allowed: Callable[[object], bool]

    def test_func(self) -> bool:
        return type(self).allowed(self.request.user)


def register_restricted_menu_item(label, url_name: str, allowed, icon: str, order: int) -> None:
    """Add an item to the admin menu, shown only to the users `allowed(user)` lets in."""

    def menu_item():
        return RestrictedMenuItem(
            label, reverse(url_name), allowed, name=url_name, icon_name=icon, order=order
        )

    hooks.register("register_admin_menu_item", menu_item)
