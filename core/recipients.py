"""Nobody is written to against their will, and one mailbox is one person.

Anyone can type someone else's address into a public form. Whatever the public can make the site
send — a registration's confirmation, an alert's, the answer to a problem report, an orientation,
a text message — asks `may_send(kind, address)` first: at most one message of that kind to one
recipient per hour and a few per day (`settings.RECIPIENT_LIMITS`), WHOEVER asks (the count is the
recipient's, not the client's: two browsers, two networks, one count). When it answers False, the
caller sends nothing and tells the person on the page that the message was already sent
(`ALREADY_SENT`, answered with a 200: nothing is wrong with the form).

Each kind has its own count: a family who registers and sets an alert in the same minute gets
both confirmations; someone typing a stranger's address gets that stranger at most one message
of each kind per hour.

The count is kept in the shared cache, atomically, as `core.clients` counts its rate limits
(`core.cache.count_attempt`: each worker's memory while the cache server does not answer, so
the cap still holds). Its key is a keyed hash of the normalised recipient: neither the cache nor
the logs ever hold an address or a number.

A recipient is normalised by `recipient()`: an e-mail address becomes its mailbox (`mailbox`:
case, `+tag`, and the dots Gmail ignores), so that `Name+1@gmail.com` and `n.ame@gmail.com`
count as one person here as they do for a session's seats; a phone number is reduced to its
digits (the SMS code passes numbers in E.164, `+32470123456`).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.cache import count_attempt

HOUR = 3600
DAY = 24 * HOUR

ALREADY_SENT = _(
    "Déjà envoyé : un message est parti vers cette adresse il y a peu. Regardez dans votre "
    "boîte de réception (et dans les indésirables) ; rien n'est envoyé de nouveau avant une heure."
)

# Providers that deliver `n.ame@` to `name@`: dots in the local part are dropped, and every name
# of the provider's domain is one mailbox. Only providers that document it are listed: elsewhere
# a dot may separate two people (`jean.dupont@` and `jeandupont@` at a company).
DOTLESS_DOMAINS = {
    "gmail.com": "gmail.com",
    "googlemail.com": "gmail.com",
}


def mailbox(address: str) -> str:
    """The mailbox an e-mail address reaches: case folded, the `+tag` of a sub-address removed,
    and the dots removed where the provider ignores them (`DOTLESS_DOMAINS`). Two addresses with
    the same mailbox reach the same person; the result is for comparing, never for sending."""
    address = address.strip().casefold()
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return address
    # Sub-addressing (`name+tag@`) is offered by most providers; the tag never names another
    # person. A local part that starts with "+" is kept whole.
    local = local.split("+", 1)[0] or local
    if domain in DOTLESS_DOMAINS:
        local = local.replace(".", "") or local
        domain = DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"


def same_mailbox(first: str, second: str) -> bool:
    return bool(first.strip()) and mailbox(first) == mailbox(second)


def recipient(address: str) -> str:
    """The recipient an address or number names: a mailbox, or a phone number's digits."""
    if "@" in address:
        return mailbox(address)
    return "tel:" + "".join(c for c in address if c.isdigit())


def _digest(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def recipient_key(kind: str, address: str, window: int) -> str:
    """The cache key counting the messages of `kind` to `address` in windows of `window` seconds:
    a keyed hash of the normalised recipient, never the address."""
    return f"recipient-{kind}-{window}:{_digest(recipient(address))}"


def may_send(kind: str, address: str, limits: tuple[tuple[int, int], ...] | None = None) -> bool:
    """Counts one message of `kind` (e.g. "registration", "alert", "report", "orientation",
    "sms-registration") to `address` (an e-mail address or a phone number); False when it would
    be one too many in one of `limits`, pairs of (messages, seconds): then send nothing and show
    `ALREADY_SENT`. `limits` defaults to `settings.RECIPIENT_LIMITS` (one an hour, three a day).

    Call it only when a message is about to leave: what is not sent is not counted, except in
    the windows already checked when a later one refuses."""
    for limit, window in limits or settings.RECIPIENT_LIMITS:
        if count_attempt(recipient_key(kind, address, window), window) > limit:
            return False
    return True
