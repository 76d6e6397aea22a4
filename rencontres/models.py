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


class PeriodicRun(models.Model):
    """When a periodic job (rencontres.periodic) last ran, and how it ended: the demo's scheduler
    (`manage.py run_periodic`) reads it to know what is due."""

    job = models.CharField(_("tâche"), max_length=120, primary_key=True)
    started_at = models.DateTimeField(_("commencée le"))
    finished_at = models.DateTimeField(_("finie le"))
    exit_code = models.SmallIntegerField(_("code de sortie"))

    class Meta:
        verbose_name = _("tâche périodique")
        verbose_name_plural = _("tâches périodiques")

    def __str__(self) -> str:
        return self.job


class LoginAddressFailures(models.Model):
    """Failed admin logins from one client address, whatever the user name, in the current
    window, and until when that address is refused (rencontres.login_throttle). `address` is a
    keyed hash, never the address; a row lasts as long as its window or its lock."""

    address = models.CharField(_("adresse (empreinte)"), max_length=64, unique=True)
    window_start = models.DateTimeField(_("début de la période"))
    failures = models.PositiveIntegerField(_("échecs"), default=0)
    locked_until = models.DateTimeField(_("bloquée jusqu'au"), null=True, blank=True)

    class Meta:
        verbose_name = _("échecs de connexion d'une adresse")
        verbose_name_plural = _("échecs de connexion par adresse")

    def __str__(self) -> str:
        return self.address[:12]
