"""Who may ask for a page's translation.

wagtail-localize lets anyone holding its `submit_translation` permission translate any page.
Organisers hold it so that they can translate their own place and activities: this middleware
keeps the page translation view to the pages the user may edit (ONE staff: every page).
"""

from __future__ import annotations

from wagtail.models import Page

from core.guards import ViewGuardMiddleware

TRANSLATION_VIEWS = {"wagtail_localize:submit_page_translation"}


class TranslateOwnPagesMiddleware(ViewGuardMiddleware):
    def guards(self, view_name: str) -> bool:
        return view_name in TRANSLATION_VIEWS

    def allows(self, request, view_kwargs: dict) -> bool:
        page = Page.objects.filter(pk=view_kwargs.get("page_id")).first()
        # An unknown page: the view answers its own 404.
        return page is None or page.specific.permissions_for_user(request.user).can_edit()
