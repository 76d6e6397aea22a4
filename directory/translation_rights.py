"""Who may ask for a page's translation.

wagtail-localize lets anyone holding its `submit_translation` permission translate any page.
Organisers hold it so that they can translate their own place and activities: this middleware
keeps the page translation view to the pages the user may edit (ONE staff: every page).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from wagtail.models import Page

TRANSLATION_VIEWS = {"wagtail_localize:submit_page_translation"}


class TranslateOwnPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in TRANSLATION_VIEWS:
            return None
        page = Page.objects.filter(pk=view_kwargs.get("page_id")).first()
        # An unknown page: the view answers its own 404.
        if page is not None and not page.specific.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return None
