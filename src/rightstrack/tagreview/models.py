"""The tagger versions that stored suggestions or were trained here from accepted tags.

Moved from the search app (migration `tagreview/0001_initial` takes its table and rows along).
"""

from django.db import models


class TaggingModelVersion(models.Model):
    """A tagger version that stored suggestions, or that was trained here from accepted tags, with the held-out
    evaluation it was saved with."""

    version = models.CharField(max_length=200, unique=True)
    taxonomy = models.CharField(max_length=40)
    evaluation = models.JSONField(null=True, blank=True)
    protocol = models.TextField(blank=True)
    thresholds = models.JSONField(default=dict, blank=True)
    # Trained here from accepted tags: the model's directory under MEDIA_ROOT (shared by every host), and how
    # many texts it learnt from. Empty for the shipped default models.
    path = models.CharField(max_length=300, blank=True)
    trained_on = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["taxonomy", "-created_at"]

    def __str__(self) -> str:
        return self.version
