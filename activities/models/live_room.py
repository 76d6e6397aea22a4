"""The live room of drop-in sessions: each tap of a team (« places libres / presque complet /
complet ») is a row kept, so that the rows are the log (who, when) and the latest of a
session's rows is its state; and the team's link, the secret a place's signed link for its
accueillant·e·s carries, replaced to revoke every link given so far.

Nothing about families: a state, a number of places at most, a time, and who tapped (an
organiser's account, or « lien d'équipe »). The state is a public fact of the place's record
(directory.live_room) until the session's end, read through the `places_live_rooms` hook."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models.sessions import Occurrence
from directory.live_room import RoomState
from directory.models import PlacePage

# The most places a team may say are left: a room, not a stadium.
MAX_PLACES_LEFT = 200


class RoomReport(models.Model):
    """One tap: the state a team gave of a session's room, when, and by whom."""

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="room_reports", verbose_name=_("séance")
    )
    state = models.CharField(_("état"), max_length=12, choices=RoomState.choices)
    places_left = models.PositiveSmallIntegerField(_("places libres"), null=True, blank=True)
    reported_at = models.DateTimeField(_("signalé le"), default=timezone.now)
    # None with `by_team_link`: someone holding the place's team link, without an account.
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signalé par"),
    )
    by_team_link = models.BooleanField(_("par le lien d'équipe"), default=False)

    class Meta:
        ordering = ["occurrence", "reported_at", "pk"]
        verbose_name = _("état de la salle")
        verbose_name_plural = _("états de la salle")
        indexes = [models.Index(fields=["occurrence", "reported_at"])]

    def __str__(self) -> str:
        return f"{self.occurrence_id} {self.state} {self.reported_at:%Y-%m-%d %H:%M}"

    @property
    def reporter(self) -> str:
        if self.by_team_link:
            return str(_("lien d'équipe"))
        user = self.reported_by
        return (user.get_full_name() or user.get_username()) if user else "—"


def new_team_secret() -> str:
    return secrets.token_urlsafe(24)


class TeamLink(models.Model):
    """A place's team link secret: the signed link carries it, and replacing it (a new link)
    makes every link given before refused."""

    place = models.OneToOneField(
        PlacePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("lieu")
    )
    secret = models.CharField(max_length=64, default=new_team_secret)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lien d'équipe")
        verbose_name_plural = _("liens d'équipe")

    def __str__(self) -> str:
        return f"{self.place_id}"

    def renew(self) -> None:
        self.secret = new_team_secret()
        self.created_at = timezone.now()
        self.save(update_fields=["secret", "created_at"])
