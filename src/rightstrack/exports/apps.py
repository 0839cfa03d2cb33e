from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "rightstrack.exports"
    verbose_name = "Exports"
