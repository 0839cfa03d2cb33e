"""Django app config of tag review: the suggested-tag review page, tagger training from accepted tags, the tagger
versions (`TaggingModelVersion`) and the `rightstrack tag` command, over the `rightstrack.tagging` library (a
plain library, not an app)."""

from django.apps import AppConfig


class TagReviewConfig(AppConfig):
    """The `rightstrack.tagreview` app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "rightstrack.tagreview"
    verbose_name = "Tag review"
