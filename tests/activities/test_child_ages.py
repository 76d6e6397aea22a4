"""Each child's age as parents type it, read into months; an error names the child."""

import pytest

from activities.child_ages import AgesError, children_errors, read_ages


@pytest.mark.parametrize(
    ("typed", "months"),
    [
        ("18 mois", [18]),
        ("8 mois, 3 ans", [8, 36]),
        ("8 mois et 3 ans", [8, 36]),
        ("2 ans et demi", [30]),
        ("2,5 ans", [30]),
        ("18 maanden en 4 jaar", [18, 48]),
        ("9 months and 2 years", [9, 24]),
        ("1 an; 6m", [12, 6]),
    ],
)
def test_ages_as_parents_type_them(typed, months):
    assert [age.months for age in read_ages(typed)] == months


@pytest.mark.parametrize("typed", ["3", "trois ans", "250 ans"])
def test_what_cannot_be_read_is_named(typed):
    with pytest.raises(AgesError) as error:
        read_ages(typed)
    assert typed.split()[0] in str(error.value)


def test_each_child_out_of_range_is_named():
    errors = children_errors("8 mois, 5 ans, 4 ans", 3, 0, 36)
    assert errors == [
        "Le 2e enfant (5 ans) : cette activité accueille les enfants de 0 à 3 ans.",
        "Le 3e enfant (4 ans) : cette activité accueille les enfants de 0 à 3 ans.",
    ]
    assert children_errors("8 mois, 2 ans", 2, 0, 36) == []


def test_one_age_for_each_child():
    (error,) = children_errors("8 mois", 2, 0, 36)
    assert "2 enfant(s), 1 âge(s)" in error
