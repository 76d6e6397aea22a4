"""A change feed's cursor: the point of a list in the order of changes, (the moment of the
change, the record's id), handed to the client as an opaque, signed token and read back from it.

The order is a keyset, not an offset: a record published, unpublished or changed between two
calls moves to the end of the feed (its moment is new), so the client meets it again there and
never loses nor repeats one it has not read. The signature keeps clients from writing their own
(their shape may change); a token that does not verify is a 400 naming the parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core import signing

# Read from the start of the feed (with `modified_after`, from that moment).
START = "start"
SALT = "rencontres.cursor"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# "start", or a signed "<microseconds>-<id>" in hexadecimal.
PATTERN = r"start|[0-9a-f]{1,16}-[0-9a-f]{1,16}\.[A-Za-z0-9_-]{20,100}"
MAX_LENGTH = 140


def microseconds(moment: datetime) -> int:
    """A moment as whole microseconds since 1970: exact in both engines (a date in the cluster
    keeps milliseconds only), so that ties are ordered by id alone."""
    delta = moment - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def moment(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=micros)


@dataclass(frozen=True)
class Keyset:
    """A point of the feed: after the change of record `pk` at `micros`; (0, 0) is its start."""

    micros: int = 0
    pk: int = 0

    @property
    def at_start(self) -> bool:
        return self.micros == 0 and self.pk == 0

    @property
    def moment(self) -> datetime:
        return moment(self.micros)

    def token(self) -> str:
        return signing.Signer(salt=SALT, sep=".").sign(f"{self.micros:x}-{self.pk:x}")


def keyset_after(changed_at: datetime | None, pk: int) -> Keyset:
    """The point of a record changed at `changed_at`; one never dated is at 1970, first."""
    return Keyset(microseconds(changed_at) if changed_at else 0, pk)


def read_token(token: str) -> Keyset | None:
    """The point a token names, or None when it is not one this site made."""
    if token == START:
        return Keyset()
    if len(token) > MAX_LENGTH or not re.fullmatch(PATTERN, token):
        return None
    try:
        payload = signing.Signer(salt=SALT, sep=".").unsign(token)
    except signing.BadSignature:
        return None
    micros, pk = (int(part, 16) for part in payload.split("-"))
    return Keyset(micros, pk)
