"""Sessions kept in step with their activity and place, and the places' search documents with
their sessions; trust kept in step with permissions."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from activities.models import ActivityPage, Occurrence, TrustedPlace
from activities.occurrences import occurrences_changed, sync_activity, sync_place
from directory.models import PlacePage
from directory.roles import set_place_trusted
from directory.search.index import place_records_changed


@receiver(page_published, sender=ActivityPage)
@receiver(page_unpublished, sender=ActivityPage)
def activity_changed(sender, instance: ActivityPage, **kwargs) -> None:
    sync_activity(instance)


@receiver(post_page_move)
def activity_moved(sender, instance, parent_page_before, **kwargs) -> None:
    if isinstance(instance.specific_deferred, ActivityPage):
        sync_activity(instance)
        # The sessions left the place it was under: its document no longer lists them.
        place_records_changed.send(sender=PlacePage, place_ids=[parent_page_before.pk])


def places_of(activities) -> list[int]:
    """The places the activities are under (by tree path: a deleted activity's too)."""
    paths = [activity.path[: -ActivityPage.steplen] for activity in activities]
    return list(PlacePage.objects.filter(path__in=paths).values_list("pk", flat=True))


@receiver(occurrences_changed)
def sessions_changed(sender, activity_ids: list[int], **kwargs) -> None:
    """A place's search document carries its sessions ahead: those of the activities' places
    change, and those of any place their sessions were at."""
    activities = ActivityPage.objects.filter(pk__in=activity_ids).only("path")
    held = Occurrence.objects.filter(activity_id__in=activity_ids).order_by()
    held = held.values_list("place_id", flat=True)
    place_ids = {*places_of(activities), *held.distinct()}
    place_records_changed.send(sender=PlacePage, place_ids=sorted(place_ids))


@receiver(post_delete, sender=ActivityPage)
def activity_deleted(sender, instance: ActivityPage, **kwargs) -> None:
    # Its sessions went with it, without a sync.
    place_records_changed.send(sender=PlacePage, place_ids=places_of([instance]))


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
