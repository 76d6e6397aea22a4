"""Closures now belong to the directory app (same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0001_initial'),
        ('directory', '0007_closures_moved_in'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.AlterField(
            model_name='occurrence',
            name='closure',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='directory.closureperiod'),
        ),
        migrations.DeleteModel(
            name='ClosurePeriod',
        ),
    ]),
    ]
