from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObjectivesConfig(AppConfig):
    name = "objectives"
    verbose_name = _("Programmes et objectifs")

    def ready(self) -> None:
        from core.kept import shown_publicly
        from core.texting import register_monthly_cap
        from objectives.models import AccessMode, Objective, Programme

        shown_publicly(Programme, Objective, AccessMode)
        register_monthly_cap(programme_monthly_cap)


def programme_monthly_cap(programme_id: int) -> int | None:
    from objectives.models import Programme

    return (
        Programme.objects.filter(pk=programme_id).values_list("sms_monthly_cap", flat=True).first()
    )
