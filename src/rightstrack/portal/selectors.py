"""Reads for the public portal and the API, composed from the domain selectors.

A report or assessment is shown only if its target (recommendation or measure) is itself
readable, so a published report on an unpublished measure never leaks.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from rightstrack.planning.selectors import measure_list, progress_report_list
from rightstrack.recommendations.selectors import assessment_list, recommendation_list

ANONYMOUS = AnonymousUser()


def _target_visible(user) -> Q:
    return (Q(measure__in=measure_list(user=user).values("pk"))
            | Q(recommendation__in=recommendation_list(user=user).values("pk")))


def visible_progress_reports(*, user=ANONYMOUS) -> QuerySet:
    """Progress reports the user may read whose target they may read too."""
    return progress_report_list(user=user).filter(_target_visible(user))


def visible_assessments(*, user=ANONYMOUS) -> QuerySet:
    """Independent assessments the user may read whose target they may read too."""
    return assessment_list(user=user).filter(_target_visible(user))
