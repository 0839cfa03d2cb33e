"""Every write route × every role: allowed roles succeed, everyone else is refused and nothing changes."""

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from django.core.files.uploadedfile import SimpleUploadedFile

from rightstrack.imports.forms import _field_name
from rightstrack.planning.models import ReportingRound
from rightstrack.taxonomy.models import TermAlias
from tests.factories import PASSWORD
from tests.imports.factories import staged_import
from tests.search.fixtures import cluster_suggestion, duplicate_pair
from tests.snapshot import database_fingerprint

ROLES = ["anonymous", "administrator", "coordinator", "focal_point", "other_focal_point", "assessor", "viewer"]
MANAGERS = {"administrator", "coordinator"}
RESPONSIBLE = MANAGERS | {"focal_point"}
ASSESSORS = {"administrator", "assessor"}


def _form(obj):
    """The stale-edit stamp an edit form carries: the revision of a versioned record, else the time it was read."""
    if hasattr(obj, "revision"):
        return {"revision": obj.revision}
    return {"loaded_at": obj.updated_at.isoformat()}


def _unknown_label(w) -> dict:
    return {"vocabulary": w.term.vocabulary, "label": "Capital punishment", "rows": 1, "suggestion": None}


def _reporting_round(w):
    rnd = ReportingRound.objects.create(title="Mid-year", period_end=date(2024, 6, 30), deadline=date(2024, 7, 31))
    rnd.measures.add(w.measure)
    return rnd


# name -> (url args from world, POST data from world, roles allowed)
WRITE_ROUTES = {
    "recommendations:recommendation_create": (
        lambda w: [], lambda w: {"source_document": w.document.pk, "paragraph": "999.1", "text": "New text",
                                 "language": "en", "response": "supported"}, MANAGERS),
    "recommendations:recommendation_update": (
        lambda w: [w.recommendation.pk], lambda w: {**_form(w.recommendation), "source_document": w.document.pk,
                                                    "paragraph": "124.1", "text": "Edited text", "language": "en",
                                                    "response": "noted"}, MANAGERS),
    "recommendations:recommendation_status_override": (
        lambda w: [w.recommendation.pk], lambda w: {"status": "implemented", "reason": "The ministry's letter"}, MANAGERS),
    "recommendations:recommendation_delete": (lambda w: [w.recommendation.pk], lambda w: {"confirm": "on"}, MANAGERS),
    "recommendations:recommendation_publish": (lambda w: [w.hidden_recommendation.pk], lambda w: {"confirm": "on"},
                                               MANAGERS),
    "recommendations:cluster_create": (lambda w: [], lambda w: {"name": "Torture prevention"}, MANAGERS),
    "recommendations:assessment_create": (
        lambda w: ["recommendation", w.recommendation.pk],
        lambda w: {"organisation": w.chr.pk, "rating": "partial", "rationale": "Seen on visits"}, ASSESSORS),
    "recommendations:assessment_update": (
        lambda w: [w.assessment.pk], lambda w: {**_form(w.assessment), "organisation": w.chr.pk,
                                                "rating": "implemented", "rationale": "Revised"}, ASSESSORS),
    "recommendations:assessment_publish": (lambda w: [w.assessment.pk], lambda w: {"confirm": "on"}, ASSESSORS),
    "planning:plan_create": (lambda w: [], lambda w: {"title": "Second plan"}, MANAGERS),
    "planning:plan_update": (lambda w: [w.plan.pk], lambda w: {**_form(w.plan), "title": "Renamed plan"}, MANAGERS),
    "planning:plan_publish": (lambda w: [w.plan.pk], lambda w: {"confirm": "on"}, MANAGERS),
    "planning:plan_version_create": (lambda w: [w.plan.pk], lambda w: {"label": "Amendment 2022"}, MANAGERS),
    "planning:measure_create": (lambda w: [w.plan.pk], lambda w: {"key": "M9", "number": "9", "text": "New measure",
                                                                  "status": "not_started"}, MANAGERS),
    "planning:measure_update": (
        lambda w: [w.measure.pk], lambda w: {**_form(w.measure), "key": "M1", "number": "1", "text": "Edited measure",
                                             "status": "in_progress"}, MANAGERS),
    "planning:measure_publish": (lambda w: [w.measure.pk], lambda w: {"confirm": "on"}, MANAGERS),
    "planning:measure_delete": (lambda w: [w.measure.pk], lambda w: {"confirm": "on"}, MANAGERS),
    "planning:measure_link": (lambda w: [w.other_measure.pk], lambda w: {"recommendations": [w.recommendation.pk]},
                              MANAGERS),
    "planning:measure_unlink": (lambda w: [w.measure.pk],
                                lambda w: {"recommendations": [w.recommendation.pk], "confirm": "on"}, MANAGERS),
    "planning:progress_report_create": (
        lambda w: ["measure", w.measure.pk],
        lambda w: {"institution": w.mia.pk, "period_end": "2024-06-30", "narrative": "Done a lot",
                   "proposed_status": "in_progress"}, RESPONSIBLE),
    "planning:progress_report_update": (
        lambda w: [w.draft.pk], lambda w: {**_form(w.draft), "period_end": "2024-06-30", "narrative": "Edited",
                                           "proposed_status": "implemented"}, RESPONSIBLE),
    "planning:progress_report_transition": (lambda w: [w.draft.pk], lambda w: {"to": "submitted"}, RESPONSIBLE),
    "planning:progress_report_transition#approve": (
        lambda w: [w.submitted.pk], lambda w: {"to": "approved"}, MANAGERS),
    "planning:progress_report_transition#return": (
        lambda w: [w.submitted.pk], lambda w: {"to": "returned", "comment": "Attach the order"}, MANAGERS),
    "planning:progress_report_publish": (lambda w: [w.approved.pk], lambda w: {"confirm": "on"}, MANAGERS),
    "planning:progress_report_inbox#approve": (
        lambda w: [], lambda w: {"reports": [w.submitted.pk], "to": "approved"}, MANAGERS),
    "planning:progress_report_inbox#return": (
        lambda w: [], lambda w: {"reports": [w.submitted.pk], "to": "returned", "comment": "Attach the order"},
        MANAGERS),
    "planning:evidence_add": (lambda w: [w.draft.pk], lambda w: {"title": "Order No. 5", "url": "https://example.org/o5"},
                              RESPONSIBLE),
    "planning:indicator_value_add": (
        lambda w: [w.indicator.pk], lambda w: {"period": "2024", "period_end": "2024-12-31", "value": "120"},
        RESPONSIBLE),
    "planning:indicator_create": (
        lambda w: [], lambda w: {"name": "Convicts employed", "kind": "outcome", "unit": "persons"}, MANAGERS),
    "planning:indicator_update": (
        lambda w: [w.indicator.pk], lambda w: {**_form(w.indicator), "kind": "process", "unit": "judges",
                                               "name": "Judges trained", "target": "300"}, MANAGERS),
    "planning:indicator_publish": (lambda w: [w.indicator.pk], lambda w: {"confirm": "on"}, MANAGERS),
    "planning:round_create": (
        lambda w: [], lambda w: {"title": "Mid-year", "period_end": "2024-06-30", "deadline": "2024-07-31",
                                 "measures": [w.measure.pk]}, MANAGERS),
    "planning:round_close": (lambda w: [_reporting_round(w).pk], lambda w: {"confirm": "on"}, MANAGERS),
    "legislation:legal_act_create": (lambda w: [], lambda w: {"kind": "law", "title": "New law"}, MANAGERS),
    "legislation:legal_act_update": (
        lambda w: [w.legal_act.pk], lambda w: {**_form(w.legal_act), "kind": "law", "title": "Renamed law"}, MANAGERS),
    "legislation:legal_act_publish": (lambda w: [w.hidden_legal_act.pk], lambda w: {"confirm": "on"}, MANAGERS),
    "legislation:legal_act_delete": (lambda w: [w.legal_act.pk], lambda w: {"confirm": "on"}, MANAGERS),
    "legislation:amendment_create": (
        lambda w: [w.legal_act.pk], lambda w: {"summary": "Threshold lowered", "before": "20,000", "after": "5,000"},
        MANAGERS),
    "imports:import_create": (
        lambda w: [], lambda w: {"file": SimpleUploadedFile("r.csv", b"text,document,mechanism\nAbolish,A/1,UPR\n"),
                                 "format": ""}, MANAGERS),
    "imports:import_mapping_update": (lambda w: [staged_import(w, "mapping").pk],
                                      lambda w: {"column_0": "text", "column_1": "document"}, MANAGERS),
    "imports:import_commit": (lambda w: [staged_import(w).pk], lambda w: {}, MANAGERS),
    "imports:import_retry": (lambda w: [staged_import(w, "failed").pk], lambda w: {}, MANAGERS),
    "imports:import_labels_update": (lambda w: [staged_import(w, unknown_labels=[_unknown_label(w)]).pk],
                                     lambda w: {_field_name(_unknown_label(w)): str(w.term.pk)}, MANAGERS),
    "taxonomy:term_update": (lambda w: [w.term.pk], lambda w: {**_form(w.term), "name": "Death penalty (abolition)"},
                             MANAGERS),
    "taxonomy:term_alias_delete": (lambda w: [TermAlias.objects.create(term=w.term, vocabulary=w.term.vocabulary,
                                                                      label="Capital punishment",
                                                                      key="capital punishment").pk],
                                   lambda w: {"confirm": "on"}, MANAGERS),
    "taxonomy:tag_assign": (lambda w: [w.recommendation.pk], lambda w: {"term": w.term.pk}, MANAGERS),
    "taxonomy:tag_decide": (lambda w: [], lambda w: {"tags": [w.suggestion.pk], "accept": "1"}, MANAGERS),
    "tagreview:tag_suggest_start": (lambda w: [], lambda w: {"taxonomy": "sdg"}, MANAGERS),
    "tagreview:tagger_train_start": (lambda w: [], lambda w: {"train-taxonomy": "sdg"}, MANAGERS),
    "search:reindex_start": (lambda w: [], lambda w: {}, MANAGERS),
    "search:cluster_suggestion_create": (lambda w: [duplicate_pair(w)] and [], lambda w: {}, MANAGERS),
    "search:cluster_suggestion_decide": (lambda w: [cluster_suggestion(w).pk],
                                         lambda w: {"confirm": "1", "name": "Torture prevention"}, MANAGERS),
}
# Routes that write nothing of the domain: reading pages, sign-in/out, the language cookie, Django's admin.
NOT_DOMAIN_WRITES = {"accounts:login", "accounts:logout", "accounts:set_language"}
# Two-factor enrolment and sign-in write only the user's own device rows; tests/accounts/test_two_factor.py.
NOT_DOMAIN_WRITES |= {"accounts:two_factor_setup", "accounts:two_factor_verify"}
# Queues a report build (a job row, no domain record); its roles are tested in tests/reports/test_views.py.
NOT_DOMAIN_WRITES |= {"reports:report_request"}
# Report templates are a user's own saved settings; owner-only rules in tests/reports/test_archive_and_templates.py.
NOT_DOMAIN_WRITES |= {"reports:report_template_build", "reports:report_template_delete"}
# Subscriptions write only subscriber/consent rows, never domain records (flows in tests/subscriptions).
NOT_DOMAIN_WRITES |= {"subscriptions:subscribe", "subscriptions:confirm", "subscriptions:unsubscribe"}
# API writes authenticate with tokens, not sessions and forms, so this session matrix cannot drive them;
# tests/api/test_permissions.py runs the same role x write matrix (refusals leave the database unchanged).
NOT_DOMAIN_WRITES |= {"api:assessment_create", "api:assessment_update", "api:progress_report_create",
                      "api:progress_report_transition"}


def _route_names(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            yield from _route_names(entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}"


def test_every_write_route_is_in_the_matrix():
    """A new route must be classified: a read page (GET only) or a row of the matrix."""

    names = set(_route_names())
    writes = {name.split("#")[0] for name in WRITE_ROUTES}
    assert writes <= names, writes - names
    for name in names - writes - NOT_DOMAIN_WRITES:
        # Read routes must not accept a write: they answer POST like GET and change nothing.
        assert not name.endswith(("_create", "_update", "_delete", "_publish", "_transition", "_add", "_assign",
                                  "_decide")), f"{name} looks like a write route missing from the matrix"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(WRITE_ROUTES))
def test_write_route_obeys_role(client, world, route, role):
    args, data, allowed = WRITE_ROUTES[route]
    url = reverse(route.split("#")[0], args=args(world))
    if role != "anonymous":
        assert client.login(username=world.users[role].username, password=PASSWORD)
    before = database_fingerprint()
    response = client.post(url, data(world))
    after = database_fingerprint()
    if role in allowed:
        assert response.status_code == 302, (response.status_code, getattr(response, "context", None)
                                             and response.context.get("form") and response.context["form"].errors)
        assert before != after, "an allowed write changed nothing"
    else:
        assert response.status_code in (302, 403, 404)
        if role == "anonymous":
            assert response["Location"].startswith(reverse("accounts:login"))
        else:
            assert response.status_code in (403, 404)
        assert before == after, "a denied request changed the database"


def test_focal_point_of_another_institution_cannot_report(client, world):
    """The 'other' focal point (MoH) is refused on an MIA measure but may report on the MoH one."""
    client.login(username="focal2", password=PASSWORD)
    data = {"institution": world.moh.pk, "period_end": date(2024, 1, 1).isoformat(), "narrative": "x",
            "proposed_status": "in_progress"}
    assert client.post(reverse("planning:progress_report_create", args=["measure", world.measure.pk]),
                       data).status_code == 403
    assert client.post(reverse("planning:progress_report_create", args=["measure", world.other_measure.pk]),
                       data).status_code == 302
