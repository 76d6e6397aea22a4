"""What coming costs a family: free, a price, or a price set by the family's income (sliding
scale); the free-text `price` of places and activities stays beside it as a note."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The notes that only say "free": they add nothing to a free fee.
FREE_WORDS = {"gratuit", "gratuite", "gratis", "free", "0", "0 €", "0€"}
SLIDING_WORDS = ("revenu", "libre", "selon")
AMOUNT = re.compile(r"(\d+(?:[.,]\d{1,2})?)\s*(?:€|eur)", re.IGNORECASE)


class FeeKind(models.TextChoices):
    FREE = "free", _("gratuit")
    PAID = "paid", _("payant")
    SLIDING = "sliding", _("selon les revenus")


class Fee(models.Model):
    """The fee of a place or an activity (an abstract mixin: no table); the model's own `price`
    is its note."""

    fee_kind = models.CharField(
        _("tarif"), max_length=10, choices=FeeKind.choices, default=FeeKind.FREE
    )
    fee_amount = models.DecimalField(
        _("montant (€)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_(
            "Payant : le prix d'une venue. Selon les revenus : le plus haut, s'il y a lieu."
        ),
    )

    class Meta:
        abstract = True

    def fee_errors(self) -> dict[str, list[str]]:
        # A paid fee may go without its amount: notes written before fees were structured
        # ("participation aux frais") often do not say it.
        if self.fee_kind == FeeKind.FREE and self.fee_amount is not None:
            return {"fee_amount": [_("Un accueil gratuit n'a pas de montant.")]}
        return {}

    @property
    def fee_text(self) -> str:
        return fee_text(self.fee_kind, self.fee_amount, self.price)


def fee_text(kind: str, amount: Decimal | None, note: str) -> str:
    """The fee as a family reads it, with the note when it says more ("par visite")."""
    if kind == FeeKind.FREE:
        text = gettext("Gratuit")
    elif amount is None:
        text = str(FeeKind(kind).label).capitalize()
    elif kind == FeeKind.PAID:
        text = f"{number_format(amount, 2)} €"
    else:
        text = gettext("Selon les revenus, jusqu'à %(amount)s €") % {
            "amount": number_format(amount, 2)
        }
    note = note.strip()
    if note.lower() in FREE_WORDS | {""}:
        return text
    return _with_note(text, kind, amount, note)


def _with_note(text: str, kind: str, amount: Decimal | None, note: str) -> str:
    """The fee and its note, each word said once: a note that starts with the amount ("0,50 €
    par visite") follows the amount written the visitor's way; a note that says the amount
    elsewhere or the kind of fee in its own words ("Participation selon les revenus des
    parents") is the whole text; any other note follows the fee after a dash."""
    said = AMOUNT.search(note) if amount is not None else None
    if said and Decimal(said.group(1).replace(",", ".")) == amount:
        if kind == FeeKind.PAID and not note[: said.start()].strip():
            rest = note[said.end() :].strip(" ,;:—–-")
            return f"{text} {rest}" if rest else text
        return capfirst(note)
    if str(FeeKind(kind).label).lower() in note.lower():
        return capfirst(note)
    return f"{text} — {note}"


def read_fee(note: str) -> tuple[str, Decimal | None]:
    """The fee a free-text price says, for places and activities written before fees were
    structured: "Gratuit", "0,50 € par visite", "Participation selon les revenus"."""
    text = note.strip().lower()
    found = AMOUNT.search(text)
    amount = Decimal(found.group(1).replace(",", ".")) if found else None
    if not text or text in FREE_WORDS or amount == 0:
        return FeeKind.FREE, None
    if any(word in text for word in SLIDING_WORDS):
        return FeeKind.SLIDING, amount
    return FeeKind.PAID, amount
