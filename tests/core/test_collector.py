"""The garbage collector's settings: a server freezes its loaded app once; bulk jobs collect less often, and put
back what they changed, without undoing the server's freeze."""

import gc
import os
import subprocess
import sys
import weakref

import pytest

from rightstrack.core.collector import BULK_GC_THRESHOLD, fewer_collections, freeze_loaded_app


class Node:
    pass


def _cycle() -> weakref.ref:
    """A reference cycle nothing else holds: only a collection frees it. Returns a weak reference to it."""
    node = Node()
    node.self = node
    return weakref.ref(node)


@pytest.fixture
def frozen_app():
    assert gc.get_freeze_count() == 0
    freeze_loaded_app()
    yield gc.get_freeze_count()
    gc.unfreeze()


def test_fewer_collections_freezes_what_exists_and_restores_the_collector_even_after_an_error():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_freeze_count() > 0  # the objects that existed are no longer walked
        assert gc.get_threshold() == (BULK_GC_THRESHOLD, *before[1:])
        raise RuntimeError
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_fewer_collections_still_collects_cycles_made_during_the_job():
    with fewer_collections():
        alive = _cycle()
        held = [[] for _ in range(BULK_GC_THRESHOLD * 2)]  # enough live containers for a young collection
        collected = alive() is None
        del held
    assert collected


def test_overlapping_jobs_share_the_settings_and_the_last_to_finish_restores_them():
    before = gc.get_threshold()
    first, second = fewer_collections(), fewer_collections()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first job ends while the second still runs
    assert gc.get_threshold()[0] == BULK_GC_THRESHOLD and gc.get_freeze_count() > 0
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_freezing_the_loaded_app_first_collects_the_garbage_it_would_otherwise_keep_for_good():
    garbage = _cycle()
    assert gc.get_freeze_count() == 0
    try:
        freeze_loaded_app()
        assert garbage() is None
        assert gc.get_freeze_count() > 10_000  # Django and the app, out of the collector's sight
    finally:
        gc.unfreeze()


def test_a_bulk_job_in_a_server_keeps_the_servers_freeze_and_adds_nothing_to_it(frozen_app):
    before = gc.get_threshold()
    made_after_start = Node()  # a request's object, or a cache filled after start-up
    with fewer_collections():
        assert gc.get_threshold() == (BULK_GC_THRESHOLD, *before[1:])
        # What the server froze, and nothing made since (frozen objects that are freed leave the count).
        assert 0.9 * frozen_app < gc.get_freeze_count() <= frozen_app
        assert gc.is_tracked(made_after_start)
    assert gc.get_threshold() == before
    assert 0.9 * frozen_app < gc.get_freeze_count() <= frozen_app  # not undone when the job ends


@pytest.mark.parametrize("entry_point", ["wsgi", "asgi"])
def test_the_server_entry_points_freeze_the_loaded_app(entry_point):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rightstrack.settings"}
    out = subprocess.run(
        [sys.executable, "-c", f"import gc, sys; import rightstrack.{entry_point}; "
                               "print(gc.get_freeze_count(), 'rightstrack.recommendations.views' in sys.modules)"],
        env=env, capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 10_000 and out[1] == "True"  # the views were loaded before the freeze
