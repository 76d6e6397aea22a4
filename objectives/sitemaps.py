"""The taxonomy's pages in each of the site's languages, each with the others as alternates
(`/programmes/<slug>/`, `/nl/programmes/<slug>/`, `/en/programmes/<slug>/`)."""

from django.contrib.sitemaps import Sitemap

from core.content_languages import interface_codes
from objectives.models import Objective, Programme


class TermSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    @property
    def languages(self) -> list[str]:
        # The interface's: settings.LANGUAGES also names the families' languages, which are
        # never a prefix of their own (core.content_languages).
        return interface_codes()


class ProgrammeSitemap(TermSitemap):
    def items(self):
        return Programme.objects.order_by("pk")


class ObjectiveSitemap(TermSitemap):
    def items(self):
        return Objective.objects.order_by("pk")
