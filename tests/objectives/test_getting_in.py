"""How to get in, from the access modes and the fee: one rule for every card, which reads the
modes' names and flags, never their slugs."""

from dataclasses import dataclass

import pytest
from django.utils import translation

from objectives.getting_in import access_text, how_to_get_in, modes_label, says_free


@dataclass(frozen=True)
class Mode:
    name: str
    says_free: bool = False


WALK_IN = Mode("Accueil libre et anonyme", says_free=True)
JUDGE = Mode("Sur décision du juge")
PARENTS = Mode("Par accord des parents")
APPOINTMENT = Mode("Sur rendez-vous", says_free=True)
# A programme staff add tomorrow: no code knows it.
NEW = Mode("Sur orientation de la PMI", says_free=True)


@pytest.mark.parametrize(
    ("modes", "free", "text"),
    [
        ([WALK_IN], True, "Accueil libre et anonyme, gratuit"),
        ([WALK_IN], False, "Accueil libre et anonyme"),
        ([JUDGE, PARENTS], True, "Sur décision du juge ou par accord des parents"),
        ([APPOINTMENT], True, "Sur rendez-vous, gratuit"),
        ([APPOINTMENT], False, "Sur rendez-vous"),
        ([NEW], True, "Sur orientation de la PMI, gratuit"),
        # One mode that may not say "gratuit" keeps the whole sentence from saying it.
        ([APPOINTMENT, JUDGE], True, "Sur rendez-vous ou sur décision du juge"),
        ([], True, ""),
    ],
)
def test_how_to_get_in(modes, free, text):
    with translation.override("fr"):
        assert how_to_get_in(modes, free) == text
        assert says_free(modes, free) == text.endswith("gratuit")


def test_three_modes_and_an_initialism():
    modes = [Mode("Sur rendez-vous"), Mode("Par courriel"), Mode("ONE sur place")]
    with translation.override("fr"):
        assert modes_label(modes) == "Sur rendez-vous, par courriel ou ONE sur place"
    with translation.override("nl"):
        assert modes_label(modes[:2]) == "Sur rendez-vous of par courriel"


@pytest.mark.parametrize(
    ("label", "details", "text"),
    [
        ("Sur rendez-vous", "", "Sur rendez-vous"),
        (
            "Sur rendez-vous",
            "à prendre par téléphone.",
            "Sur rendez-vous — à prendre par téléphone.",
        ),
        # Details that already say the label are not preceded by it: said once.
        (
            "Sur rendez-vous",
            "Sur rendez-vous, à prendre auprès de la TMS.",
            "Sur rendez-vous, à prendre auprès de la TMS.",
        ),
        ("", "Entrée par la cour.", "Entrée par la cour."),
    ],
)
def test_the_access_and_its_details_each_said_once(label, details, text):
    with translation.override("fr"):
        assert access_text(label, details) == text
