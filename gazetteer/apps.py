from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GazetteerConfig(AppConfig):
    name = "gazetteer"
    verbose_name = _("Communes et codes postaux")

    def ready(self):
        from core.kept import shown_publicly
        from gazetteer import signals  # noqa: F401  (connects the name index's receivers)
        from gazetteer.models import Commune, PostalCode, Section

        # Their names are in place pages and search answers.
        shown_publicly(Commune, Section, PostalCode)
