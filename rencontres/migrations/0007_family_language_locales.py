"""A Wagtail locale for each family language (settings.FAMILY_LANGUAGES: Arabic, Turkish,
Romanian, Ukrainian, Spanish, Portuguese by default), so that places, activities and notices can
be translated into them (docs/languages-families.md). A language added to the setting later gets
its locale in the admin (Paramètres > Langues). No root page is translated: wagtail-localize
copies a place's parents as aliases when it is first translated."""

from django.conf import settings
from django.db import migrations


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.FAMILY_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("rencontres", "0006_login_address_failures")]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
