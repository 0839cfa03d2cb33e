"""Every related list on every detail page, for every role: a record the role may not read never shows up."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from rightstrack.legislation.selectors import legal_act_list
from rightstrack.planning.models import Indicator, Measure
from rightstrack.planning.selectors import indicator_list, measure_list, progress_report_list
from rightstrack.recommendations.selectors import assessment_list, recommendation_list
from tests.core.test_permission_matrix import ROLES
from tests.core.test_visibility import READ_ROUTES
from tests.factories import PASSWORD

DETAIL_ROUTES = sorted(name for name, args in READ_ROUTES.items() if args and "detail" in name)


def _link_hidden_records(w):
    """Tie an unpublished record of each kind to every published record that lists that kind."""
    hidden_measure = Measure.objects.create(version=w.version, key="M9", number="9", lead_institution=w.mia,
                                            text="Unpublished measure on prison visits")
    hidden_measure.recommendations.add(w.recommendation)
    w.indicator.measures.add(hidden_measure)
    w.legal_act.measures.add(hidden_measure, w.measure)
    w.hidden_legal_act.measures.add(w.measure)
    w.hidden_recommendation.paragraph = "777.7"
    w.hidden_recommendation.save()
    w.measure.recommendations.add(w.hidden_recommendation)
    hidden_indicator = Indicator.objects.create(name="Unpublished indicator of complaints", kind="outcome")
    hidden_indicator.measures.add(w.measure)
    return hidden_measure, hidden_indicator


def _unreadable(w, user, hidden_measure, hidden_indicator):
    """(texts, ids) of the records `user` may not read, each as the selectors decide."""
    candidates = [
        (measure_list(user=user), hidden_measure, [hidden_measure.text]),
        (recommendation_list(user=user), w.hidden_recommendation, [w.hidden_recommendation.text, "¶777.7"]),
        (indicator_list(user=user), hidden_indicator, [hidden_indicator.name]),
        (legal_act_list(user=user), w.hidden_legal_act, [w.hidden_legal_act.title]),
        (progress_report_list(user=user), w.draft, [w.draft.narrative]),
        (progress_report_list(user=user), w.submitted, [w.submitted.narrative]),
        (progress_report_list(user=user), w.approved, [w.approved.narrative]),
        (assessment_list(user=user), w.assessment, [w.assessment.rationale]),
    ]
    texts, ids = [], set()
    for readable, obj, markers in candidates:
        if not readable.filter(pk=obj.pk).exists():
            texts += markers
            ids.add((type(obj).__name__, obj.pk))
    return texts, ids


_ID_FIELDS = {"measure_ids": "Measure", "recommendation_ids": "Recommendation", "indicator_ids": "Indicator",
              "legal_act_ids": "LegalAct"}


def _listed_ids(data) -> set:
    found = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in _ID_FIELDS and isinstance(value, list):
                found |= {(_ID_FIELDS[key], v) for v in value}
            else:
                found |= _listed_ids(value)
    elif isinstance(data, list):
        for item in data:
            found |= _listed_ids(item)
    return found


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", DETAIL_ROUTES)
def test_detail_pages_list_only_related_records_the_role_may_read(client, world, route, role):
    hidden_measure, hidden_indicator = _link_hidden_records(world)
    user = None
    if role != "anonymous":
        user = world.users[role]
        assert client.login(username=user.username, password=PASSWORD)
    texts, ids = _unreadable(world, user or AnonymousUser(), hidden_measure, hidden_indicator)
    response = client.get(reverse(route, args=READ_ROUTES[route](world)))
    assert response.status_code in (200, 404)
    page = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        page = json.dumps(json.loads(page), ensure_ascii=False)
        assert not (_listed_ids(json.loads(page)) & ids), f"{route} lists ids that {role} may not read"
    for text in texts:
        assert text not in page, f"{text!r} leaked to {role} on {route}"
