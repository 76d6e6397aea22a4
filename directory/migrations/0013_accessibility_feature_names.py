"""The accessibility features' names in Dutch and English: /nl/ and /en/ place pages listed
them in French. The languages spoken need none: each is named in its own language."""

from django.db import migrations, models

# slug: (Dutch, English), for the features migration 0003 created.
NAMES = {
    "plain-pied": (
        "Gelijkvloerse toegang of toegang via een hellend vlak",
        "Step-free or ramp access",
    ),
    "ascenseur": ("Lift", "Lift"),
    "toilettes-adaptees": ("Aangepast toilet", "Accessible toilet"),
    "parking-poussettes": ("Bergplaats voor kinderwagens", "Pushchair storage"),
    "boucle-magnetique": ("Ringleiding voor slechthorenden", "Hearing loop"),
    "langue-des-signes": ("Onthaal in gebarentaal", "Sign language spoken at reception"),
}


def name(apps, schema_editor):
    Feature = apps.get_model("directory", "AccessibilityFeature")
    for feature in Feature.objects.filter(slug__in=NAMES):
        feature.name_nl, feature.name_en = NAMES[feature.slug]
        feature.save(update_fields=["name_nl", "name_en"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0012_place_point")]

    operations = [
        migrations.AlterField(
            model_name="accessibilityfeature",
            name="name_fr",
            field=models.CharField(max_length=120, verbose_name="nom (français)"),
        ),
        migrations.AddField(
            model_name="accessibilityfeature",
            name="name_nl",
            field=models.CharField(blank=True, max_length=120, verbose_name="nom (néerlandais)"),
        ),
        migrations.AddField(
            model_name="accessibilityfeature",
            name="name_en",
            field=models.CharField(blank=True, max_length=120, verbose_name="nom (anglais)"),
        ),
        migrations.RunPython(name, migrations.RunPython.noop),
    ]
