"""How to get in, from the access mode and the fee: one rule for every card."""

import pytest
from django.utils import translation

from objectives.getting_in import how_to_get_in
from objectives.models import AccessMode


@pytest.mark.parametrize(
    ("mode", "free", "text"),
    [
        (AccessMode.DROP_IN, True, "Sans rendez-vous, gratuit et anonyme"),
        (AccessMode.DROP_IN, False, "Sans rendez-vous et anonyme"),
        (AccessMode.REFERRAL, True, "Sur décision d'un juge ou accord des parents"),
        (AccessMode.APPOINTMENT, True, "Sur rendez-vous, gratuit"),
        (AccessMode.APPOINTMENT, False, "Sur rendez-vous"),
        ("unknown", True, ""),
    ],
)
def test_how_to_get_in(mode, free, text):
    with translation.override("fr"):
        assert how_to_get_in(mode, free) == text
