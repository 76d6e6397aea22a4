"""Closures move here from the activities app: they belong to the place. The model only
(the table keeps its name) and its content type."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="activities", model="closureperiod").update(
        app_label="directory"
    )


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="directory", model="closureperiod").update(
        app_label="activities"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('directory', '0006_gazetteer_models_moved'),
    ]

    operations = [
        migrations.RunPython(move_content_type, move_content_type_back),
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='ClosurePeriod',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start_date', models.DateField(verbose_name='du')),
                ('end_date', models.DateField(verbose_name='au (inclus)')),
                ('reason', models.CharField(blank=True, help_text="Par exemple : congés d'été.", max_length=200, verbose_name='motif')),
                ('place', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='closures', to='directory.placepage')),
            ],
            options={
                'verbose_name': 'fermeture',
                'verbose_name_plural': 'fermetures',
                'db_table': 'activities_closureperiod',
                'ordering': ['start_date'],
            },
        ),
    ]),
    ]
