"""Django app config for the taggers; the app only contributes the `tag` management command."""

from django.apps import AppConfig


class TaggingConfig(AppConfig):
    """The `rightstrack.tagging` app."""

    name = "rightstrack.tagging"
    verbose_name = "Tagging"
