"""Django app config of tag review: for now it holds the `rightstrack tag` command over the `rightstrack.tagging`
library (a plain library, not an app)."""

from django.apps import AppConfig


class TagReviewConfig(AppConfig):
    """The `rightstrack.tagreview` app."""

    name = "rightstrack.tagreview"
    verbose_name = "Tag review"
