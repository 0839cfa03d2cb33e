"""Background jobs (django-tasks): the digest run and the retention purge. Both are idempotent."""

from django_tasks import task

from rightstrack.subscriptions.digests import digests_send
from rightstrack.subscriptions.services import subscribers_purge


@task()
def send_subscription_digests() -> int:
    """Mail the digests of newly published changes."""
    return digests_send()


@task()
def purge_unsubscribed() -> int:
    """Delete the data of people who unsubscribed (or never confirmed) after the retention period."""
    return subscribers_purge()
