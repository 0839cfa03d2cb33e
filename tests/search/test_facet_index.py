"""The in-process facet index: the list page's counts equal the database's, and change right after every kind
of write that changes a facet, whoever makes it (ORM save, bulk update, SET_NULL, raw SQL, another connection).

Each write test first shows the page (which builds and keeps the index), writes, and shows it again: a kept
index that missed the write would show the counts from before, which differ from the rows' counts.
"""

from datetime import date
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import QueryDict

from rightstrack.recommendations.models import Cluster, Country, Recommendation, SourceDocument
from rightstrack.recommendations.filtersets import RecommendationFilterSet
from rightstrack.recommendations.selectors import (
    FACET_INDEXES,
    _facetable,
    _searched,
    recommendation_page_rows,
)
from rightstrack.search.models import FacetGeneration
from rightstrack.search.selectors import facet_generation
from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary


@pytest.fixture(autouse=True)
def _rebuild_at_once(settings):
    """Every page view after a write rebuilds (the default, said here in case a deployment's settings change
    it), so these tests see the index, not the database path."""
    settings.SEARCH_FACET_INDEX_WAIT = 0


@pytest.fixture
def varied(world):
    """Recommendations over two documents with States, a cluster, accepted themes and suggestions; some
    unpublished; half of them mention torture."""
    other = SourceDocument.objects.create(symbol="CAT/C/KAZ/CO/3", mechanism=world.document.mechanism, cycle=3,
                                          date=date(2014, 12, 12))
    states = [Country.objects.create(name=name) for name in ("Norway", "Chile", "Japan")]
    themes = [world.term, Term.objects.create(vocabulary=Vocabulary.THEME, code="D27", name="Detention")]
    cluster = Cluster.objects.create(name="Torture")
    for i in range(12):
        rec = Recommendation.objects.create(
            source_document=(world.document, other)[i % 2], paragraph=f"9.{i}",
            text=f"Prevent torture in prisons {i}" if i % 2 else f"Protect children {i}",
            status=("in_progress", "not_started", "implemented")[i % 3], is_published=i % 5 != 0,
            lead_institution=(world.mia, world.moh, None)[i % 3], cluster=cluster if i % 4 == 0 else None)
        rec.recommending_states.set(states[: 1 + i % 3])
        for term in themes[: i % 3]:
            TagAssignment.objects.create(recommendation=rec, term=term, status=TagAssignment.Status.ACCEPTED)
        if i % 3 == 0:
            TagAssignment.objects.create(recommendation=rec, term=themes[1], source=TagAssignment.Source.MODEL,
                                         confidence=0.7)
    world.cluster, world.states, world.themes, world.other_document = cluster, states, themes, other
    return world


def _query(params: dict) -> QueryDict:
    return QueryDict(urlencode(params, doseq=True))


def _page(user, params: dict) -> tuple[int, dict, list[int]]:
    """What the list page shows: the row count, every facet's counts and the first page's ids."""
    rows, facets = recommendation_page_rows(user=user, params=_query(params))
    page = Paginator(rows, 50).get_page(1)
    return (page.paginator.count, {r.facet.key: {v.value: v.count for v in r.values} for r in facets},
            [r.pk for r in page])


def _from_rows(user, params: dict) -> tuple[int, dict, list[int]]:
    """The same, counted in SQL (`FacetFilterSet.facet_counts`) and listed by the filtered queryset."""
    qs, params, order, _hits, _worded = _searched(_facetable(user), _query(params), user)
    filters = RecommendationFilterSet(params, qs)
    listed = list(filters.qs.values_list("pk", flat=True))
    first = [pk for pk in order if pk in set(listed)][:50] if order is not None else listed[:50]
    return len(listed), {r.facet.key: {v.value: v.count for v in r.values} for r in filters.facet_counts()}, first


def _index(user):
    return FACET_INDEXES.get(_facetable(user), RecommendationFilterSet.facets(), facet_generation)


COORDINATOR = "coordinator"


def _user(world, kind):
    return AnonymousUser() if kind == "anonymous" else world.users[kind]


@pytest.mark.parametrize("user_kind", ["anonymous", COORDINATOR])
@pytest.mark.parametrize(("params", "rows"), [
    ({}, True),
    ({"cycle": "3"}, True),
    ({"state": ["Chile", "Japan"], "status": "not_started"}, True),
    ({"theme": "placeholder", "state": "Norway"}, True),
    ({"state": "Atlantis"}, False),
    ({"cycle": "02"}, True),  # compared as the number 2, as the database does
    ({"cycle": "x"}, False),  # a value the field cannot hold matches nothing
    ({"institution": "none"}, True),  # the rows without a lead institution
    ({"institution": "none", "q": "torture", "cycle": "3"}, True),
    ({"plan": "placeholder"}, True),  # the recommendations the plan's measures answer
    ({"plan": "placeholder", "q": "torture"}, True),
    ({"plan": "x"}, False),
    ({"q": "torture"}, True),
    ({"q": "torture", "cycle": "2"}, True),
    ({"q": "torture", "cycle": "1"}, False),
    ({"q": "torture", "cycle": "3", "status": "implemented"}, True),
    ({"q": "torture -prisons"}, True),
    ({"q": "torture", "sort": "paragraph"}, True),
    ({"q": "-children"}, True),
    ({"q": "torture", "mode": "hybrid"}, True),
])
def test_the_index_counts_and_lists_as_the_database_does(varied, user_kind, params, rows):
    user = _user(varied, user_kind)
    params = {k: (str(varied.term.pk) if k == "theme" else v) for k, v in params.items()}
    if params.get("plan") == "placeholder":
        params["plan"] = str(varied.plan.pk)
    shown = _page(user, params)
    assert shown == _from_rows(user, params)
    assert bool(shown[0]) == rows and bool(shown[2]) == rows


def test_hits_of_which_the_user_may_read_none(varied):
    Recommendation.objects.update(is_published=False)
    assert _page(AnonymousUser(), {"q": "torture"}) == _from_rows(AnonymousUser(), {"q": "torture"})
    assert _page(AnonymousUser(), {"q": "torture"})[0] == 0
    assert _page(varied.users[COORDINATOR], {"q": "torture"})[0] > 0


def test_users_who_read_different_rows_get_different_indexes(varied):
    anonymous, coordinator = _page(AnonymousUser(), {}), _page(varied.users[COORDINATOR], {})
    assert anonymous[0] == Recommendation.objects.filter(is_published=True).count()
    assert coordinator[0] == Recommendation.objects.count() > anonymous[0]
    assert _index(AnonymousUser()) is not _index(varied.users[COORDINATOR])


def test_the_index_is_reused_while_nothing_changes(varied):
    user = varied.users[COORDINATOR]
    _page(user, {})
    assert _index(user) is _index(user)


def _save_status(w):
    rec = Recommendation.objects.filter(status="not_started").first()
    rec.status = "implemented"
    rec.save()


def _bulk_update(w):  # no signal: a queryset update
    Recommendation.objects.filter(status="in_progress").update(status="partially_implemented")


def _create(w):
    Recommendation.objects.create(source_document=w.other_document, paragraph="10.1", text="New torture text",
                                  status="implemented", is_published=True)


def _delete(w):
    Recommendation.objects.filter(paragraph="9.1").delete()


def _unpublish(w):
    rec = Recommendation.objects.get(paragraph="9.1")
    rec.mark_published(False)
    rec.save()


def _publish_bulk(w):
    Recommendation.objects.filter(is_published=False).update(is_published=True)


def _add_state(w):
    Recommendation.objects.get(paragraph="9.3").recommending_states.add(w.states[2])


def _remove_state(w):
    Recommendation.objects.get(paragraph="9.2").recommending_states.remove(w.states[2])


def _clear_states(w):
    Recommendation.objects.get(paragraph="9.2").recommending_states.clear()


def _rename_country(w):
    Country.objects.filter(name="Japan").update(name="Nippon")


def _accept_suggestion(w):
    tag = TagAssignment.objects.filter(status=TagAssignment.Status.SUGGESTED, recommendation__paragraph="9.3").get()
    tag.status = TagAssignment.Status.ACCEPTED
    tag.save()


def _delete_accepted_tag(w):
    TagAssignment.objects.filter(status=TagAssignment.Status.ACCEPTED, term=w.themes[1]).first().delete()


def _move_tag_to_another_term(w):
    other = Term.objects.create(vocabulary=Vocabulary.THEME, code="D30", name="Prisons")
    TagAssignment.objects.filter(status=TagAssignment.Status.ACCEPTED, term=w.themes[1]).update(term=other)


def _delete_cluster(w):  # SET_NULL on its recommendations, made by an UPDATE without signals
    w.cluster.delete()


def _change_institution(w):
    Recommendation.objects.filter(lead_institution=w.mia).update(lead_institution=w.moh)


def _change_document_cycle(w):
    w.other_document.cycle = 4
    w.other_document.save()


def _move_to_other_document(w):
    Recommendation.objects.filter(paragraph__in=["9.0", "9.2"]).update(source_document=w.other_document)


def _rename_mechanism(w):
    mechanism = w.document.mechanism
    mechanism.code = "UPR-2"
    mechanism.save()


def _change_response(w):
    Recommendation.objects.filter(paragraph="9.3").update(response="noted")


def _raw_sql_states(w):  # as a fast import writes: SQL straight to the link table
    rec = Recommendation.objects.get(paragraph="9.3")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO recommendations_recommendation_recommending_states (recommendation_id, country_id) "
                       "VALUES (%s, %s)", [rec.pk, w.states[2].pk])


WRITES = [_save_status, _bulk_update, _create, _delete, _unpublish, _publish_bulk, _add_state, _remove_state,
          _clear_states, _rename_country, _accept_suggestion, _delete_accepted_tag, _move_tag_to_another_term,
          _delete_cluster, _change_institution, _change_document_cycle, _move_to_other_document, _rename_mechanism,
          _change_response, _raw_sql_states]


@pytest.mark.parametrize("user_kind", ["anonymous", COORDINATOR])
@pytest.mark.parametrize("params", [{}, {"q": "torture"}, {"state": "Chile"}])
@pytest.mark.parametrize("write", WRITES, ids=[w.__name__.strip("_") for w in WRITES])
def test_counts_change_right_after_each_kind_of_write(varied, write, params, user_kind):
    user = _user(varied, user_kind)
    before = _page(user, params)  # builds and keeps the index
    write(varied)
    after = _page(user, params)
    assert after == _from_rows(user, params)
    if params == {} and (user_kind == "anonymous" or write not in (_unpublish, _publish_bulk)):
        assert after != before, "the write must change what the list shows, or this test proves nothing"


def test_a_rolled_back_write_is_not_shown_afterwards(varied):
    user = varied.users[COORDINATOR]
    before = _page(user, {})
    with pytest.raises(RuntimeError), transaction.atomic():
        _bulk_update(varied)
        during = _page(user, {})  # the index is rebuilt inside the transaction, with its uncommitted rows
        assert during != before and during == _from_rows(user, {})
        raise RuntimeError("roll back")
    assert _page(user, {}) == before == _from_rows(user, {})


@pytest.mark.parametrize("write", ["suggestion", "text", "comment", "suggestion_rejected", "document_title"])
def test_writes_that_change_no_facet_keep_the_index(varied, write):
    user = varied.users[COORDINATOR]
    before = _page(user, {})
    token, kept = facet_generation(), _index(user)
    if write == "suggestion":
        TagAssignment.objects.create(recommendation=varied.recommendation, term=varied.themes[1],
                                     source=TagAssignment.Source.MODEL, confidence=0.9)
    elif write == "text":
        rec = Recommendation.objects.get(paragraph="9.1")
        rec.text = "A new text about torture"
        rec.save()  # a whole-row save: every column is written, none of the facet ones changes
    elif write == "comment":
        Recommendation.objects.filter(paragraph="9.1").update(response_comment="Noted with thanks")
    elif write == "suggestion_rejected":
        TagAssignment.objects.filter(status=TagAssignment.Status.SUGGESTED).update(status=TagAssignment.Status.REJECTED)
    else:
        SourceDocument.objects.filter(pk=varied.document.pk).update(title="Renamed")
    assert facet_generation() == token
    assert _index(user) is kept
    assert _page(user, {}) == before == _from_rows(user, {})


def test_without_the_generation_row_nothing_is_kept_and_counts_stay_right(varied):
    user = varied.users[COORDINATOR]
    _page(user, {})
    FacetGeneration.objects.all().delete()  # as a flush leaves it
    assert facet_generation() is None
    first = _index(user)
    assert _index(user) is not first  # built for each call, never kept
    _bulk_update(varied)  # a write brings the row back with a new token
    assert facet_generation() is not None
    assert _page(user, {}) == _from_rows(user, {})


def test_a_stale_index_within_the_wait_is_not_used(varied, settings):
    settings.SEARCH_FACET_INDEX_WAIT = 3600
    user = varied.users[COORDINATOR]
    before = _page(user, {})
    kept = _index(user)
    _bulk_update(varied)
    after = _page(user, {})  # counted in the database: the kept index is stale and was built just now
    assert after != before and after == _from_rows(user, {})
    assert FACET_INDEXES.get(_facetable(user), RecommendationFilterSet.facets(), facet_generation,
                                           wait=3600) is None
    assert kept is not None


def test_an_index_whose_token_moved_while_it_was_built_is_not_kept(varied):
    """A change committed during a build may be half in the index: it is used for that page only."""
    user = varied.users[COORDINATOR]
    indexes, tokens = FACET_INDEXES, iter(["before", "during"])
    first = indexes.get(_facetable(user), RecommendationFilterSet.facets(), lambda: next(tokens))
    assert indexes.get(_facetable(user), RecommendationFilterSet.facets(), lambda: "during") is not first
    steady = indexes.get(_facetable(user), RecommendationFilterSet.facets(), lambda: "steady")
    assert indexes.get(_facetable(user), RecommendationFilterSet.facets(), lambda: "steady") is steady


@pytest.mark.django_db(transaction=True)
def test_a_write_committed_by_another_connection_is_shown_at_once(varied):
    """Another process's write reaches this one only through the database: a second connection of the database
    driver, outside Django (no signal, no ORM), changes a facet; the next page view here must show it."""
    user = varied.users[COORDINATOR]
    before = _page(user, {})
    rec = Recommendation.objects.get(paragraph="9.1")
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        cursor = other.cursor()
        cursor.execute("UPDATE recommendations_recommendation SET status = 'implemented' WHERE id = %s"
                       if connection.vendor == "postgresql" else
                       "UPDATE recommendations_recommendation SET status = 'implemented' WHERE id = ?", [rec.pk])
        cursor.execute("DELETE FROM recommendations_recommendation_recommending_states WHERE recommendation_id = "
                       + ("%s" if connection.vendor == "postgresql" else "?"), [rec.pk])
        other.commit()
    finally:
        other.close()
    after = _page(user, {})
    assert after != before
    assert after == _from_rows(user, {})
    assert after[1]["status"]["implemented"] == before[1]["status"]["implemented"] + 1
