"""Row-level visibility shared by every domain selector: what a user may read."""

from django.db.models import Q, QuerySet

from rightstrack.accounts.permissions import is_internal


def published_unless_internal(qs: QuerySet, user, published: Q | None = None) -> QuerySet:
    """Signed-in users see every record; anonymous visitors only published ones."""
    if is_internal(user):
        return qs
    return qs.filter(published if published is not None else Q(is_published=True))
