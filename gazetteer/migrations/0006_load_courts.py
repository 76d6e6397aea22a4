"""The real courts (gazetteer/data/courts.csv, its sources in gazetteer/courts.py) whose seat's
commune is already loaded; `load_gazetteer` loads the others once their communes are."""

from django.db import migrations

from gazetteer.courts import load_courts


def load(apps, schema_editor):
    load_courts(apps.get_model("gazetteer", "Court"), apps.get_model("gazetteer", "Commune"))


class Migration(migrations.Migration):
    dependencies = [("gazetteer", "0005_court")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
