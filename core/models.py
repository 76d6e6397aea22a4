"""The core layer's own tables: the search updates the cluster missed (core.search.pending), the
task worker's heartbeat (core.worker), each e-mail's delivery (core.mail), and the anonymous
family searches with their weekly sums (core.search.events), who made each translation of a
page (core.translated_texts), the records removed from the public (core.tombstones) and the
partners' webhooks (core.webhooks)."""

import base64
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingSearchUpdate(models.Model):
    """A document to send the search cluster again: its row changed while the cluster was down
    or its breaker open. One row per document, however often it changed meanwhile."""

    index = models.CharField(max_length=64)
    key = models.CharField(max_length=100)
    object_id = models.BigIntegerField()
    noted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["index", "key", "object_id"], name="one_pending_update_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.index} {self.key}={self.object_id}"


class WorkerHeartbeat(models.Model):
    """The task worker's last sign of life (`manage.py run_worker`, core.worker): one row per
    worker, written at most every few seconds from its loop, read by /healthz. In the database
    rather than the cache: the worker needs the database for every task anyway, the cache may be
    a process's own memory (no cache server) or down while the worker works on."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} {self.beat_at:%Y-%m-%d %H:%M:%S}"


class MailState(models.TextChoices):
    SENDING = "sending", _("En cours d’envoi")
    WAITING = "waiting", _("En attente d’un nouvel essai")
    SENT = "sent", _("Envoyé")
    FAILED = "failed", _("Échoué")
    RESENT = "resent", _("Renvoyé")


class MailDelivery(models.Model):
    """One message's delivery (core.mail): its send key, its state and attempts, so that no
    attempt sends what an earlier one sent. No address while it is on its way (the queued task
    carries the message); a message that finally failed keeps what a resend needs (`message`,
    its recipients included) until it is resent or `purge_mail_deliveries` clears it."""

    key = models.UUIDField(unique=True)
    kind = models.CharField(max_length=64)
    state = models.CharField(max_length=16, choices=MailState.choices, default=MailState.SENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    first_attempt_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The error class and the server's reply code: never the reply's text (it may name the
    # recipient).
    last_error = models.CharField(max_length=200, blank=True)
    message = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("envoi d’e-mail")
        verbose_name_plural = _("envois d’e-mails")
        permissions = [("resend_maildelivery", _("Voir et renvoyer les e-mails non remis"))]
        indexes = [models.Index(fields=["state", "last_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} {self.state}"


class TextState(models.TextChoices):
    WAITING = "waiting", _("En attente d’un nouvel essai")
    SENDING = "sending", _("En cours d’envoi")
    SENT = "sent", _("Envoyé")
    DELIVERED = "delivered", _("Reçu")
    FAILED = "failed", _("Échoué")
    CAPPED = "capped", _("Non envoyé (plafond atteint)")


class TextDelivery(models.Model):
    """One text message's delivery (core.texting), as `MailDelivery` is an e-mail's: its send
    key, state and attempts. Never the number: its keyed hash (`core.phones.fingerprint`), for
    the caps and the receipts, cleared when its registration goes. The programme billed and the
    place whose organisers are told of a failure are ids of higher layers' rows."""

    key = models.UUIDField(unique=True)
    kind = models.CharField(max_length=64)
    state = models.CharField(max_length=16, choices=TextState.choices, default=TextState.SENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    first_attempt_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=200, blank=True)
    parts = models.PositiveSmallIntegerField(default=1)
    gsm7 = models.BooleanField(default=True)
    recipient = models.CharField(max_length=32, blank=True, db_index=True)
    programme_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    place_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    registration_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    # The SMS centre's id of the first part: its delivery receipt finds the row by it.
    message_id = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("envoi de SMS")
        verbose_name_plural = _("envois de SMS")
        permissions = [("view_text_report", _("Voir les SMS envoyés par programme"))]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} {self.state}"


class SearchEvent(models.Model):
    """One family search, anonymous (core.search.events): where it looked, at the scale of a
    commune, the names of the criteria used, how many results, which engine answered, the day.
    Never the typed text, a point, an address, the client's address, a cookie or a user. Kept
    until the daily aggregation (`manage.py aggregate_search_events`) adds it to its week and
    deletes it."""

    day = models.DateField(db_index=True)
    # The index searched ("places").
    index = models.CharField(max_length=32)
    # The commune's stable key ("BE-62063", "FR-59350"); empty when the search named no place.
    area = models.CharField(max_length=16, blank=True)
    # The radius around it, whole kilometres; 0 when the search named no place.
    radius_km = models.PositiveSmallIntegerField(default=0)
    # The criteria used, by name, sorted and comma-separated ("age_months,objective").
    filters = models.CharField(max_length=200, blank=True)
    results = models.PositiveIntegerField()
    engine = models.CharField(max_length=16)

    def __str__(self) -> str:
        return f"{self.day} {self.index} {self.area or '-'} {self.results}"


class SearchWeek(models.Model):
    """The searches of one ISO week (`week`: its Monday) around one commune, with one radius and
    one set of criteria: how many, and how many found nothing. Kept
    `SEARCH_STATISTICS["retention_weeks"]` weeks (docs/search-statistics.md)."""

    week = models.DateField(db_index=True)
    index = models.CharField(max_length=32)
    area = models.CharField(max_length=16, blank=True)
    radius_km = models.PositiveSmallIntegerField(default=0)
    filters = models.CharField(max_length=200, blank=True)
    searches = models.PositiveIntegerField(default=0)
    found_nothing = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["week", "index", "area", "radius_km", "filters"],
                name="one_search_week_per_group",
            )
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.index} {self.area or '-'} {self.searches}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """What every invitation by e-mail keeps (an organiser's, a professional's): the address,
    the inviter and their language (the only thing known of the recipient's), and the dates that
    make its link (core.invitations) work once, until `expires_at`."""

    email = models.EmailField(_("courriel"))
    language = models.CharField(_("langue"), max_length=10)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invité par"),
    )
    created_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    expires_at = models.DateTimeField(_("expire le"))
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]


class TextOrigin(models.TextChoices):
    """Who wrote a translation: a family is told how far to trust it."""

    ORGANISER = "organiser", _("l’équipe du lieu")
    VOLUNTEER = "volunteer", _("une personne bénévole")
    MACHINE = "machine", _("une traduction automatique, pas encore relue")


class TranslationMark(models.Model):
    """Who made a translated page (a place's, an activity's): shown beside its text. Whether it
    is stale is not stored: the French page published after it is (core.translated_texts)."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="translation_mark"
    )
    origin = models.CharField(
        _("traduit par"), max_length=16, choices=TextOrigin.choices, default=TextOrigin.ORGANISER
    )

    class Meta:
        verbose_name = _("origine d’une traduction")
        verbose_name_plural = _("origines des traductions")

    def __str__(self) -> str:
        return f"{self.page_id} {self.origin}"


class Tombstone(models.Model):
    """A record the public could read and no longer can (unpublished, deleted, or merged into
    `replaced_by`), as the change feeds tell their clients (core.tombstones): one row per
    record, dropped when it is published again, purged after settings.TOMBSTONE_RETENTION."""

    kind = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    deleted_at = models.DateTimeField(default=timezone.now)
    # The id of the record of the same kind that holds its facts now (a merge).
    replaced_by = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_tombstone_per_record")
        ]
        indexes = [
            models.Index(fields=["kind", "deleted_at", "object_id"], name="tombstones_in_order")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


def new_webhook_secret() -> str:
    # The Standard Webhooks form: "whsec_" and the base64 of 32 random bytes.
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class WebhookEndpoint(models.Model):
    """A partner's URL, told of every publication, change and removal of a public record
    (core.webhooks), each POST signed with its own secret."""

    name = models.CharField(_("partenaire"), max_length=120)
    url = models.URLField(_("adresse (URL)"), max_length=500)
    secret = models.CharField(_("secret de signature"), max_length=80, default=new_webhook_secret)
    active = models.BooleanField(_("actif"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    # What its last attempt did, for ONE staff: "200", or the error's class or status.
    last_attempt_at = models.DateTimeField(_("dernier envoi"), null=True, blank=True)
    last_outcome = models.CharField(_("dernier résultat"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("webhook d'un partenaire")
        verbose_name_plural = _("webhooks des partenaires")

    def __str__(self) -> str:
        return self.name
