"""Shared fixtures: the fast embedder and a private data directory for every test, a small world of records per
role, Chromium for browser tests, and the `browser` marker on every test that drives it."""

import copy
import os
from pathlib import Path

# One BLAS thread per process: on a busy 2-core machine OpenBLAS's spinning threads made scikit-learn's fits ~10x
# slower, and pytest-xdist already runs one process per core. Set before numpy loads; `_one_blas_thread` below
# covers a library loaded earlier.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import translation  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from tests.drills.site import database_drop, drill_url  # noqa: E402
from tests.embedders import FAST_EMBEDDERS  # noqa: E402
from tests.factories import World, build_world  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
# rightstrack.tagging is a plain library (no Django, no database): its tests are `sqlite_run_only`.
LIBRARY_TESTS = Path(__file__).parent / "tagging"
DATABASE_FIXTURES = {"db", "transactional_db", "live_server"}


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium (the `page` fixture) is a `browser` test, wherever it lives; the PostgreSQL
    run skips the `sqlite_run_only` tests, which would repeat unchanged there. Files holding a
    `slow` test run first: pytest-xdist hands out whole files in this order, so the long ones start while the other
    worker is busy too, and the run ends on short files instead of one worker finishing a drill alone."""
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if item.path.is_relative_to(LIBRARY_TESTS):
            item.add_marker(pytest.mark.sqlite_run_only)
        if item.get_closest_marker("sqlite_run_only"):
            if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
                raise pytest.UsageError(f"{item.nodeid} uses the suite's database, so it cannot be sqlite_run_only")
            if ON_POSTGRES:
                item.add_marker(pytest.mark.skip(reason="touches none of the suite's databases: the SQLite run ran it"))
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)  # stable: each file keeps its own order


def pytest_sessionfinish(session):
    """The fault drills' PostgreSQL template is dropped once, by the process that ran the whole session, not by a
    pytest-xdist worker while another may still copy it (a worker's conftests below tests/ are not the
    controller's, so this lives here)."""
    if ON_POSTGRES and not hasattr(session.config, "workerinput"):
        database_drop(drill_url("drill_template"))


@pytest.fixture(scope="session", autouse=True)
def _one_blas_thread():
    with threadpool_limits(limits=1, user_api="blas"):
        yield


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory):
    """One data directory per test process: the models built on first use (the search embedder, each default
    tagger) are built there once, and nothing is written into ~/.cache."""
    return tmp_path_factory.mktemp("data")


@pytest.fixture(autouse=True)
def _fast_embedder_and_private_data_dir(request, monkeypatch, data_dir):
    """Tag and search with the deterministic hashing embedders unless the test is marked `real_model`; keep every
    built model in the session's data directory. Default models are forgotten around each test, so none leaks
    across."""
    from rightstrack.tagging.api import default_model

    monkeypatch.setenv("RIGHTSTRACK_DATA_DIR", str(data_dir))
    real_model = request.node.get_closest_marker("real_model") is not None
    for variable, fast in FAST_EMBEDDERS.items():
        if real_model:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, fast)
    default_model.cache_clear()
    yield
    default_model.cache_clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


class SharedWorld:
    """One world for a run of consecutive tests, as Django's `TestCase.setUpTestData` keeps one per class: built
    once inside a transaction left open, each test's own transaction (pytest-django's `db`) nested in it as a
    savepoint that is rolled back, and each test given its own copy of the Python objects. Building the world per
    test cost ~50 ms on SQLite and ~150 ms on PostgreSQL, for 1,700 tests.

    Only tests that ask for `world`, run in a transaction and carry no `django_db` marker share it: pytest-django
    opens a marked test's transaction before any fixture of the suite's could open this one around it. Any other
    test closes it first (`pytest_runtest_setup`), so none sees a world it did not ask for."""

    current: "SharedWorld | None" = None

    def __init__(self, blocker):
        self.blocker, self.atomic, self.world = blocker, None, None

    def open(self) -> None:
        if self.atomic is None:
            with self.blocker.unblock():
                self.atomic = transaction.atomic()
                self.atomic.__enter__()
                self.world = build_world()

    def copy(self) -> World:
        return copy.deepcopy(self.world)

    def close(self) -> None:
        if self.atomic is not None:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.atomic.__exit__(None, None, None)
            self.atomic = self.world = None


def _shares_world(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return ("world" in getattr(item, "fixturenames", ()) and marker is None
            and not {"transactional_db", "live_server"} & set(item.fixturenames))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if SharedWorld.current is not None and not _shares_world(item):
        SharedWorld.current.close()


@pytest.fixture(scope="session")
def _shared_world(django_db_setup, django_db_blocker):
    SharedWorld.current = SharedWorld(django_db_blocker)
    yield SharedWorld.current
    SharedWorld.current.close()
    SharedWorld.current = None


@pytest.fixture(autouse=True)
def _open_shared_world(request, _fast_embedder_and_private_data_dir, _media_and_mail):
    """Opens (or keeps) the shared world's transaction before the test's own (`db`, requested by `world`) begins."""
    if _shares_world(request.node):
        request.getfixturevalue("_shared_world").open()


@pytest.fixture
def world(request, db) -> World:
    if _shares_world(request.node):
        return request.getfixturevalue("_shared_world").copy()
    return build_world()


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    """A test that activates a language must not leak it into the next one (same thread)."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_and_mail(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ratelimit = {**settings.CACHES["ratelimit"], "LOCATION": tmp_path / "cache" / "ratelimit"}
    settings.CACHES = {**settings.CACHES, "ratelimit": ratelimit}
    # The test client's login() authenticates without a request, which django-axes refuses;
    # tests/accounts/test_throttling.py turns it on and signs in through the forms.
    settings.AXES_ENABLED = False
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
