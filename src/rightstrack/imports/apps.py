from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "rightstrack.imports"
    verbose_name = "Imports"
