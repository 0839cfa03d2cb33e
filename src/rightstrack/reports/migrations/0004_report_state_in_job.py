from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0003_report_from_report_job"),
        ("jobs", "0002_jobs_from_old_records"),
    ]

    operations = [
        migrations.RemoveField(model_name="report", name=name)
        for name in ("state", "done_steps", "total_steps", "step_label", "error", "finished_at")
    ]
