# A report build's state moves to jobs.Job: ReportJob becomes Report (the request and its file; same ids, so
# files under REPORTS_DIR/<id>/ stay where they are). Its state is copied by jobs/0002, then dropped by 0004.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0002_reporttemplate"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("ReportJob", "Report"),
        migrations.AlterModelOptions(name="report", options={"ordering": ["-created_at"], "verbose_name": "report",
                                                             "verbose_name_plural": "reports"}),
        migrations.AlterField(
            model_name="report", name="requested_by",
            field=models.ForeignKey(on_delete=models.deletion.CASCADE, related_name="reports",
                                    to=settings.AUTH_USER_MODEL)),
    ]
