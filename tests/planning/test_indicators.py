"""Indicator pages: a coordinator defines an indicator from a measure, edits it with history, and publishes it."""

from django.urls import reverse

from rightstrack.planning.models import Indicator
from tests.snapshot import database_fingerprint


def test_new_indicator_from_a_measure_page_is_linked_to_that_measure(client, world):
    client.force_login(world.users["coordinator"])
    page = client.get(world.measure.get_absolute_url()).content.decode()
    link = f'{reverse("planning:indicator_create")}?measure={world.measure.pk}'
    assert link in page
    form = client.get(link).context["form"]
    assert form.initial["measures"] == [str(world.measure.pk)]
    response = client.post(reverse("planning:indicator_create"), {
        "name": "Convicts employed", "name__ru": "Трудоустроенные осуждённые", "kind": "outcome", "unit": "persons",
        "baseline": "1200", "baseline_year": "2021", "target": "2000", "target_year": "2025",
        "measures": [world.measure.pk]})
    indicator = Indicator.objects.get(name="Convicts employed")
    assert response.status_code == 302 and response["Location"] == indicator.get_absolute_url()
    assert list(indicator.measures.all()) == [world.measure]
    assert indicator.tr("name", "ru") == "Трудоустроенные осуждённые"
    assert indicator.history.latest().history_user == world.users["coordinator"]


def test_editing_an_indicator_records_the_change(client, world):
    client.force_login(world.users["coordinator"])
    indicator = world.indicator
    client.post(reverse("planning:indicator_update", args=[indicator.pk]), {
        "loaded_at": indicator.updated_at.isoformat(), "name": indicator.name, "kind": indicator.kind,
        "unit": indicator.unit, "target": "450", "target_year": "2026", "measures": [world.measure.pk]})
    indicator.refresh_from_db()
    assert (indicator.target, indicator.target_year) == (450, 2026)
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "450" in page and reverse("planning:indicator_update", args=[indicator.pk]) in page


def test_a_bad_number_is_refused_and_writes_nothing(client, world):
    client.force_login(world.users["coordinator"])
    before = database_fingerprint()
    response = client.post(reverse("planning:indicator_create"), {
        "name": "Convicts employed", "kind": "outcome", "unit": "persons", "baseline": "many"})
    assert response.status_code == 400
    assert response.context["form"].errors["baseline"]
    assert database_fingerprint() == before


def test_publishing_shows_the_indicator_to_visitors(client, world):
    indicator = world.indicator
    Indicator.objects.filter(pk=indicator.pk).update(is_published=False)
    assert client.get(indicator.get_absolute_url()).status_code == 404
    client.force_login(world.users["coordinator"])
    client.post(reverse("planning:indicator_publish", args=[indicator.pk]), {"confirm": "on"})
    client.logout()
    assert client.get(indicator.get_absolute_url()).status_code == 200


def test_focal_points_see_no_edit_controls(client, world):
    client.force_login(world.users["focal_point"])
    page = client.get(world.indicator.get_absolute_url()).content.decode()
    assert reverse("planning:indicator_update", args=[world.indicator.pk]) not in page
    assert reverse("planning:indicator_create") not in client.get(world.measure.get_absolute_url()).content.decode()
