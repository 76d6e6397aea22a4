from django.contrib.sitemaps import Sitemap

from objectives.models import Objective, Programme


class ProgrammeSitemap(Sitemap):
    def items(self):
        return Programme.objects.order_by("pk")


class ObjectiveSitemap(Sitemap):
    def items(self):
        return Objective.objects.order_by("pk")
