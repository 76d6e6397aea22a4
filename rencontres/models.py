from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.pages import IntroPage


class HomePage(IntroPage):
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["directory.PlaceIndexPage"]

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        from directory.models import PlaceIndexPage
        from objectives.models import Programme

        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = Programme.objects.annotate(
            place_count=models.Count(
                "places",
                filter=models.Q(
                    places__live=True, places__locale__language_code=settings.LANGUAGE_CODE
                ),
            )
        )
        context["directory"] = PlaceIndexPage.objects.live().filter(locale=self.locale).first()
        return context
