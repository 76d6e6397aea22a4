"""Santé-parentalité projects move here from the objectives app: the models only (their
tables keep their names), and their content types, so that revisions, permissions and the
audit log stay attached."""

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import modelsearch.index
import wagtail.fields
from django.db import migrations, models


MOVED = ["healthparentingproject", "projectconsultation", "projectplace", "tmsreferent"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="objectives", model__in=MOVED).update(app_label="projects")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="projects", model__in=MOVED).update(app_label="objectives")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('directory', '0006_gazetteer_models_moved'),
        ('objectives', '0004_projects_moved_out'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='HealthParentingProject',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='nom')),
                ('status', models.CharField(choices=[('planned', 'Prévu'), ('active', 'En cours'), ('ended', 'Terminé')], default='planned', max_length=10, verbose_name='statut')),
                ('start_date', models.DateField(blank=True, null=True, verbose_name='début')),
                ('end_date', models.DateField(blank=True, null=True, verbose_name='fin')),
                ('public_summary', models.TextField(blank=True, help_text='Affiché sur la page des lieux liés. Sans nom ni contact de personne.', verbose_name='résumé public')),
                ('activity_year', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name="année du programme d'activités")),
                ('activity_programme', wagtail.fields.RichTextField(blank=True, verbose_name="programme d'activités de l'année")),
                ('notes', models.TextField(blank=True, help_text='Réservées au personnel ONE.', verbose_name='notes internes')),
                ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                ('objectives', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='projects', to='objectives.objective', verbose_name='objectifs')),
            ],
            options={
                'verbose_name': 'projet santé-parentalité',
                'verbose_name_plural': 'projets santé-parentalité',
                'db_table': 'objectives_healthparentingproject',
                'ordering': ['name', 'pk'],
                'permissions': [('view_coverage', 'Voir les tableaux de couverture')],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name='TMSReferent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('name', models.CharField(max_length=150, verbose_name='nom')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='téléphone')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='courriel')),
                ('project', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='tms_referents', to='projects.healthparentingproject')),
            ],
            options={
                'verbose_name': 'référent·e TMS',
                'verbose_name_plural': 'référent·es TMS',
                'db_table': 'objectives_tmsreferent',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ProjectConsultation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('consultation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consultation_project_links', to='directory.placepage', verbose_name='consultation')),
                ('project', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='consultation_links', to='projects.healthparentingproject')),
            ],
            options={
                'verbose_name': 'consultation du projet',
                'verbose_name_plural': 'consultations du projet',
                'db_table': 'objectives_projectconsultation',
                'ordering': ['sort_order'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('project', 'consultation'), name='unique_project_consultation')],
            },
        ),
        migrations.CreateModel(
            name='ProjectPlace',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('relation', models.CharField(choices=[('develops', 'développé par le projet'), ('partner', 'partenaire')], default='develops', max_length=10, verbose_name='lien')),
                ('place', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='project_links', to='directory.placepage', verbose_name='lieu de rencontre')),
                ('project', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='place_links', to='projects.healthparentingproject')),
            ],
            options={
                'verbose_name': 'lieu du projet',
                'verbose_name_plural': 'lieux du projet',
                'db_table': 'objectives_projectplace',
                'ordering': ['sort_order'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('project', 'place'), name='unique_project_place')],
            },
        ),
    ]),
    ]
