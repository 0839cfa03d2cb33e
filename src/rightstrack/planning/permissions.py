"""Who may write progress reports: the planning app's permission predicates (roles and institutions are in
accounts)."""

from rightstrack.accounts.permissions import can_report_on, is_manager, role_of
from rightstrack.planning.models import ProgressReport
from rightstrack.planning.workflow import EDITABLE_STATES


def is_reporter(actor, report: ProgressReport) -> bool:
    """A coordinator, or a focal point of the reporting institution responsible for the target (any state)."""
    return is_manager(actor) or (can_report_on(actor, report.target) and report.institution_id in actor.institution_ids)


def can_edit_report(actor, report: ProgressReport) -> bool:
    """Whether the edit controls should be shown for this report."""
    return role_of(actor) is not None and report.state in EDITABLE_STATES and is_reporter(actor, report)
