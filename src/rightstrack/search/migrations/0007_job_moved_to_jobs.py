from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0006_trained_models"),
        ("jobs", "0002_jobs_from_old_records"),
    ]

    operations = [migrations.DeleteModel(name="Job")]
