"""The search index (full text and vectors), duplicate-cluster suggestions and the facet token.

Index rows are derived data keyed by the indexed record, so they never change the domain models and
can be rebuilt at any time with `rightstrack reindex`.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightstrack.search.fields import EmbeddingField

DIMENSIONS = 384


class SearchDocument(models.Model):
    """The searchable text of one recommendation; PostgreSQL keeps its tsvector here, SQLite in an FTS5 table."""

    recommendation = models.OneToOneField("recommendations.Recommendation", on_delete=models.CASCADE,
                                          primary_key=True, related_name="search_document")
    body = models.TextField()
    # tsvector (GIN-indexed) on PostgreSQL; unused on SQLite, whose FTS5 table `search_fts` holds the stems.
    vector = SearchVectorField(null=True)
    updated_at = models.DateTimeField(auto_now=True)


class RecommendationEmbedding(models.Model):
    """A recommendation's multilingual-e5-small vector, for semantic search and duplicate detection."""

    recommendation = models.OneToOneField("recommendations.Recommendation", on_delete=models.CASCADE,
                                          primary_key=True, related_name="embedding")
    vector = EmbeddingField(dimensions=DIMENSIONS)
    text_hash = models.CharField(max_length=64)
    # Indexed: the in-process vector index checks (count, latest change) before every query.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)


class MeasureEmbedding(models.Model):
    """A measure's vector, to suggest "measures that may answer" a recommendation."""

    measure = models.OneToOneField("planning.Measure", on_delete=models.CASCADE, primary_key=True,
                                   related_name="embedding")
    vector = EmbeddingField(dimensions=DIMENSIONS)
    text_hash = models.CharField(max_length=64)
    # Indexed: the in-process vector index checks (count, latest change) before every query.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)


class ClusterSuggestion(models.Model):
    """Near-duplicate recommendations (e.g. the same one in two cycles) proposed as one cluster."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        CONFIRMED = "confirmed", _("Confirmed")
        DISMISSED = "dismissed", _("Dismissed")

    recommendations = models.ManyToManyField("recommendations.Recommendation", related_name="cluster_suggestions")
    # Sorted member ids joined by commas: the same group is never suggested twice.
    key = models.CharField(max_length=2000, unique=True)
    similarity = models.FloatField(_("lowest similarity"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUGGESTED,
                              db_index=True)
    cluster = models.ForeignKey("recommendations.Cluster", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-similarity", "pk"]


class FacetGeneration(models.Model):
    """A token that changes whenever a recommendation's facet data changes (set by database triggers).

    The in-process facet index (`core.facets.FacetIndex`) is reused only while the tokens are the ones it was
    built under. Triggers on the recommendation, its States, accepted tags, documents, mechanisms and
    countries write a new random token on every change of what a facet shows, whatever made the change (a
    save, a bulk update, a `SET_NULL` from a deletion, an import, another process, raw SQL). SQLite has one
    row (id 1). PostgreSQL has one row per transaction that changed facet data at the same time as others, so
    that those transactions never wait for each other (migration `search/0004`). Delete all rows or none: a
    row deleted alone could bring back a set of tokens a reader has seen.
    """

    token = models.CharField(max_length=64)
