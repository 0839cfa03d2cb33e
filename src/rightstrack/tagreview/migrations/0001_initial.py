# TaggingModelVersion moves here from the search app with its rows: the model enters this app's state on the
# existing table, which is then renamed; its content type follows, so the permissions on it (and anything
# pointing at it through a content type) stay. search/0008 removes it from the search app's state only.

from django.db import migrations, models

MODEL = "taggingmodelversion"


def _move_content_type(apps, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=target, model=MODEL).exists():
        ContentType.objects.filter(app_label=source, model=MODEL).update(app_label=target)


def forwards(apps, schema_editor):
    _move_content_type(apps, "search", "tagreview")


def backwards(apps, schema_editor):
    _move_content_type(apps, "tagreview", "search")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("search", "0007_job_moved_to_jobs"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name="TaggingModelVersion",
                fields=[
                    ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                               verbose_name="ID")),
                    ("version", models.CharField(max_length=200, unique=True)),
                    ("taxonomy", models.CharField(max_length=40)),
                    ("evaluation", models.JSONField(blank=True, null=True)),
                    ("protocol", models.TextField(blank=True)),
                    ("thresholds", models.JSONField(blank=True, default=dict)),
                    ("path", models.CharField(blank=True, max_length=300)),
                    ("trained_on", models.PositiveIntegerField(blank=True, null=True)),
                    ("created_at", models.DateTimeField(auto_now_add=True)),
                ],
                options={"ordering": ["taxonomy", "-created_at"], "db_table": "search_taggingmodelversion"},
            ),
        ]),
        # The table takes this app's name (state and database alike).
        migrations.AlterModelTable(name="TaggingModelVersion", table=None),
        migrations.RunPython(forwards, backwards),
    ]
