from django.db import migrations

LANGUAGES = [
    ("fr", "français"),
    ("nl", "néerlandais"),
    ("de", "allemand"),
    ("en", "anglais"),
    ("ar", "arabe"),
    ("tr", "turc"),
    ("es", "espagnol"),
    ("it", "italien"),
    ("pt", "portugais"),
    ("pl", "polonais"),
    ("ro", "roumain"),
    ("ru", "russe"),
    ("uk", "ukrainien"),
    ("ln", "lingala"),
    ("sw", "swahili"),
    ("ps", "pachto"),
    ("fa", "persan"),
    ("ti", "tigrigna"),
    ("so", "somali"),
    ("bg", "bulgare"),
]

FEATURES = [
    ("plain-pied", "Accès de plain-pied ou par rampe", True),
    ("ascenseur", "Ascenseur", True),
    ("toilettes-adaptees", "Toilettes adaptées", True),
    ("parking-poussettes", "Rangement pour poussettes", False),
    ("boucle-magnetique", "Boucle magnétique pour malentendants", False),
    ("langue-des-signes", "Accueil en langue des signes", False),
]


def seed(apps, schema_editor):
    Language = apps.get_model("directory", "Language")
    AccessibilityFeature = apps.get_model("directory", "AccessibilityFeature")
    for code, name in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name_fr": name})
    for slug, name, step_free in FEATURES:
        AccessibilityFeature.objects.update_or_create(
            slug=slug, defaults={"name_fr": name, "step_free": step_free}
        )


def unseed(apps, schema_editor):
    apps.get_model("directory", "Language").objects.filter(
        code__in=[c for c, _n in LANGUAGES]
    ).delete()
    apps.get_model("directory", "AccessibilityFeature").objects.filter(
        slug__in=[s for s, _n, _f in FEATURES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_initial")]

    operations = [migrations.RunPython(seed, unseed)]
