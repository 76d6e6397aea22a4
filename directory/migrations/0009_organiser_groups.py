"""Each place's organiser group is linked to it by id (PlaceOrganisers), no longer found by a name
made of the place's title: a place renamed since its group was made kept organisers nobody could
reach, so taking its trust away did nothing.

The existing groups are linked by the page id their name ends with ("Organisateurs — <title>
(#<id>)"), which stays right when the title part went stale."""

import django.db.models.deletion
from django.db import migrations, models

PREFIX = "Organisateurs — "


def link_existing_groups(apps, schema_editor):
    PlacePage = apps.get_model("directory", "PlacePage")
    Group = apps.get_model("auth", "Group")
    PlaceOrganisers = apps.get_model("directory", "PlaceOrganisers")
    place_ids = set(PlacePage.objects.values_list("pk", flat=True))
    links = {}
    for group_id, name in Group.objects.filter(name__startswith=PREFIX).order_by("pk").values_list(
        "pk", "name"
    ):
        head, separator, tail = name.rpartition(" (#")
        if not separator or not tail.endswith(")") or not tail[:-1].isdigit():
            continue
        place_id = int(tail[:-1])
        if place_id in place_ids and place_id not in links:
            links[place_id] = group_id
    PlaceOrganisers.objects.bulk_create(
        [PlaceOrganisers(place_id=place_id, group_id=group_id) for place_id, group_id in links.items()],
        batch_size=1000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('directory', '0008_fee'),
    ]

    operations = [
        migrations.CreateModel(
            name='PlaceOrganisers',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('group', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='organised_place', to='auth.group', verbose_name='groupe des organisateurs')),
                ('place', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='organisers', to='directory.placepage', verbose_name='lieu')),
            ],
            options={
                'verbose_name': "organisateurs d'un lieu",
                'verbose_name_plural': 'organisateurs des lieux',
            },
        ),
        migrations.RunPython(link_existing_groups, migrations.RunPython.noop),
    ]
