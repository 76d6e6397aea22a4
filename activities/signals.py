"""Sessions kept in step with their activity and place; trust kept in step with permissions."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from activities.models import ActivityPage, TrustedPlace
from activities.occurrences import sync_activity, sync_place
from directory.models import PlacePage
from directory.roles import set_place_trusted


@receiver(page_published, sender=ActivityPage)
@receiver(page_unpublished, sender=ActivityPage)
def activity_changed(sender, instance: ActivityPage, **kwargs) -> None:
    sync_activity(instance)


@receiver(post_page_move)
def activity_moved(sender, instance, **kwargs) -> None:
    if isinstance(instance.specific_deferred, ActivityPage):
        sync_activity(instance)


@receiver(page_published, sender=PlacePage)
def place_published(sender, instance: PlacePage, **kwargs) -> None:
    # Closures and the country (hence the time zone) are part of the place's page.
    sync_place(instance)


@receiver(post_save, sender=TrustedPlace)
def place_trusted(sender, instance: TrustedPlace, raw: bool, **kwargs) -> None:
    if not raw:
        set_place_trusted(instance.place, True)


@receiver(post_delete, sender=TrustedPlace)
def place_no_longer_trusted(sender, instance: TrustedPlace, **kwargs) -> None:
    set_place_trusted(instance.place, False)
