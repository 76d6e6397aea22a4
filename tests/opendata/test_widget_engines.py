"""The partners' widget on both engines, on the search suites' world (a module of its own: the
world is built once a module, and its places' slugs would meet the other widget tests')."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_widget_answers_alike_on_both_engines(client, engine):
    text = client.get("/widget/", {"near": "4000"}).content.decode()
    names = ["Le Passage", "Consultation ONE Liège-Centre", "Le Nid"]
    positions = [text.find(f">{name}</a>") for name in names]
    assert -1 not in positions and positions == sorted(positions), engine
    assert "Rue Cachée" not in text
