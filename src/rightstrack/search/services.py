"""Writes of the search app: cluster suggestions and their decisions, the start of a reindex."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.accounts.permissions import is_manager, require
from rightstrack.jobs.models import Job
from rightstrack.jobs.services import job_enqueue
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.services import cluster_create, recommendation_update
from rightstrack.search.models import ClusterSuggestion
from rightstrack.search.selectors import duplicate_groups


@transaction.atomic
def reindex_start(*, actor) -> Job:
    """Queue a reindex of every record (full text and vectors); it runs in the jobs worker (`search.jobs`)."""
    require(is_manager(actor))
    return job_enqueue(kind=Job.Kind.REINDEX, owner=actor, params={})


@transaction.atomic
def cluster_suggestions_build(*, actor, threshold: float | None = None) -> int:
    """Store groups of near-duplicates (across source documents) as cluster suggestions; returns how many are new.

    A group already suggested (in any state) or already sharing one cluster is not suggested again.
    """
    require(is_manager(actor))
    created = 0
    for members, similarity in duplicate_groups(threshold=threshold):
        key = ",".join(map(str, sorted(members)))
        clusters = set(Recommendation.objects.filter(pk__in=members).values_list("cluster_id", flat=True))
        if (len(clusters) == 1 and None not in clusters) or ClusterSuggestion.objects.filter(key=key).exists():
            continue
        suggestion = ClusterSuggestion.objects.create(key=key, similarity=similarity)
        suggestion.recommendations.set(members)
        created += 1
    return created


@transaction.atomic
def cluster_suggestion_decide(*, actor, suggestion: ClusterSuggestion, confirm: bool,
                              name: str = "") -> ClusterSuggestion:
    """Confirm (put the group in one cluster: an existing one of a member, or a new one named `name`) or dismiss."""
    require(is_manager(actor))
    suggestion = ClusterSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != ClusterSuggestion.Status.SUGGESTED:
        raise ValueError(_("This suggestion was already decided."))
    if confirm:
        members = list(suggestion.recommendations.select_related("cluster"))
        clusters = {m.cluster for m in members if m.cluster_id}
        if len(clusters) > 1:
            raise ValueError(_("These recommendations are already in different clusters (%(names)s); "
                               "move them by hand.") % {"names": ", ".join(sorted(map(str, clusters)))})
        if clusters:
            cluster = clusters.pop()
            for rec in members:
                if rec.cluster_id is None:
                    recommendation_update(actor=actor, recommendation=rec, cluster=cluster,
                                          reason="cluster suggestion confirmed")
        else:
            if not name.strip():
                raise ValueError(_("Name the new cluster."))
            cluster = cluster_create(actor=actor, name=name.strip(), recommendations=members)
        suggestion.cluster = cluster
    suggestion.status = ClusterSuggestion.Status.CONFIRMED if confirm else ClusterSuggestion.Status.DISMISSED
    suggestion.decided_by, suggestion.decided_at = actor, timezone.now()
    suggestion.save(update_fields=["status", "cluster", "decided_by", "decided_at"])
    return suggestion
