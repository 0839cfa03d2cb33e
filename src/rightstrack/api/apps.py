from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "rightstrack.api"
    verbose_name = "REST API"
