from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from directory.freshness import mark_verified
from directory.models import PlacePage
from directory.roles import organiser_groups_for, rename_organiser_group


@receiver(post_save, sender=PlacePage)
def give_new_place_its_organisers(sender, instance: PlacePage, created: bool, raw: bool, **kwargs):
    if created and not raw:
        organiser_groups_for([instance])


@receiver(page_published, sender=PlacePage)
def keep_organiser_group_name(sender, instance: PlacePage, **kwargs):
    # For people reading the group list only: the group is linked to the place by id.
    rename_organiser_group(instance)


@receiver(page_published, sender=PlacePage)
def publishing_verifies_the_place(sender, instance: PlacePage, **kwargs):
    instance.verified_at = mark_verified(instance.pk)
