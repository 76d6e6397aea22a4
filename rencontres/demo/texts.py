"""French phrasing for the demo places: "de Namur", age ranges, lists, the description."""

from __future__ import annotations

import random

from rencontres.demo.catalogue import ObjectiveInfo
from rencontres.demo.styles import Style
from rencontres.demo.words import INTRO_SENTENCES, OBJECTIVE_SENTENCES


def of_commune(name: str) -> str:
    """'de Namur', "d'Anderlecht", 'du Roeulx', 'des Bons Villers'."""
    if name.startswith("Le "):
        return f"du {name[3:]}"
    if name.startswith("Les "):
        return f"des {name[4:]}"
    if name[:1].upper() in "AEIOUYÉÈÊÂÎÔÛ":
        return f"d'{name}"
    return f"de {name}"


def ages_text(minimum: int, maximum: int) -> str:
    def years(months: int) -> str:
        if months % 12:
            return f"{months} mois"
        count = months // 12
        return f"{count} an" if count == 1 else f"{count} ans"

    if minimum == 0:
        return f"de la naissance à {years(maximum)}"
    return f"de {years(minimum)} à {years(maximum)}"


def escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def description(
    rng: random.Random,
    mode: str,
    objectives: list[ObjectiveInfo],
    age_min: int,
    age_max: int,
) -> str:
    """The place's rich text: who it is for, what it works on."""
    intro = rng.choice(INTRO_SENTENCES.get(mode, INTRO_SENTENCES[Style.DROP_IN]))
    sentences = [intro.format(ages=ages_text(age_min, age_max))]
    for objective in objectives:
        phrasings = OBJECTIVE_SENTENCES.get(objective.slug)
        if phrasings:
            sentences.append(rng.choice(phrasings))
        else:
            sentences.append(f"Le lieu travaille en particulier l'objectif « {objective.name} ».")
    # The languages the team speaks are a fact of the place page ("Langues parlées"), not a
    # sentence of its description: said once.
    return f"<p>{escape_text(' '.join(sentences))}</p>"
