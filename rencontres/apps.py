from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RencontresConfig(AppConfig):
    name = "rencontres"
    verbose_name = _("Rencontres")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed
        from django.db.models.signals import post_migrate

        from core.kept import shown_publicly
        from rencontres.admin_scripts import nonce_chooser_scripts
        from rencontres.login_throttle import count_failed_login
        from rencontres.models import HomePage
        from rencontres.roles import ensure_roles_after_migrate
        from rencontres.sites import apply_base_url_after_migrate

        post_migrate.connect(ensure_roles_after_migrate)
        post_migrate.connect(apply_base_url_after_migrate, sender=self)
        shown_publicly(HomePage)
        nonce_chooser_scripts()
        user_login_failed.connect(count_failed_login, dispatch_uid="rencontres-login-address")
