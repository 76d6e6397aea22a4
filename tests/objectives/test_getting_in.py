"""How to get in, from the access mode and the fee: one rule for every card."""

import pytest
from django.utils import translation

from objectives.getting_in import access_text, how_to_get_in
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


@pytest.mark.parametrize(
    ("mode", "details", "text"),
    [
        (AccessMode.APPOINTMENT, "", "Sur rendez-vous"),
        (
            AccessMode.APPOINTMENT,
            "à prendre par téléphone.",
            "Sur rendez-vous — à prendre par téléphone.",
        ),
        # Details that already say the label are not preceded by it: said once.
        (
            AccessMode.APPOINTMENT,
            "Sur rendez-vous, à prendre auprès de la TMS.",
            "Sur rendez-vous, à prendre auprès de la TMS.",
        ),
        ("unknown", "Entrée par la cour.", "Entrée par la cour."),
    ],
)
def test_the_access_and_its_details_each_said_once(mode, details, text):
    with translation.override("fr"):
        assert access_text(mode, details) == text
