"""The progress-report review workflow as data: which state may follow which. No database needed."""

from django.utils.translation import gettext as _

from rightstrack.planning.models import ProgressReport

State = ProgressReport.State

TRANSITIONS: dict[str, set[str]] = {
    State.DRAFT: {State.SUBMITTED},
    State.SUBMITTED: {State.APPROVED, State.RETURNED},
    State.RETURNED: {State.SUBMITTED},
    State.APPROVED: set(),
}
# Who performs each move: the reporting side submits, the coordinator reviews.
REVIEW_STATES = {State.APPROVED, State.RETURNED}
EDITABLE_STATES = {State.DRAFT, State.RETURNED}
COMMENT_REQUIRED = {State.RETURNED}


class TransitionError(ValueError):
    """A move the workflow does not allow, or one that lacks its required comment."""


def check_transition(current: str, target: str, comment: str = "") -> None:
    """Raise TransitionError unless `current -> target` is allowed (returning needs a comment)."""
    if target not in TRANSITIONS.get(current, set()):
        labels = dict(State.choices)
        raise TransitionError(_("A report in state '%(current)s' cannot move to '%(target)s'.") % {
            "current": labels.get(current, current), "target": labels.get(target, target)})
    if target in COMMENT_REQUIRED and not comment.strip():
        raise TransitionError(_("Returning a report needs a comment that says what to change."))


def next_states(current: str) -> list[str]:
    """The states reachable from `current`, in a stable order for buttons."""
    order = [State.SUBMITTED, State.APPROVED, State.RETURNED]
    return [s for s in order if s in TRANSITIONS.get(current, set())]
