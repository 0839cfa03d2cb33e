"""Reads for staged imports: coordinators and administrators see every import."""

from django.db.models import QuerySet

from rightstrack.accounts.permissions import is_manager
from rightstrack.imports.models import StagedImport, StagedRow
from rightstrack.imports.progress import shared_progress_get

REVIEW_ROWS = 200
REPORT_ROWS = 2000  # a UN report holds a few hundred recommendations: the review shows every one


def staged_import_list(*, user) -> QuerySet[StagedImport]:
    """Imports a user may see: all of them for managers, none for anyone else."""
    qs = StagedImport.objects.select_related("created_by")
    return qs if is_manager(user) else qs.none()


def staged_rows_for_review(*, staged: StagedImport) -> dict:
    """The rejected rows first (with their problems), then a sample of what a commit would change."""
    rows = StagedRow.objects.filter(staged_import=staged)
    if staged.format == "upr-report":  # every recommendation extracted from the report, whatever its action
        return {"rejected": list(rows.filter(action="rejected")[:REPORT_ROWS]),
                "report_rows": list(rows.order_by("number")[:REPORT_ROWS]), "limit": REPORT_ROWS}
    return {"rejected": list(rows.filter(action="rejected")[:REVIEW_ROWS]),
            "changes": list(rows.filter(action__in=["created", "updated"])[:REVIEW_ROWS]),
            "limit": REVIEW_ROWS}


def staged_import_status(*, staged: StagedImport) -> dict:
    """What the progress endpoint reports. A running job's progress is read from the shared store first: while an
    import writes, its row's progress is not updated for other readers until the write commits."""
    progress = staged.progress
    if staged.is_running and (shared := shared_progress_get(staged.pk)) is not None:
        progress = shared
    return {"state": staged.state, "label": str(staged.get_state_display()), "progress": progress,
            "running": staged.is_running, "message": staged.message, "counts": staged.counts}
