"""The visibility rules hold for the past too: a selector asked `as_of` a moment applies the same rules to the
records as they were then (reports' "state as of" reads through these selectors)."""

from datetime import timedelta

from django.utils import timezone

from rightstrack.accounts.permissions import ANONYMOUS
from rightstrack.planning.selectors import measure_list, progress_report_list
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.selectors import recommendation_list


def test_a_record_published_later_is_hidden_from_the_public_as_of_before_but_not_from_staff(world):
    rec = world.hidden_recommendation
    past = timezone.now() - timedelta(days=30)
    Recommendation.history.filter(id=rec.pk).update(history_date=past)
    rec.mark_published(True)
    rec.save()
    before = past + timedelta(days=1)
    assert rec.pk not in {r.pk for r in recommendation_list(user=ANONYMOUS, as_of=before)}
    assert rec.pk in {r.pk for r in recommendation_list(user=ANONYMOUS, as_of=timezone.now())}
    assert rec.pk in {r.pk for r in recommendation_list(user=world.users["viewer"], as_of=before)}


def test_the_past_keeps_the_rules_for_measures_and_reports(world):
    now = timezone.now()
    public_measures = {m.pk for m in measure_list(user=ANONYMOUS, as_of=now)}
    assert public_measures == {m.pk for m in measure_list(user=ANONYMOUS)}
    assert {r.pk for r in progress_report_list(user=ANONYMOUS, as_of=now)} == {
        r.pk for r in progress_report_list(user=ANONYMOUS)}
    staff = {r.pk for r in progress_report_list(user=world.users["focal_point"], as_of=now)}
    assert world.draft.pk in staff and world.draft.pk not in {
        r.pk for r in progress_report_list(user=world.users["viewer"], as_of=now)}
