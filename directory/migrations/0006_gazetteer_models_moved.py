"""The gazetteer's models now belong to the gazetteer app (same tables): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0005_arrondissement_external_id_import_permission'),
        ('gazetteer', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.RemoveField(
            model_name='postalcode',
            name='commune',
        ),
        migrations.AlterField(
            model_name='placepage',
            name='commune',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='places', to='gazetteer.commune', verbose_name='commune'),
        ),
        migrations.DeleteModel(
            name='GeocodedAddress',
        ),
        migrations.DeleteModel(
            name='PostalCode',
        ),
        migrations.DeleteModel(
            name='Commune',
        ),
    ]),
    ]
