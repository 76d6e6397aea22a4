from django.db.models.signals import post_save
from django.dispatch import receiver

from directory.models import PlacePage
from directory.roles import organiser_groups_for


@receiver(post_save, sender=PlacePage)
def give_new_place_its_organisers(sender, instance: PlacePage, created: bool, raw: bool, **kwargs):
    if created and not raw:
        organiser_groups_for([instance])
