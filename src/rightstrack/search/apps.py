from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rightstrack.search"
    verbose_name = "Search, duplicates and tag review"

    def ready(self):
        from rightstrack.search import signals  # noqa: F401  (keeps the index up to date after writes)
