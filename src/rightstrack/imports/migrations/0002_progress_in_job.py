from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("imports", "0001_initial"),
        ("jobs", "0002_jobs_from_old_records"),
    ]

    operations = [migrations.RemoveField(model_name="stagedimport", name="progress")]
