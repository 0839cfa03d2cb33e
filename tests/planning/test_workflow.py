"""The review workflow is a table; these tests need no database."""

import pytest

from rightstrack.planning.workflow import TRANSITIONS, State, TransitionError, check_transition, next_states

ALL = [State.DRAFT, State.SUBMITTED, State.APPROVED, State.RETURNED]
ALLOWED = {(State.DRAFT, State.SUBMITTED), (State.SUBMITTED, State.APPROVED), (State.SUBMITTED, State.RETURNED),
           (State.RETURNED, State.SUBMITTED)}


@pytest.mark.parametrize("current", ALL)
@pytest.mark.parametrize("target", ALL)
def test_only_the_listed_moves_are_allowed(current, target):
    comment = "fix the dates"
    if (current, target) in ALLOWED:
        check_transition(current, target, comment)
    else:
        with pytest.raises(TransitionError):
            check_transition(current, target, comment)


def test_returning_needs_a_comment():
    with pytest.raises(TransitionError, match="comment"):
        check_transition(State.SUBMITTED, State.RETURNED, "   ")


def test_approved_is_final():
    assert TRANSITIONS[State.APPROVED] == set()
    assert next_states(State.APPROVED) == []


def test_next_states_offer_review_choices_in_button_order():
    assert next_states(State.SUBMITTED) == [State.APPROVED, State.RETURNED]
    assert next_states(State.DRAFT) == [State.SUBMITTED]
