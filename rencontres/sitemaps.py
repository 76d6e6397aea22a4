"""The pages of the sitemap: every language's tree, each page with its translations as
`hreflang` alternates (and French as `x-default`).

A French place not yet translated is listed once, at its French address: what `/nl/…` serves
for it is the same French text (core.pages.TranslatedTreeMixin), not a page of its own.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from core.content_languages import CONTENT_PARAMETER, family_codes


def in_family_language(location: str, language: str) -> str:
    """A translation into a family's language (Arabic…) is read at its French page's address
    with `?content=ar` (the interface stays French, Dutch or English): `/ar/…` only leads
    there."""
    if language not in family_codes():
        return location
    parts = urlsplit(location)
    path = parts.path.removeprefix(f"/{language}") or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, f"{CONTENT_PARAMETER}={language}", ""))


class TranslatedPageSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_a_tree, alias_of__isnull=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        # A French page's own address, whatever language the request came in.
        with translation.override(settings.LANGUAGE_CODE):
            located = [
                (item, item.get_full_url(self.request))
                for item in self.paginator.page(page).object_list
            ]
        located = [
            (item, in_family_language(location, languages[item.locale_id]))
            for item, location in located
        ]
        translations = defaultdict(list)
        for item, location in located:
            translations[item.translation_key].append(
                {"lang_code": languages[item.locale_id], "location": location}
            )
        urls = []
        for item, location in located:
            alternates = sorted(translations[item.translation_key], key=lambda a: a["lang_code"])
            if len(alternates) > 1:
                french = next(
                    (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None
                )
                if french is not None:
                    alternates.append({"lang_code": "x-default", "location": french["location"]})
            else:
                alternates = []
            lastmod = item.last_published_at or item.latest_revision_created_at
            urls.append(
                {"item": item, "location": location, "lastmod": lastmod, "alternates": alternates}
            )
        lastmods = {url["lastmod"] for url in urls}
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
