"""A recommendation's status and institutions follow its measures and approved reports, in the same transaction."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction

from rightstrack.planning import services as planning
from rightstrack.planning.models import ActionPlanVersion, Measure, ProgressReport
from rightstrack.recommendations import services as recommendations
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.status import derive_status

NS, IP, PI, IM, NI = "not_started", "in_progress", "partially_implemented", "implemented", "not_implemented"


@pytest.mark.parametrize(("inputs", "expected"), [
    ([], NS),
    ([NS, NS], NS),
    ([IM, IM], IM),
    ([NI], NI),
    ([IP, IP], IP),
    ([PI], PI),
    ([IM, NS], PI),
    ([IM, NI], PI),
    ([PI, IP], PI),
    ([IP, NS], IP),
    ([IP, NI], IP),
    ([NS, NI], NS),
])
def test_the_rule_gives_each_mix_of_inputs_its_status(inputs, expected):
    assert derive_status(inputs) == expected


def _approve(world, *, target, proposed):
    field = "measure" if isinstance(target, Measure) else "recommendation"
    # Reported by the target's lead institution: only a responsible institution's report may be approved.
    report = ProgressReport.objects.create(**{field: target}, institution=target.lead_institution or world.mia,
                                           author=world.users["focal_point"],
                                           period_end="2024-06-30", narrative="Done", proposed_status=proposed,
                                           state="submitted")
    return planning.progress_report_transition(actor=world.users["coordinator"], report=report, to="approved")


def _status(rec) -> tuple[str, str, str]:
    rec = Recommendation.objects.get(pk=rec.pk)
    return rec.status, rec.derived_status, rec.status_override


@pytest.mark.django_db
def test_approving_a_report_on_a_measure_moves_the_recommendations_it_answers(world):
    _approve(world, target=world.measure, proposed=IM)
    assert _status(world.recommendation) == (IM, IM, "")
    latest = world.recommendation.history.latest()
    assert latest.history_user == world.users["coordinator"] and "progress report" in latest.history_change_reason


@pytest.mark.django_db
def test_a_second_measure_not_started_makes_it_partially_implemented(world):
    planning.measure_link(actor=world.users["coordinator"], measure=world.other_measure,
                          recommendations=[world.recommendation])
    _approve(world, target=world.measure, proposed=IM)
    assert _status(world.recommendation)[0] == PI
    _approve(world, target=world.other_measure, proposed=IM)
    assert _status(world.recommendation)[0] == IM


@pytest.mark.django_db
def test_linking_and_unlinking_move_the_status_and_are_in_history(world):
    _approve(world, target=world.other_measure, proposed=IP)
    coordinator = world.users["coordinator"]
    added = planning.measure_link(actor=coordinator, measure=world.other_measure,
                                  recommendations=[world.hidden_recommendation])
    assert added == [world.hidden_recommendation] and _status(world.hidden_recommendation)[0] == IP
    assert planning.measure_link(actor=coordinator, measure=world.other_measure,
                                 recommendations=[world.hidden_recommendation]) == []  # already linked
    planning.measure_unlink(actor=coordinator, measure=world.other_measure,
                            recommendations=[world.hidden_recommendation])
    assert _status(world.hidden_recommendation)[0] == NS
    reasons = list(world.hidden_recommendation.history.values_list("history_change_reason", flat=True))
    assert any("unlinked from measure 2" in r for r in reasons if r)


@pytest.mark.django_db
def test_a_report_on_the_recommendation_itself_counts(world):
    _approve(world, target=world.hidden_recommendation, proposed=IP)
    assert _status(world.hidden_recommendation) == (IP, IP, "")


@pytest.mark.django_db
def test_only_measures_of_the_current_plan_version_count(world):
    _approve(world, target=world.measure, proposed=IM)
    v2 = ActionPlanVersion.objects.create(plan=world.plan, number=2, label="Amended")
    newer = Measure.objects.create(version=v2, key="M1", number="1", text="Service model, amended",
                                   lead_institution=world.moh)
    planning.measure_link(actor=world.users["coordinator"], measure=newer, recommendations=[world.recommendation])
    rec = Recommendation.objects.get(pk=world.recommendation.pk)
    assert rec.status == NS  # the v1 copy, implemented, no longer answers for the plan
    assert rec.lead_institution == world.moh


@pytest.mark.django_db
def test_a_superseded_measure_takes_no_new_links(world):
    ActionPlanVersion.objects.create(plan=world.plan, number=2, label="Amended")
    with pytest.raises(ValidationError):
        planning.measure_link(actor=world.users["coordinator"], measure=world.other_measure,
                              recommendations=[world.hidden_recommendation])
    assert not world.other_measure.recommendations.exists()


@pytest.mark.django_db
def test_a_measure_edit_moves_the_recommendations(world):
    planning.measure_update(actor=world.users["coordinator"], measure=world.measure, status=NI)
    assert _status(world.recommendation)[0] == NI


@pytest.mark.django_db
def test_the_override_wins_keeps_both_values_and_needs_a_reason(world):
    coordinator = world.users["coordinator"]
    _approve(world, target=world.measure, proposed=IP)
    with pytest.raises(ValidationError):
        recommendations.recommendation_status_override(actor=coordinator, recommendation=world.recommendation,
                                                       status=IM, reason=" ")
    assert _status(world.recommendation) == (IP, IP, "")
    recommendations.recommendation_status_override(actor=coordinator, recommendation=world.recommendation,
                                                   status=IM, reason="The ministry's letter of 3 May")
    assert _status(world.recommendation) == (IM, IP, IM)
    _approve(world, target=world.measure, proposed=NI)  # measures move on; the override still wins
    assert _status(world.recommendation) == (IM, NI, IM)
    recommendations.recommendation_status_override(actor=coordinator, recommendation=world.recommendation,
                                                   status="", reason="")
    assert _status(world.recommendation) == (NI, NI, "")
    reasons = [r for r in world.recommendation.history.values_list("history_change_reason", flat=True) if r]
    assert any("The ministry's letter of 3 May" in r for r in reasons) and "status override cleared" in reasons


@pytest.mark.django_db
def test_the_status_cannot_be_written_as_a_plain_field(world):
    with pytest.raises(TypeError):
        recommendations.recommendation_update(actor=world.users["coordinator"], recommendation=world.recommendation,
                                              status=IM)


@pytest.mark.django_db
def test_institutions_come_from_measures_unless_set_directly(world):
    coordinator = world.users["coordinator"]
    planning.measure_update(actor=coordinator, measure=world.measure, co_executors=[world.chr])
    planning.measure_link(actor=coordinator, measure=world.other_measure, recommendations=[world.recommendation])
    rec = Recommendation.objects.get(pk=world.recommendation.pk)
    assert rec.lead_institution == world.mia  # measure 1 (MIA) comes first; MoH leads measure 2
    assert set(rec.co_executors.all()) == {world.moh, world.chr}
    recommendations.recommendation_update(actor=coordinator, recommendation=rec, institutions_from_measures=False,
                                          lead_institution=world.chr, co_executors=[])
    planning.measure_update(actor=coordinator, measure=world.measure, lead_institution=world.moh)
    rec = Recommendation.objects.get(pk=world.recommendation.pk)
    assert (rec.lead_institution, list(rec.co_executors.all())) == (world.chr, [])


@pytest.mark.django_db
def test_a_failed_approval_leaves_the_recommendation_as_it_was(world):
    report = world.submitted
    report.proposed_status = IM
    report.save()
    with pytest.raises(RuntimeError), transaction.atomic():
        planning.progress_report_transition(actor=world.users["coordinator"], report=report, to="approved")
        assert _status(world.recommendation)[0] == IM  # inside the transaction it moved ...
        raise RuntimeError("the request fails after the approval")
    assert _status(world.recommendation)[0] == NS  # ... and it rolled back with the approval
    assert ProgressReport.objects.get(pk=report.pk).state == "submitted"


@pytest.mark.django_db
def test_recompute_command_derives_what_was_written_around_the_services(world, capsys):
    Measure.objects.filter(pk=world.measure.pk).update(status=IM)  # e.g. a raw SQL fix or an old database
    call_command("recompute-statuses")
    assert _status(world.recommendation)[0] == IM
    assert "2 recommendations read" in capsys.readouterr().out
    call_command("recompute-statuses")
    assert "0 changed" in capsys.readouterr().out
