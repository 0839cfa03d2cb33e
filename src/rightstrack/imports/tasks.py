"""Background jobs for web imports (django-tasks, database backend). They take ids and call staging services."""

import logging

from django.contrib.auth import get_user_model
from django_tasks import task

from rightstrack.imports import staging
from rightstrack.imports.models import StagedImport

log = logging.getLogger(__name__)


def _failed(staged_id: int, error: Exception) -> None:
    log.exception("import %s failed", staged_id)
    StagedImport.objects.filter(pk=staged_id).update(state=StagedImport.State.FAILED,
                                                     message=f"Unexpected error: {error}"[:2000])


@task()
def stage_import(staged_id: int) -> None:
    """Read and check an uploaded file into staged rows (writes no domain data)."""
    try:
        staging.staged_import_stage(staged_id=staged_id)
    except Exception as error:  # the page must say it failed instead of spinning forever
        _failed(staged_id, error)
        raise


@task()
def commit_import(staged_id: int, actor_id: int) -> None:
    """Write a reviewed import in one transaction."""
    try:
        staging.staged_import_write(staged_id=staged_id, actor=get_user_model().objects.get(pk=actor_id))
    except Exception as error:  # the transaction rolled back; show why
        _failed(staged_id, error)
        raise
