from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """The open-data formats (Open Referral HSDS 3.0, data·inclusion, the daily dump): a layer
    above every app whose data it publishes, below `rencontres`, which mounts its APIs."""

    name = "opendata"
    verbose_name = _("Données ouvertes")
