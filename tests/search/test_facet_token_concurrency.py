"""The facet token on PostgreSQL: transactions that change facet data never wait for each other on it, and every
committed change still gives readers a token they have not seen, so no stale facet index is kept.

Each test runs real transactions on second connections of the database driver (psycopg), as other web processes
or an import would, while this test's Django connection reads the token and the list page.
"""

import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from django.db import connection, transaction

from rightstrack.recommendations.models import Country, Recommendation
from rightstrack.search.models import FacetGeneration
from rightstrack.search.selectors import facet_generation
from rightstrack.taxonomy.models import TagAssignment
from tests.search.test_facet_index import COORDINATOR, _from_rows, _index, _page, varied  # noqa: F401

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="PostgreSQL only: SQLite runs one writing transaction at a time, so writers cannot "
                              "hold the token together there"),
    pytest.mark.django_db(transaction=True),
]

STATUS = "UPDATE recommendations_recommendation SET status = %s WHERE id = %s"


@pytest.fixture(autouse=True)
def _rebuild_at_once_and_wait_no_longer_than_5_s(settings):
    """Every page view after a write rebuilds; this test's connection gives up on a lock after 5 s, as the others do
    (see `_transaction`)."""
    settings.SEARCH_FACET_INDEX_WAIT = 0
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '5s'")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET lock_timeout")


@contextmanager
def _transaction():
    """A second connection in a transaction of its own, rolled back unless the test commits it. It gives up on a
    lock after 5 s, so that a wait the design should not have fails the test instead of hanging it."""
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.execute("SET lock_timeout = '5s'")
        yield other
    finally:
        other.rollback()
        other.close()


def _waits_for_a_lock(other) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s", [other.info.backend_pid])
        return bool(cursor.fetchone()[0])


def _until(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def _status(pk: int) -> str:
    return Recommendation.objects.values_list("status", flat=True).get(pk=pk)


def _add_state(other, rec, world):
    other.execute("INSERT INTO recommendations_recommendation_recommending_states (recommendation_id, country_id) "
                  "VALUES (%s, %s)", [rec.pk, Country.objects.create(name="Chile").pk])


def _accept_tag(other, rec, world):
    tag = TagAssignment.objects.create(recommendation=rec, term=world.term, source=TagAssignment.Source.MODEL,
                                       confidence=0.8)
    other.execute("UPDATE taxonomy_tagassignment SET status = 'accepted' WHERE id = %s", [tag.pk])


def _new_recommendation(other, rec, world):
    # Every column but the key and the paragraph, read from the model so a column added later is copied too.
    columns = ", ".join(f.column for f in Recommendation._meta.concrete_fields if f.column not in {"id", "paragraph"})
    other.execute(f"INSERT INTO recommendations_recommendation (paragraph, {columns}) "
                  f"SELECT '9.99', {columns} FROM recommendations_recommendation WHERE id = %s", [rec.pk])


def _change_status(other, rec, world):
    other.execute(STATUS, ["implemented", rec.pk])


SECOND_WRITES = [_change_status, _add_state, _accept_tag, _new_recommendation]


@pytest.mark.parametrize("write", SECOND_WRITES, ids=[w.__name__.strip("_") for w in SECOND_WRITES])
def test_a_facet_change_commits_while_another_transaction_that_changed_facets_is_open(world, write):
    """As a user's edit during a long import: the edit must not queue behind the import's token (it did, until the
    import committed)."""
    first, second = world.recommendation, world.hidden_recommendation
    with _transaction() as importing, _transaction() as editing:
        importing.execute("UPDATE recommendations_recommendation SET status = 'implemented', is_published = true "
                          "WHERE id = %s", [first.pk])
        editing.execute("SET LOCAL lock_timeout = '2s'")
        write(editing, second, world)  # before: LockNotAvailable after 2 s, waiting for the import's token row
        editing.commit()
        importing.commit()
    assert _status(first.pk) == "implemented"


def test_transactions_that_lock_each_others_rows_in_opposite_orders_do_not_deadlock(world):
    """T1 changes A, T2 changes B, then T1 changes B (waiting for T2, which commits). Before, T2's trigger waited for
    the token row that T1 held, T1 waited for B, and PostgreSQL aborted one of them as a deadlock."""
    a, b = world.recommendation.pk, world.hidden_recommendation.pk
    with _transaction() as t1, _transaction() as t2, ThreadPoolExecutor(max_workers=2) as pool:
        t1.execute(STATUS, ["implemented", a])
        second = pool.submit(t2.execute, STATUS, ["partially_implemented", b])
        _until(lambda: second.done() or _waits_for_a_lock(t2))
        first = pool.submit(t1.execute, STATUS, ["implemented", b])
        _until(lambda: first.done() or _waits_for_a_lock(t1))
        second.result(timeout=10)  # raises DeadlockDetected if T2 was the one aborted
        t2.commit()
        first.result(timeout=10)  # ... or if T1 was
        t1.commit()
    assert (_status(a), _status(b)) == ("implemented", "implemented")


def test_every_commit_gives_readers_a_new_token_and_a_rollback_no_old_one(world):
    a, b = world.recommendation.pk, world.hidden_recommendation.pk
    seen = [facet_generation()]

    def read_new_token():
        token = facet_generation()
        assert token not in seen
        seen.append(token)

    with _transaction() as t1, _transaction() as t2:
        t1.execute(STATUS, ["implemented", a])
        assert facet_generation() == seen[-1], "an uncommitted change must not change other readers' token"
        t2.execute(STATUS, ["implemented", b])
        t2.commit()
        read_new_token()
        t2.execute(STATUS, ["in_progress", b])
        t2.rollback()
        assert facet_generation() == seen[-1] or facet_generation() not in seen
        t2.execute(STATUS, ["in_progress", b])
        t2.commit()
        read_new_token()
        t1.commit()
        read_new_token()
    with _transaction() as t1:  # the same connection again, in a new transaction
        t1.execute(STATUS, ["not_started", a])
        t1.commit()
    read_new_token()


def test_a_page_after_another_connections_commit_rebuilds_while_a_third_stays_open(varied):
    user = varied.users[COORDINATOR]
    a, b = (Recommendation.objects.get(paragraph=p).pk for p in ("9.1", "9.3"))
    before = _page(user, {})
    kept = _index(user)
    with _transaction() as t1, _transaction() as t2:
        t1.execute(STATUS, ["implemented", a])
        assert _page(user, {}) == before and _index(user) is kept, "an uncommitted change keeps the index"
        t2.execute(STATUS, ["implemented", b])
        t2.commit()
        after_b = _page(user, {})
        assert after_b != before and after_b == _from_rows(user, {})
        t1.commit()
    after_both = _page(user, {})
    assert after_both != after_b and after_both == _from_rows(user, {})


def test_an_index_built_inside_a_rolled_back_transaction_is_not_reused(varied):
    """The page read inside a transaction builds an index of its uncommitted rows; after the rollback it must not be
    used, also while another transaction holds a token slot of its own."""
    user = varied.users[COORDINATOR]
    a, b = (Recommendation.objects.get(paragraph=p).pk for p in ("9.1", "9.3"))
    before = _page(user, {})
    with _transaction() as t1:
        t1.execute(STATUS, ["implemented", a])
        with pytest.raises(RuntimeError), transaction.atomic():
            Recommendation.objects.filter(pk=b).update(status="implemented")
            during = _page(user, {})
            assert during != before and during == _from_rows(user, {})
            raise RuntimeError("roll back")
        assert _page(user, {}) == before == _from_rows(user, {})
        t1.commit()
    after = _page(user, {})
    assert after != before and after == _from_rows(user, {})


def test_token_rows_grow_with_concurrent_writers_not_with_connections(world):
    a = world.recommendation.pk

    def commit_one_change_per_connection(times: int):
        for i in range(times):
            with _transaction() as other:
                other.execute(STATUS, [("implemented", "in_progress")[i % 2], a])
                other.commit()

    commit_one_change_per_connection(5)
    rows = FacetGeneration.objects.count()
    assert rows >= 1
    recs = [Recommendation.objects.create(source_document=world.document, paragraph=f"7.{i}", text="Text")
            for i in range(3)]
    with _transaction() as t1, _transaction() as t2, _transaction() as t3:
        for other, rec in zip((t1, t2, t3), recs):
            other.execute(STATUS, ["implemented", rec.pk])
        for other in (t1, t2, t3):
            other.commit()
    assert FacetGeneration.objects.count() == max(rows, 3)
    commit_one_change_per_connection(5)
    assert FacetGeneration.objects.count() == max(rows, 3)
