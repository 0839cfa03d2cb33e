"""Anonymous visitors reach published records only, on every read route; signed-in users see the rest."""

import pytest
from django.urls import reverse

from tests.core.test_permission_matrix import (
    NOT_DOMAIN_WRITES,
    WRITE_ROUTES,
    _route_names,
)
from tests.factories import PASSWORD

SECRETS = ["Secret draft recommendation text", "Draft narrative", "Submitted narrative", "Approved narrative",
           "Unpublished assessment rationale", "Unpublished draft law"]

READ_ROUTES = {
    "dashboards:home": lambda w: [],
    "core:favicon": None,  # a redirect to a static icon, no data; tests/core/test_favicon.py
    "recommendations:recommendation_list": lambda w: [],
    "recommendations:recommendation_detail": lambda w: [w.recommendation.pk],
    "recommendations:cluster_list": lambda w: [],
    "recommendations:cluster_detail": None,  # needs a cluster; covered in test_cluster_page_hides_unpublished
    "planning:plan_list": lambda w: [],
    "planning:plan_detail": lambda w: [w.plan.pk],
    "planning:measure_list": lambda w: [],
    "planning:measure_detail": lambda w: [w.measure.pk],
    "planning:progress_report_detail": lambda w: [w.approved.pk],
    "planning:indicator_detail": lambda w: [w.indicator.pk],
    "planning:round_list": None,  # coordinators only; tests/planning/test_rounds.py
    "planning:round_detail": None,
    "planning:evidence_download": None,  # needs an uploaded file; tests/planning/test_evidence.py
    "legislation:legal_act_list": lambda w: [],
    "legislation:legal_act_detail": lambda w: [w.legal_act.pk],
    "dashboards:dashboard": lambda w: [],
    "dashboards:plan_dashboard": lambda w: [w.plan.pk],
    "reports:plan_compare": lambda w: [w.plan.pk],
    "reports:report_preview": None,  # needs query parameters; anonymous leaks checked in tests/reports/test_views.py
    "reports:report_detail": None,  # the requester's own report only; tests/reports/test_views.py
    "reports:report_download": None,
    "reports:report_archive": None,  # staff only; tests/reports/test_archive_and_templates.py
    "reports:report_template_list": None,
    "taxonomy:term_list": lambda w: [],
    "imports:import_list": None,  # coordinators only; covered in tests/imports/test_views.py
    "imports:import_detail": None,
    "exports:export": None,  # a streamed download; visibility covered in tests/exports/test_exports.py
    "taxonomy:term_detail": lambda w: [w.term.pk],
    # Coordinators' review pages (sign-in required): covered in tests/tagreview/test_tag_review.py and
    # tests/search/test_duplicates.py.
    "tagreview:tag_review": None,
    "tagreview:model_version_list": None,
    "search:cluster_suggestion_list": None,
    "jobs:job_list": None,  # staff only, each their own jobs; tests/jobs/test_job_list.py
    "jobs:job_detail": None,
    "audit:audit_event_list": None,  # administrators only; tests/audit/test_audit_log.py
    # The linking pickers and the bulk-link page (coordinators only): covered in tests/planning/test_linking.py.
    "planning:measure_pick": None,
    "planning:recommendation_pick": None,
    "recommendations:recommendation_bulk_link": None,
    "portal:home": lambda w: [],
    "portal:recommendation_list": lambda w: [],
    "portal:recommendation_detail": lambda w: [w.recommendation.pk],
    "portal:measure_list": lambda w: [],
    "portal:measure_detail": lambda w: [w.measure.pk],
    "portal:plan_list": lambda w: [],
    "portal:plan_detail": lambda w: [w.plan.pk],
    "portal:legal_act_list": lambda w: [],
    "portal:legal_act_detail": lambda w: [w.legal_act.pk],
    "portal:open_data": lambda w: [],
    "subscriptions:subscribe": lambda w: [],
    "subscriptions:subscribe_sent": lambda w: [],
    "api:api-root": lambda w: [],
    "api:openapi-json": lambda w: [],
    "api:openapi-view": lambda w: [],
    "api:not_found": lambda w: ["nothing-here"],
    "api:recommendation_list": lambda w: [],
    "api:recommendation_detail": lambda w: [w.recommendation.pk],
    "api:assessment_list": lambda w: [],
    "api:assessment_detail": lambda w: [w.assessment.pk],
    "api:mechanism_list": lambda w: [],
    "api:plan_list": lambda w: [],
    "api:plan_detail": lambda w: [w.plan.pk],
    "api:measure_list": lambda w: [],
    "api:measure_detail": lambda w: [w.measure.pk],
    "api:progress_report_list": lambda w: [],
    "api:progress_report_detail": lambda w: [w.approved.pk],
    "api:indicator_list": lambda w: [],
    "api:legal_act_list": lambda w: [],
    "api:legal_act_detail": lambda w: [w.legal_act.pk],
    "api:institution_list": lambda w: [],
    "api:term_list": lambda w: [],
    "api:export": None,  # streamed files; every data set and format is checked in tests/api/test_visibility.py
    "api:job_list": None,  # staff only, each their own jobs; tests/api/test_jobs.py
    "api:job_detail": None,
}


def test_every_route_is_classified():
    names = set(_route_names())
    classified = set(READ_ROUTES) | {n.split("#")[0] for n in WRITE_ROUTES} | NOT_DOMAIN_WRITES
    assert names == classified, names ^ classified


@pytest.mark.parametrize("route", sorted(name for name, args in READ_ROUTES.items() if args))
def test_anonymous_pages_never_show_unpublished_records(client, world, route):
    world.recommendation.tags.create(term=world.term, status="accepted")  # the term page lists tagged items
    response = client.get(reverse(route, args=READ_ROUTES[route](world)))
    assert response.status_code in (200, 404)
    page = response.content.decode()
    for secret in SECRETS:
        assert secret not in page, f"{secret!r} leaked on {route}"


@pytest.mark.parametrize("name,pk", [
    ("recommendations:recommendation_detail", lambda w: w.hidden_recommendation.pk),
    ("planning:progress_report_detail", lambda w: w.draft.pk),
    ("planning:progress_report_detail", lambda w: w.approved.pk),  # approved but not published
    ("legislation:legal_act_detail", lambda w: w.hidden_legal_act.pk),
])
def test_unpublished_detail_pages_are_404_for_anonymous(client, world, name, pk):
    assert client.get(reverse(name, args=[pk(world)])).status_code == 404


def test_unpublished_plan_hides_its_measures(client, world):
    world.plan.is_published = False
    world.plan.save()
    assert client.get(reverse("planning:plan_detail", args=[world.plan.pk])).status_code == 404
    assert client.get(reverse("planning:measure_detail", args=[world.measure.pk])).status_code == 404
    assert "Service model for the police" not in client.get(reverse("planning:measure_list")).content.decode()


def test_published_report_becomes_visible(client, world):
    world.approved.is_published = True
    world.approved.save()
    page = client.get(reverse("planning:measure_detail", args=[world.measure.pk])).content.decode()
    assert "Approved narrative" in page and "Draft narrative" not in page


def test_viewer_sees_unpublished_recommendations_but_not_drafts(client, world):
    client.login(username="viewer", password=PASSWORD)
    assert "Secret draft recommendation text" in client.get(reverse("recommendations:recommendation_list")).content.decode()
    page = client.get(reverse("planning:measure_detail", args=[world.measure.pk])).content.decode()
    assert "Approved narrative" in page and "Draft narrative" not in page


def test_focal_point_sees_own_institution_drafts_only(client, world):
    client.login(username="focal", password=PASSWORD)
    assert client.get(reverse("planning:progress_report_detail", args=[world.draft.pk])).status_code == 200
    client.login(username="focal2", password=PASSWORD)
    assert client.get(reverse("planning:progress_report_detail", args=[world.draft.pk])).status_code == 404


def test_cluster_page_hides_unpublished(client, world):
    from rightstrack.recommendations.models import Cluster

    cluster = Cluster.objects.create(name="Torture")
    world.hidden_recommendation.cluster = cluster
    world.hidden_recommendation.save()
    page = client.get(reverse("recommendations:cluster_detail", args=[cluster.pk])).content.decode()
    assert "Secret draft recommendation text" not in page
