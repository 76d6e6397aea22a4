"""Phone numbers as families type them, read once and stored in E.164 (« +32470123456 »).

A number without its country code is read in the place's country (Belgium or France first:
« 0470 12 34 56 » at a Belgian place is +32 470…, « 06 12 34 56 78 » at a French one is
+33 6…); one that starts with + or 00 is read as written. Text messages go to mobile numbers
only.

A number is personal data: logs and counters carry its `fingerprint` (a keyed hash), never the
number.
"""

from __future__ import annotations

import hashlib
import hmac

import phonenumbers
from django.conf import settings
from django.utils.translation import gettext as _

# Where a number without a country code is read when the place says nothing.
DEFAULT_REGION = "BE"
MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


class BadNumber(ValueError):
    """A number that cannot be used; its message, in the active language, says why."""


def read_phone(text: str, region: str | None = None, *, mobile: bool = False) -> str:
    """The number in E.164, read in `region` (a country code: BE, FR…) when it has no country
    code of its own. `mobile`: a number that can receive text messages is required."""
    text = (text or "").strip()
    if sum(c.isdigit() for c in text) < 9:
        raise BadNumber(_("Ce numéro de téléphone est incomplet."))
    try:
        number = phonenumbers.parse(text, (region or DEFAULT_REGION).upper())
    except phonenumbers.NumberParseException:
        raise BadNumber(_("Ce numéro de téléphone n'est pas un numéro valable.")) from None
    if not phonenumbers.is_valid_number(number):
        raise BadNumber(_("Ce numéro de téléphone n'est pas un numéro valable."))
    if mobile and phonenumbers.number_type(number) not in MOBILE_TYPES:
        raise BadNumber(_("Ce numéro ne reçoit pas de SMS : donnez un numéro de GSM."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_mobile(e164: str) -> bool:
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) in MOBILE_TYPES


def fingerprint(e164: str) -> str:
    """A keyed hash of the number: the same number gives the same fingerprint on this site
    (caps, receipts, logs), and the number cannot be read back from it."""
    key = hashlib.sha256(("rencontres.phone:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, e164.encode(), hashlib.sha256).hexdigest()[:24]
