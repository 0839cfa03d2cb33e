"""Concurrent edits of a measure or a recommendation: the second save made from a stale copy is refused with a
clear message, the first is kept, and the second person's input is handed back, not lost (optimistic locking)."""

import threading

import pytest
from django.db import connection, transaction
from django.test import Client

from rightstrack.core.services import StaleEdit
from rightstrack.planning.forms import MeasureForm
from rightstrack.planning.models import Measure
from rightstrack.planning.services import measure_update
from rightstrack.recommendations.forms import RecommendationForm
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.services import recommendation_update
from tests.factories import build_world

KINDS = {
    "measure": (Measure, MeasureForm, lambda actor, obj, **v: measure_update(actor=actor, measure=obj, **v),
                "/plans/measures/{}/edit/"),
    "recommendation": (Recommendation, RecommendationForm,
                       lambda actor, obj, **v: recommendation_update(actor=actor, recommendation=obj, **v),
                       "/recommendations/{}/edit/"),
}


def the_record(world, kind):
    return world.measure if kind == "measure" else world.recommendation


def form_data(form) -> dict:
    """What a browser posts for the form as it was opened."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else value
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_a_save_from_a_stale_copy_is_refused_and_the_first_is_kept(world, kind):
    model, _form, update, _url = KINDS[kind]
    coordinator = world.users["coordinator"]
    first, second = model.objects.get(pk=the_record(world, kind).pk), model.objects.get(pk=the_record(world, kind).pk)
    update(coordinator, first, text="First person's text", revision=first.revision)
    history = first.history.count()
    with pytest.raises(StaleEdit):
        update(coordinator, second, text="Second person's text", revision=second.revision)
    stored = model.objects.get(pk=first.pk)
    assert stored.text == "First person's text" and stored.revision == 2
    assert stored.history.count() == history  # the refused save left no history row


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_every_save_moves_the_revision_on(world, kind):
    model, _form, update, _url = KINDS[kind]
    record = the_record(world, kind)
    update(world.users["coordinator"], record, text="Changed without a revision (a service of the app)")
    assert model.objects.get(pk=record.pk).revision == record.revision == 2


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_the_second_form_is_refused_with_a_clear_message_and_keeps_its_input(world, kind):
    model, form_class, _update, url = KINDS[kind]
    record = the_record(world, kind)
    alice, bob = Client(), Client()
    alice.force_login(world.users["coordinator"])
    bob.force_login(world.users["administrator"])
    alice_data = form_data(form_class(instance=model.objects.get(pk=record.pk)))
    bob_data = form_data(form_class(instance=model.objects.get(pk=record.pk)))
    assert 'name="revision"' in bob.get(url.format(record.pk)).content.decode()

    assert alice.post(url.format(record.pk), {**alice_data, "text": "Alice's wording"}).status_code == 302
    refused = bob.post(url.format(record.pk), {**bob_data, "text": "Bob's wording"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Someone else saved this record while you were editing it" in page
    assert "Bob&#x27;s wording" in page  # his input is handed back to copy from
    assert model.objects.get(pk=record.pk).text == "Alice's wording"


@pytest.mark.skipif(connection.vendor == "sqlite", reason="the in-memory SQLite test database (shared cache) fails "
                    "a second writer at once instead of waiting; a file database serialises the writers (IMMEDIATE)")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", KINDS)
def test_two_saves_at_the_same_moment_one_wins_one_is_refused(kind):
    """Two transactions really overlap: the first holds its claim until the second has started."""
    world = build_world()
    model, _form, update, _url = KINDS[kind]
    pk, actor = the_record(world, kind).pk, world.users["coordinator"]
    first_saved, second_started = threading.Event(), threading.Event()
    outcome = {}

    def first():
        try:
            with transaction.atomic():
                update(actor, model.objects.get(pk=pk), text="first", revision=1)
                first_saved.set()
                second_started.wait(5)
            outcome["first"] = "saved"
        finally:
            connection.close()

    def second():
        first_saved.wait(5)
        obj = model.objects.get(pk=pk)  # read before the first commits: still revision 1
        second_started.set()
        try:
            update(actor, obj, text="second", revision=obj.revision)
            outcome["second"] = "saved"
        except StaleEdit:
            outcome["second"] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcome == {"first": "saved", "second": "refused"}
    assert model.objects.get(pk=pk).text == "first"
