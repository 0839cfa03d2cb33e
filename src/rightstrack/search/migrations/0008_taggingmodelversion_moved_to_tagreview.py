# TaggingModelVersion now lives in the tagreview app, whose first migration took over its table and rows; here it
# leaves the search app's state only (no table is dropped).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0007_job_moved_to_jobs"),
        ("tagreview", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="TaggingModelVersion")]),
    ]
