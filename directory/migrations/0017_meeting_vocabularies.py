"""The kinds of accompaniment and the documents to bring that espaces de rencontre name (the
FFER's référentiel national of 2021), and the accessibility features for a disabled parent or
child, in French, Dutch and English; staff edit them in the admin."""

from django.db import migrations

# slug: (French, Dutch, English)
ACCOMPANIMENTS = {
    "rencontres-sur-place": (
        "Rencontres accompagnées sur place",
        "Begeleide ontmoetingen ter plaatse",
        "Supervised meetings on site",
    ),
    "passages-de-bras": (
        "Remise de l'enfant d'un parent à l'autre",
        "Overdracht van het kind van de ene ouder aan de andere",
        "Handing the child over from one parent to the other",
    ),
    "sorties-accompagnees": (
        "Sorties accompagnées",
        "Begeleide uitstappen",
        "Supervised outings",
    ),
    "appels-accompagnes": (
        "Appels ou visioconférences accompagnés",
        "Begeleide telefoon- of videogesprekken",
        "Supervised phone or video calls",
    ),
}
DOCUMENTS = {
    "decision-du-juge": ("La décision du juge", "De beslissing van de rechter", "The court order"),
    "courrier-orientation": (
        "Un courrier d'orientation",
        "Een verwijsbrief",
        "A referral letter",
    ),
    "piece-identite": ("Une pièce d'identité", "Een identiteitsbewijs", "An identity document"),
    "carnet-de-sante": (
        "Le carnet de santé de l'enfant",
        "Het gezondheidsboekje van het kind",
        "The child's health record book",
    ),
    "accord-des-parents": (
        "L'accord écrit des parents",
        "Het schriftelijke akkoord van de ouders",
        "The parents' written agreement",
    ),
}
FEATURES = {
    "handicap-enfant": (
        "Accueil adapté à un enfant en situation de handicap",
        "Onthaal aangepast aan een kind met een handicap",
        "Welcome adapted to a disabled child",
    ),
    "handicap-parent": (
        "Accueil adapté à un parent en situation de handicap",
        "Onthaal aangepast aan een ouder met een handicap",
        "Welcome adapted to a disabled parent",
    ),
}


def seed(apps, schema_editor):
    for model, terms in (
        ("Accompaniment", ACCOMPANIMENTS),
        ("RequiredDocument", DOCUMENTS),
        ("AccessibilityFeature", FEATURES),
    ):
        Model = apps.get_model("directory", model)
        for slug, (fr, nl, en) in terms.items():
            Model.objects.get_or_create(
                slug=slug, defaults={"name_fr": fr, "name_nl": nl, "name_en": en}
            )


class Migration(migrations.Migration):
    dependencies = [("directory", "0016_place_meeting_facts")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
