"""The structured fee of places and activities: read from the old free-text price, written as
families read it, checked in the editor."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.fees import FeeKind, read_fee

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("note", "fee"),
    [
        ("Gratuit", (FeeKind.FREE, None)),
        ("", (FeeKind.FREE, None)),
        ("0 €", (FeeKind.FREE, None)),
        ("0,50 € par visite", (FeeKind.PAID, Decimal("0.50"))),
        ("5 EUR", (FeeKind.PAID, Decimal("5"))),
        ("Participation libre", (FeeKind.SLIDING, None)),
        ("Selon les revenus, 3 € au plus", (FeeKind.SLIDING, Decimal("3"))),
        ("Participation aux frais", (FeeKind.PAID, None)),
    ],
)
def test_a_free_text_price_reads_as_a_fee(note, fee):
    assert read_fee(note) == fee


@pytest.mark.parametrize(
    ("kind", "amount", "note", "text"),
    [
        ("free", None, "Gratuit", "Gratuit"),
        ("paid", Decimal("2.5"), "Gratuit", "2,50 €"),
        (
            "paid",
            Decimal("2.5"),
            "par visite, goûter compris",
            "2,50 € — par visite, goûter compris",
        ),
        ("sliding", None, "", "Selon les revenus"),
        ("sliding", Decimal("4"), "", "Selon les revenus, jusqu'à 4,00 €"),
        # Said once: the note that says the amount or the kind of fee is not said twice.
        ("paid", Decimal("0.5"), "0,50 € par visite", "0,50 € par visite"),
        ("paid", Decimal("2"), "2 € par séance", "2,00 € par séance"),
        ("paid", Decimal("2"), "2 €", "2,00 €"),
        ("paid", Decimal("2"), "Participation : 2 € la séance", "Participation : 2 € la séance"),
        ("paid", Decimal("3"), "2 € par séance", "3,00 € — 2 € par séance"),
        (
            "sliding",
            None,
            "Participation selon les revenus des parents",
            "Participation selon les revenus des parents",
        ),
        (
            "sliding",
            Decimal("3"),
            "Selon les revenus, 3 € au plus",
            "Selon les revenus, 3 € au plus",
        ),
        (
            "free",
            None,
            "gratuit pour les familles du quartier",
            "Gratuit pour les familles du quartier",
        ),
    ],
)
def test_the_fee_as_families_read_it(place, kind, amount, note, text):
    place.fee_kind, place.fee_amount, place.price = kind, amount, note
    assert place.fee_text == text


def test_the_editor_checks_the_amount(place):
    place.fee_kind, place.fee_amount = FeeKind.FREE, Decimal("3")
    with pytest.raises(ValidationError) as raised:
        place.full_clean()
    assert raised.value.message_dict["fee_amount"] == ["Un accueil gratuit n'a pas de montant."]
    place.fee_kind = FeeKind.PAID
    place.full_clean()
    place.fee_amount, place.price = None, "Participation aux frais"
    place.full_clean()
    assert place.fee_text == "Payant — Participation aux frais"


def test_the_fee_is_said_in_the_visitors_language_with_the_note_once(place):
    place.fee_kind, place.fee_amount, place.price = "paid", Decimal("0.5"), "0,50 € par visite"
    with translation.override("en"):
        assert place.fee_text == "0.50 € par visite"
