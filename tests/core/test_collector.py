"""The garbage collector's settings: a server freezes its loaded app once."""

import gc
import os
import subprocess
import sys
import weakref

import pytest

from rightstrack.core.collector import freeze_loaded_app


class Node:
    pass


def _cycle() -> weakref.ref:
    """A reference cycle nothing else holds: only a collection frees it. Returns a weak reference to it."""
    node = Node()
    node.self = node
    return weakref.ref(node)


def test_freezing_the_loaded_app_first_collects_the_garbage_it_would_otherwise_keep_for_good():
    garbage = _cycle()
    assert gc.get_freeze_count() == 0
    try:
        freeze_loaded_app()
        assert garbage() is None
        assert gc.get_freeze_count() > 10_000  # Django and the app, out of the collector's sight
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("entry_point", ["wsgi", "asgi"])
def test_the_server_entry_points_freeze_the_loaded_app(entry_point):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rightstrack.settings"}
    out = subprocess.run(
        [sys.executable, "-c", f"import gc, sys; import rightstrack.{entry_point}; "
                               "print(gc.get_freeze_count(), 'rightstrack.recommendations.views' in sys.modules)"],
        env=env, capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 10_000 and out[1] == "True"  # the views were loaded before the freeze
