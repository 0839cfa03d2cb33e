"""A job remembers the language of the page that queued it; its body writes in it."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0003_job_worker'),
    ]

    operations = [
        migrations.AddField(
            model_name='job',
            name='language',
            field=models.CharField(blank=True, max_length=8, verbose_name='language'),
        ),
    ]
