"""Background job (django-tasks): the audit log's retention prune. Idempotent."""

from django_tasks import task

from rightstrack.audit.services import audit_prune


@task()
def prune_audit_log() -> int:
    """Delete the audit events older than the retention period."""
    return audit_prune()
