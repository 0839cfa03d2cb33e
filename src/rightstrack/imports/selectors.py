"""Reads for staged imports: coordinators and administrators see every import."""

from django.db.models import QuerySet

from rightstrack.accounts.permissions import is_manager
from rightstrack.imports.models import StagedImport, StagedRow

REVIEW_ROWS = 200
REPORT_ROWS = 2000  # a UN report holds a few hundred recommendations: the review shows every one


def staged_import_list(*, user) -> QuerySet[StagedImport]:
    """Imports a user may see: all of them for managers, none for anyone else."""
    qs = StagedImport.objects.select_related("created_by").prefetch_related("jobs")
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
