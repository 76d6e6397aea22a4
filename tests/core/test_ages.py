"""Ages as parents read them: one formatter for cards, place and activity pages."""

import pytest
from django.utils import translation

from core.ages import age_range_text


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        (0, 36, "de 0 à 3 ans"),
        (0, 12, "de 0 à 1 an"),
        (12, 72, "de 1 à 6 ans"),
        (6, 36, "de 6 mois à 3 ans"),
        (0, 18, "de 0 à 18 mois"),
        (6, 18, "de 6 à 18 mois"),
        (30, 48, "de 2 ans et demi à 4 ans"),
        (24, 216, "dès 2 ans"),
        (0, 216, "tous âges"),
    ],
)
def test_ages_in_years(low, high, text):
    with translation.override("fr"):
        assert age_range_text(low, high) == text


def test_place_says_its_ages(place):
    place.age_min_months, place.age_max_months = 0, 48
    with translation.override("fr"):
        assert place.ages_text == "de 0 à 4 ans"
