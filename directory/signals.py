from django.apps import apps
from django.db.models.signals import post_save
from django.dispatch import receiver

from directory.models import PlacePage
from directory.roles import ensure_staff_roles, organiser_groups_for


@receiver(post_save, sender=PlacePage)
def give_new_place_its_organisers(sender, instance: PlacePage, created: bool, raw: bool, **kwargs):
    if created and not raw:
        organiser_groups_for([instance])


def ensure_roles_after_migrate(sender, app_config, **kwargs):
    # post_migrate is sent once per app, in INSTALLED_APPS order, and each app's permissions are
    # created on its own turn: only after the last app do all the permissions the roles use exist.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is with_models[-1]:
        ensure_staff_roles()
