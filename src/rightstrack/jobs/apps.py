from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rightstrack.jobs"
    verbose_name = "Background jobs"

    def ready(self):
        autodiscover_modules("jobs")  # each app's jobs.py registers the bodies of its kinds of job
