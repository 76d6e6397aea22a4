"""The programmes' and objectives' Dutch names, beside the French and English ones: a
Dutch-speaking family reads the filter of the map page in its language."""

from django.db import migrations, models

DUTCH_NAMES = {
    "lieux-rencontre-enfants-parents": "Ontmoetingsplaatsen voor ouders en kinderen",
    "espaces-de-rencontre": "Omgangshuizen",
    "consultations-enfants": "Consultatiebureaus voor kinderen van ONE",
    "integration-culturelle": "Culturele integratie",
    "dynamisation-de-quartier": "Leven in de buurt",
    "remediation-sociale": "Sociale en professionele ondersteuning",
    "prevention-sante-mentale": "Preventie in geestelijke gezondheid",
    "aide-a-la-jeunesse": "Jeugdhulp",
    "passerelles": "Zachte overgang naar de groep („passerelles”)",
    "education-permanente": "Permanente vorming",
    "promotion-sante-bientraitance": "Gezondheid en goede zorg voor kinderen",
    "maintien-du-lien": "Het contact bewaren of herstellen",
    "remise-de-l-enfant": "Begeleide overdracht van het kind",
    "suivi-preventif": "Preventieve opvolging van het kind",
    "sante-parentalite": "Project gezondheid en ouderschap",
}


def name_in_dutch(apps, schema_editor):
    for model in ("Programme", "Objective"):
        for term in apps.get_model("objectives", model).objects.filter(slug__in=DUTCH_NAMES):
            term.name_nl = DUTCH_NAMES[term.slug]
            term.save(update_fields=["name_nl"])


class Migration(migrations.Migration):
    dependencies = [("objectives", "0004_projects_moved_out")]

    operations = [
        migrations.AddField(
            model_name="objective",
            name="name_nl",
            field=models.CharField(blank=True, max_length=150, verbose_name="nom (néerlandais)"),
        ),
        migrations.AddField(
            model_name="programme",
            name="name_nl",
            field=models.CharField(blank=True, max_length=150, verbose_name="nom (néerlandais)"),
        ),
        migrations.RunPython(name_in_dutch, migrations.RunPython.noop),
    ]
