"""Each place's access mode becomes its access modes: among the modes of its programmes
(objectives 0008), those its old value became, so a place keeps saying what it said. A place
whose programmes have no such mode gets none rather than a wrong one: its organiser picks."""

import modelcluster.fields
from django.db import migrations

# The old value: the seeded modes it became (objectives 0008; a later programme's modes carry
# one of these slugs before "--").
BECAME = {
    "drop_in": {"accueil-libre"},
    "referral": {"decision-du-juge", "accord-des-parents"},
    "appointment": {"sur-rendez-vous"},
}


def give_modes(apps, schema_editor):
    # Through the relations' tables: a historical page model is not a ClusterableModel, whose
    # parental relations a `.set()` would keep in memory.
    PlacePage = apps.get_model("directory", "PlacePage")
    AccessMode = apps.get_model("objectives", "AccessMode")
    programmes = PlacePage.programmes.through.objects
    chosen = PlacePage.access_modes.through.objects
    modes_of: dict[int, list] = {}
    for mode in AccessMode.objects.all():
        modes_of.setdefault(mode.programme_id, []).append(mode)
    values = dict(PlacePage.objects.values_list("pk", "access_mode"))
    rows = []
    for place_id, programme_id in programmes.values_list("placepage_id", "programme_id"):
        wanted = BECAME.get(values.get(place_id), set())
        rows += [
            chosen.model(placepage_id=place_id, accessmode_id=mode.pk)
            for mode in modes_of.get(programme_id, [])
            if mode.slug.split("--")[0] in wanted
        ]
    chosen.bulk_create(rows, ignore_conflicts=True)


def take_modes_back(apps, schema_editor):
    PlacePage = apps.get_model("directory", "PlacePage")
    origin = {slug: value for value, slugs in BECAME.items() for slug in slugs}
    rows = PlacePage.access_modes.through.objects.values_list("placepage_id", "accessmode__slug")
    for place_id, slug in rows.order_by("pk"):
        value = origin.get(slug.split("--")[0])
        if value:
            PlacePage.objects.filter(pk=place_id).update(access_mode=value)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0017_meeting_vocabularies"),
        ("objectives", "0008_access_modes"),
    ]

    operations = [
        migrations.AddField(
            model_name="placepage",
            name="access_modes",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                related_name="places",
                to="objectives.accessmode",
                verbose_name="modes d'accès",
            ),
        ),
        migrations.RunPython(give_modes, take_modes_back),
        migrations.RemoveField(model_name="placepage", name="access_mode"),
    ]
