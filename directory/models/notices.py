"""Notices: a dated message an organiser gives families about a place or an activity for a
while ("fermé pour travaux jusqu'au 3 mars, les séances ont lieu à la maison de quartier",
temporary hours). HSDS calls it a service's `alert`, Soliguide dated temporary information.

A notice is a plain row with a foreign key to the French page (the place, or the activity in
`activities.models.notices`), not a `ParentalKey` child of the page like a closure: an organiser
sets it from a phone in a few taps (organisers/notices.py), and it is public at once, without a
revision of the page to publish, and without the page's other pending edits being published with
it. A page's translations are pages of their own: the record reads a place's notices through the
French page's `translation_key`, so every translation shows them.

Its message is therefore not translated by wagtail-localize (which translates a page's fields and
its ParentalKey children only): it has a field per content language, as the vocabularies' names
do. The organiser writes it in their own language; the other languages are optional, and a
visitor reads theirs, else the French, else whichever was written (`message_in`). Its kind, dates
and label are always in the visitor's language.

Shown from `NOTICE_AHEAD_DAYS` before its start (an announcement: "fermé du 3 au 10 mars") until
its end day included; after that no output reads it (the record keeps those whose end is today or
later), and rows past their end stay as history until the page is deleted.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# An upcoming notice is announced this many days before its start.
NOTICE_AHEAD_DAYS = 14

MESSAGE_LENGTH = 500


class NoticeKind(models.TextChoices):
    CLOSED = "closed", _("Fermé temporairement")
    HOURS = "hours", _("Horaires modifiés")
    MOVED = "moved", _("Déplacé temporairement")
    OTHER = "other", _("Information")


def notice_label(kind: str) -> str:
    """A notice's kind as the public reads it (an unknown kind reads as information)."""
    try:
        return str(NoticeKind(kind).label)
    except ValueError:
        return str(NoticeKind.OTHER.label)


def message_in(messages: dict[str, str], language: str) -> str:
    """The message in `language`, else in French, else in whichever language it was written."""
    order = (language, settings.LANGUAGE_CODE, *sorted(messages))
    return next((messages[code] for code in order if messages.get(code)), "")


def announced(start: date, end: date, today: date) -> bool:
    """Whether the public reads a notice today: from `NOTICE_AHEAD_DAYS` before its start to its
    end day included."""
    return start - timedelta(days=NOTICE_AHEAD_DAYS) <= today <= end


class Notice(models.Model):
    """The fields a place's and an activity's notices share."""

    kind = models.CharField(
        _("type"), max_length=10, choices=NoticeKind.choices, default=NoticeKind.CLOSED
    )
    start_date = models.DateField(_("du"))
    end_date = models.DateField(_("au (inclus)"))
    message_fr = models.TextField(_("message (français)"), max_length=MESSAGE_LENGTH, blank=True)
    message_nl = models.TextField(_("message (néerlandais)"), max_length=MESSAGE_LENGTH, blank=True)
    message_en = models.TextField(_("message (anglais)"), max_length=MESSAGE_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["start_date", "pk"]

    def __str__(self) -> str:
        return f"{notice_label(self.kind)} ({self.start_date} – {self.end_date})"

    @property
    def messages(self) -> dict[str, str]:
        return {code: getattr(self, f"message_{code}") for code in ("fr", "nl", "en")}

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La fin doit suivre le début.")})
        if self.kind == NoticeKind.OTHER and not any(self.messages.values()):
            raise ValidationError({"message_fr": _("Dites aux familles de quoi il s'agit.")})


class PlaceNotice(Notice):
    """A notice on a place (its French page)."""

    place = models.ForeignKey(
        "directory.PlacePage", on_delete=models.CASCADE, related_name="notices"
    )

    class Meta(Notice.Meta):
        verbose_name = _("avis temporaire")
        verbose_name_plural = _("avis temporaires")
        indexes = [models.Index(fields=["place", "end_date"])]
