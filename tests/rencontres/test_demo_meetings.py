"""The demo's espaces de rencontre say how meetings go: drawn the same for the same seed, the
nearest court of their country, and some waiting times declared long enough ago to be old."""

from datetime import date

from directory.meeting_terms import MeetingTerms
from rencontres.demo.meetings import CourtInfo, MeetingCatalogue, draw_meetings

CATALOGUE = MeetingCatalogue(
    accompaniments={"passages-de-bras": 2, "rencontres-sur-place": 1, "sorties-accompagnees": 3},
    documents={"decision-du-juge": 10, "piece-identite": 11, "carnet-de-sante": 12},
    courts=[
        CourtInfo(100, "FR", 50.6292, 3.0573),  # Lille
        CourtInfo(101, "FR", 50.3709, 3.0794),  # Douai
        CourtInfo(200, "BE", 50.6326, 5.5797),  # Liège
    ],
)
TODAY = date(2026, 12, 7)


def test_the_same_seed_draws_the_same_and_the_nearest_court():
    first = draw_meetings(CATALOGUE, 7, 3, "FR", (50.40, 3.08), TODAY)
    assert first == draw_meetings(CATALOGUE, 7, 3, "FR", (50.40, 3.08), TODAY)
    assert first.court_ids == [101]
    assert draw_meetings(CATALOGUE, 7, 3, "BE", (50.40, 3.08), TODAY).court_ids == [200]
    assert {10, 11} <= set(first.document_ids)


def test_every_espace_meets_on_site_and_the_other_kinds_vary():
    drawn = [draw_meetings(CATALOGUE, 7, n, "FR", (50.6, 3.0), TODAY) for n in range(40)]
    # On-site meetings are what every espace de rencontre offers (CATALOGUE: id 1), first.
    assert all(d.accompaniment_ids[0] == 1 for d in drawn)
    handovers = [2 in d.accompaniment_ids for d in drawn]
    assert any(handovers) and not all(handovers)


def test_some_declarations_are_old():
    drawn = [draw_meetings(CATALOGUE, 7, n, "FR", (50.6, 3.0), TODAY) for n in range(40)]
    old = [
        MeetingTerms(
            waiting_weeks=d.fields["waiting_weeks"],
            waiting_declared_on=d.fields["waiting_declared_on"],
        ).waiting_old(TODAY)
        for d in drawn
    ]
    assert 0 < sum(old) < len(old)
