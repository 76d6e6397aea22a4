"""Communes, postcodes and the geocoder cache move here from the directory app: the models
only (their tables keep their names), and their content types, so that permissions and
history stay attached."""

import django.db.models.deletion
from django.db import migrations, models


MOVED = ["commune", "postalcode", "geocodedaddress"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="directory", model__in=MOVED).update(app_label="gazetteer")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="gazetteer", model__in=MOVED).update(app_label="directory")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0005_arrondissement_external_id_import_permission"),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='GeocodedAddress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=64, unique=True)),
                ('latitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True)),
                ('longitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True)),
                ('answered_at', models.DateTimeField()),
            ],
            options={
                'verbose_name': 'adresse géolocalisée',
                'verbose_name_plural': 'adresses géolocalisées',
                'db_table': 'directory_geocodedaddress',
            },
        ),
        migrations.CreateModel(
            name='Commune',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('country', models.CharField(choices=[('BE', 'Belgique'), ('FR', 'France')], max_length=2, verbose_name='pays')),
                ('code', models.CharField(max_length=12, verbose_name='code officiel')),
                ('name_fr', models.CharField(max_length=120, verbose_name='nom (français)')),
                ('name_nl', models.CharField(blank=True, max_length=120, verbose_name='nom (néerlandais)')),
                ('province', models.CharField(blank=True, max_length=120, verbose_name='province ou département')),
                ('arrondissement', models.CharField(blank=True, max_length=120, verbose_name='arrondissement')),
                ('latitude', models.DecimalField(decimal_places=6, max_digits=9)),
                ('longitude', models.DecimalField(decimal_places=6, max_digits=9)),
                ('search_names', models.CharField(db_index=True, max_length=400)),
            ],
            options={
                'verbose_name': 'commune',
                'verbose_name_plural': 'communes',
                'db_table': 'directory_commune',
                'ordering': ['name_fr'],
                'constraints': [models.UniqueConstraint(fields=('country', 'code'), name='unique_commune_code')],
            },
        ),
        migrations.CreateModel(
            name='PostalCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('country', models.CharField(choices=[('BE', 'Belgique'), ('FR', 'France')], max_length=2, verbose_name='pays')),
                ('code', models.CharField(max_length=10, verbose_name='code postal')),
                ('locality', models.CharField(max_length=120, verbose_name='localité')),
                ('normalized_locality', models.CharField(db_index=True, max_length=120)),
                ('latitude', models.DecimalField(decimal_places=6, max_digits=9)),
                ('longitude', models.DecimalField(decimal_places=6, max_digits=9)),
                ('commune', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='postal_codes', to='gazetteer.commune')),
            ],
            options={
                'verbose_name': 'code postal',
                'verbose_name_plural': 'codes postaux',
                'db_table': 'directory_postalcode',
                'ordering': ['country', 'code', 'locality'],
                'indexes': [models.Index(fields=['code', 'country'], name='directory_p_code_6e6419_idx')],
                'constraints': [models.UniqueConstraint(fields=('country', 'code', 'locality'), name='unique_postal_locality')],
            },
        ),
    ]),
    ]
