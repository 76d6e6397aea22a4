# The search updates the cluster missed (core.search.pending).

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='PendingSearchUpdate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('index', models.CharField(max_length=64)),
                ('key', models.CharField(max_length=100)),
                ('object_id', models.BigIntegerField()),
                ('noted_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('index', 'key', 'object_id'), name='one_pending_update_per_document')],
            },
        ),
    ]
