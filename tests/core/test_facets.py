"""Facet counts are exact: each equals the number of rows the list shows when that value is added to the filters."""

from datetime import date
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict

from rightstrack.core.facets import FacetIndex
from rightstrack.planning.models import ProgressReport
from rightstrack.planning.filtersets import ProgressReportFilterSet
from rightstrack.recommendations.models import Country, Mechanism, Recommendation, SourceDocument
from rightstrack.recommendations.filtersets import RecommendationFilterSet
from rightstrack.recommendations.selectors import _facetable, recommendation_faceted
from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary


@pytest.fixture
def varied(world):
    """Recommendations over two documents, with several States and themes each, some unpublished."""
    other = SourceDocument.objects.create(symbol="CAT/C/KAZ/CO/3", mechanism=world.document.mechanism, cycle=3,
                                          date=date(2014, 12, 12))
    states = [Country.objects.create(name=name) for name in ("Norway", "Chile", "Japan")]
    themes = [world.term, Term.objects.create(vocabulary=Vocabulary.THEME, code="D27", name="Detention")]
    for i in range(12):
        rec = Recommendation.objects.create(
            source_document=(world.document, other)[i % 2], paragraph=f"9.{i}", text=f"Text {i}",
            status=("in_progress", "not_started", "implemented")[i % 3], is_published=i % 5 != 0,
            lead_institution=(world.mia, world.moh, None)[i % 3])
        rec.recommending_states.set(states[: 1 + i % 3])  # one, two or three States
        for term in themes[: i % 3]:
            TagAssignment.objects.create(recommendation=rec, term=term, status=TagAssignment.Status.ACCEPTED)
        if i % 3 == 0:  # a suggestion is not an accepted tag and must not be counted
            TagAssignment.objects.create(recommendation=rec, term=themes[1], source=TagAssignment.Source.MODEL,
                                         confidence=0.7)
    return world


def _counts(results) -> dict:
    return {r.facet.key: {v.value: v.count for v in r.values} for r in results}


def _listed(user, params: dict) -> int:
    return RecommendationFilterSet(QueryDict(urlencode(params, doseq=True)), _facetable(user)).qs.count()


@pytest.mark.parametrize("user_kind", ["anonymous", "coordinator"])
@pytest.mark.parametrize("params", [
    {},
    {"cycle": "3"},
    {"state": "Chile"},
    {"state": ["Chile", "Japan"], "status": "in_progress"},
    {"theme": "placeholder", "cycle": "2"},
    {"institution": "placeholder", "state": "Norway", "cycle": "02"},
    {"institution": "none", "state": "Chile"},
    {"institution": ["none", "placeholder"]},
])
def test_every_count_equals_the_rows_listed_with_that_value_added(varied, user_kind, params):
    user = AnonymousUser() if user_kind == "anonymous" else varied.users["coordinator"]
    params = {k: (str(varied.term.pk) if k == "theme" else v) for k, v in params.items()}
    if params.get("institution"):
        wanted = params["institution"] if isinstance(params["institution"], list) else [params["institution"]]
        params["institution"] = [str(varied.mia.pk) if v == "placeholder" else v for v in wanted]
    _rows, facets = recommendation_faceted(user=user, params=QueryDict(urlencode(params, doseq=True)))
    checked = 0
    for result in facets:
        for value in result.values:
            with_value = {**params, result.facet.key: value.value}  # this facet's own filter is replaced
            assert value.count == _listed(user, with_value), (result.facet.key, value.value)
            assert value.selected == (value.value in ([params[result.facet.key]] if isinstance(
                params.get(result.facet.key), str) else params.get(result.facet.key, [])))
            checked += 1
    assert checked >= 3


def test_values_nobody_has_are_not_listed_and_suggestions_are_not_counted(varied):
    _rows, facets = recommendation_faceted(user=varied.users["coordinator"], params=QueryDict(""))
    by_key = {r.facet.key: {v.label: v.count for v in r.values} for r in facets}
    assert by_key["theme"] == {"D23 Death penalty": 8, "D27 Detention": 4}
    assert by_key["state"] == {"Norway": 12, "Chile": 8, "Japan": 4}
    assert by_key["institution"] == {"MIA": 6, "MoH": 4, "No lead institution": 4}


def test_records_without_a_lead_institution_are_a_choice_that_lists_exactly_them(varied):
    rows, facets = recommendation_faceted(user=varied.users["coordinator"], params=QueryDict("institution=none"))
    (institution,) = [r for r in facets if r.facet.key == "institution"]
    (none,) = [v for v in institution.values if v.value == "none"]
    assert none.selected and none.label == "No lead institution"
    assert none.count == rows.count() == Recommendation.objects.filter(lead_institution=None).count() == 4
    assert set(rows.values_list("lead_institution", flat=True)) == {None}


def test_a_value_no_row_has_empties_the_other_facets_but_not_its_own(varied):
    rows, facets = recommendation_faceted(user=varied.users["coordinator"], params=QueryDict("state=Atlantis"))
    counts = {r.facet.key: {v.value: v.count for v in r.values} for r in facets}
    assert rows.count() == 0 and counts["cycle"] == {} and counts["theme"] == {}
    assert counts["state"] == {"Norway": 12, "Chile": 8, "Japan": 4}


@pytest.mark.parametrize("user_kind", ["anonymous", "coordinator"])
@pytest.mark.parametrize("params", [{}, {"cycle": "3"}, {"state": ["Chile", "Japan"], "status": "in_progress"},
                                    {"theme": "placeholder", "state": "Norway"}, {"state": "Atlantis"}])
def test_the_facet_index_lists_and_counts_as_the_filterset_does(varied, user_kind, params):
    user = AnonymousUser() if user_kind == "anonymous" else varied.users["coordinator"]
    params = {k: (str(varied.term.pk) if k == "theme" else v) for k, v in params.items()}
    query = QueryDict(urlencode(params, doseq=True))
    filters = RecommendationFilterSet(query, _facetable(user))
    index = FacetIndex(_facetable(user), RecommendationFilterSet.facets())
    indexed, listed = index.counted(query)
    assert index.listed_ids(listed) == set(filters.qs.values_list("pk", flat=True))
    assert _counts(indexed) == _counts(filters.facet_counts())


@pytest.mark.parametrize("user_kind", ["anonymous", "coordinator"])
@pytest.mark.parametrize(("params", "cycles"), [({"cycle": "x"}, set()), ({"cycle": ["x", "3"]}, {3}),
                                                ({"cycle": "03"}, {3})])
def test_a_value_the_field_cannot_hold_matches_no_row(varied, user_kind, params, cycles):
    """`?cycle=x` lists nothing (it raised in the database before), and the counts agree with the rows."""
    user = AnonymousUser() if user_kind == "anonymous" else varied.users["coordinator"]
    query = QueryDict(urlencode(params, doseq=True))
    filters = RecommendationFilterSet(query, _facetable(user))
    assert set(filters.qs.values_list("source_document__cycle", flat=True)) == cycles
    index = FacetIndex(_facetable(user), RecommendationFilterSet.facets())
    indexed, listed = index.counted(query)
    assert index.listed_ids(listed) == set(filters.qs.values_list("pk", flat=True))
    assert _counts(indexed) == _counts(filters.facet_counts())


def test_a_facet_with_several_paths_counts_a_row_under_every_value_it_reaches(world):
    """The inbox's mechanism facet: a report on a measure counts under each mechanism its recommendations come
    from, a report on a recommendation under its own; the index counts as the database does."""

    cat = Mechanism.objects.create(code="CAT", name="Committee against Torture", kind="treaty_body")
    document = SourceDocument.objects.create(symbol="CAT/C/KAZ/CO/3", mechanism=cat, date=date(2014, 12, 12))
    world.measure.recommendations.add(Recommendation.objects.create(source_document=document, paragraph="7",
                                                                    text="Torture text", lead_institution=world.mia))
    ProgressReport.objects.create(recommendation=world.recommendation, institution=world.mia, narrative="On a rec",
                                  period_end=date(2024, 1, 1), proposed_status="in_progress", state="submitted")
    qs = ProgressReport.objects.all()
    params = QueryDict("state=submitted")
    counts = _counts(ProgressReportFilterSet(params, qs).facet_counts())
    assert counts["mechanism"] == {"UPR": 2, "CAT": 1}  # world.submitted reaches both; the new report only UPR
    for value, count in counts["mechanism"].items():
        assert ProgressReportFilterSet(QueryDict(f"state=submitted&mechanism={value}"), qs).qs.count() == count
    indexed, _listed_mask = FacetIndex(qs, ProgressReportFilterSet.facets()).counted(params)
    assert _counts(indexed) == counts
