"""Sessions (occurrences): an activity's schedule materialised for a rolling window, so that
"what is on near me this week" is one indexed query."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.choices import SessionStatus
from activities.models.pages import ActivityPage
from activities.models.seats import seats_left, seats_taken
from directory.models import PlacePage


class Occurrence(models.Model):
    """One session of an activity, materialised for the rolling window so that "what is on near
    me this week" is one indexed query. One per activity and day: a change of time moves the
    session, and its registrations and cancellation stay with it."""

    activity = models.ForeignKey(ActivityPage, on_delete=models.CASCADE, related_name="occurrences")
    # The activity's place, kept here so that searches filter and sort sessions without
    # walking the page tree.
    place = models.ForeignKey(PlacePage, on_delete=models.CASCADE, related_name="occurrences")
    # The schedule's day: the session's identity in its series (one per activity and day, the
    # calendars' RECURRENCE-ID), kept when an organiser moves it.
    date = models.DateField(_("date"))
    # The day it takes place, in its place's time: `date`, unless an organiser moved it to
    # another (activities.rescheduling). Searches, reminders and lists read this one.
    day = models.DateField(_("jour"), db_index=True)
    start = models.DateTimeField(_("début"), db_index=True)
    end = models.DateTimeField(_("fin"))
    is_extra = models.BooleanField(default=False)
    # Cancelled for any of the reasons below; kept in step by `refresh_status`.
    is_cancelled = models.BooleanField(_("annulée"), default=False, db_index=True)
    cancelled_manually = models.BooleanField(default=False)
    manual_reason = models.CharField(_("motif d'annulation"), max_length=300, blank=True)
    closure = models.ForeignKey(
        "directory.ClosurePeriod",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # No longer in the schedule, but families had registered: kept, shown as cancelled.
    withdrawn = models.BooleanField(default=False)
    # Raised at each change families are told of (time, place, details, cancellation), so that
    # calendar applications replace the event they hold (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    # What families were last told of the session (title, place, what to bring…), hashed: a
    # change of it is a change to tell them about.
    details_digest = models.CharField(max_length=64, blank=True)
    # Set when an organiser moved the session (activities.rescheduling): where it was to start
    # before the last move, told to families and to search engines (`previousStartDate`). The
    # schedule no longer moves such a session: its time and place are the organiser's.
    previous_start = models.DateTimeField(_("début prévu avant"), null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        constraints = [
            models.UniqueConstraint(fields=["activity", "date"], name="one_occurrence_per_day")
        ]
        indexes = [models.Index(fields=["place", "start"])]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.date}"

    def refresh_status(self) -> None:
        self.is_cancelled = self.cancelled_manually or self.closure_id is not None or self.withdrawn

    @property
    def cancellation_reason(self) -> str:
        if not self.is_cancelled:
            return ""
        if self.cancelled_manually:
            return self.manual_reason or str(_("Séance annulée"))
        if self.closure_id is not None:
            return self.closure.label
        return str(_("Séance retirée du programme"))

    @property
    def rescheduled(self) -> bool:
        return self.previous_start is not None

    @property
    def public_status(self) -> str:
        """The one rule of a session's public status: cancelled, rescheduled (moved by its
        organiser) or scheduled; the session's record, API and JSON-LD say it."""
        if self.is_cancelled:
            return SessionStatus.CANCELLED
        if self.rescheduled:
            return SessionStatus.RESCHEDULED
        return SessionStatus.SCHEDULED

    @property
    def local_previous_start(self):
        if self.previous_start is None:
            return None
        return timezone.localtime(self.previous_start, self.place.time_zone)

    @property
    def calendar_url(self) -> str:
        return f"{self.activity.url}seances/{self.pk}/calendar.ics"

    @property
    def registration_url(self) -> str:
        return f"{self.activity.url}seances/{self.pk}/inscription/"

    @property
    def takes_registrations(self) -> bool:
        # A cycle takes one registration for all its sessions, on its activity's page.
        return (
            self.activity.registration_required
            and not self.activity.is_cycle
            and not self.is_cancelled
            and self.start > timezone.now()
        )

    def remaining_places(self) -> int | None:
        """Seats left, in the activity's unit; None without a limit. Listings annotate
        `seats_taken` (activities.models.seats) so that this costs no query per session."""
        capacity = self.activity.capacity
        if not capacity:
            return None
        taken = getattr(self, "seats_taken", None)
        if taken is None:
            taken = type(self).objects.filter(pk=self.pk).aggregate(taken=seats_taken())["taken"]
        return seats_left(capacity, taken)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.place.time_zone)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.place.time_zone)
