from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RencontresConfig(AppConfig):
    name = "rencontres"
    verbose_name = _("Rencontres")
