from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GazetteerConfig(AppConfig):
    name = "gazetteer"
    verbose_name = _("Communes et codes postaux")

    def ready(self):
        from gazetteer import signals  # noqa: F401  (connects the name index's receivers)
