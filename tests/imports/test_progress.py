"""A web import's progress is seen by the pages while its write's transaction is still open, and by other processes."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from rightstrack.imports import staging
from rightstrack.imports.models import StagedImport
from rightstrack.imports.progress import shared_progress_get, shared_progress_set
from rightstrack.imports.selectors import staged_import_status
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def committing(world):
    return StagedImport.objects.create(original_name="uhri.csv", format="uhri", created_by=world.users["coordinator"],
                                       state=StagedImport.State.COMMITTING, progress=0.5)


def test_progress_reported_inside_the_writes_transaction_reaches_the_status_page(client, committing):
    with transaction.atomic():
        staging._reporter(committing)(0.75)  # what the write pass does, inside the import's transaction
        transaction.set_rollback(True)  # as far as any other connection can tell, the row was never updated
    committing.refresh_from_db()
    assert committing.progress == 0.5
    client.login(username="coord", password=PASSWORD)
    assert client.get(reverse("imports:import_status", args=[committing.pk])).json()["progress"] == 0.75


def test_a_finished_import_shows_its_own_row_and_forgets_the_shared_value(committing):
    staging._reporter(committing)(0.9)
    staging._finish(committing, StagedImport.State.COMMITTED)
    committing.refresh_from_db()
    assert shared_progress_get(committing.pk) is None
    assert staged_import_status(staged=committing)["progress"] == 1.0


def test_a_stale_shared_value_is_not_shown_for_an_import_that_is_not_running(committing):
    shared_progress_set(committing.pk, 0.3)
    StagedImport.objects.filter(pk=committing.pk).update(state=StagedImport.State.STAGED, progress=1.0)
    committing.refresh_from_db()
    assert staged_import_status(staged=committing)["progress"] == 1.0


def test_the_shared_value_is_seen_by_another_process(committing):
    """The worker and the web server are separate processes: the store must not be per-process memory."""
    shared_progress_set(committing.pk, 0.625)
    code = ("import django; django.setup(); from rightstrack.imports.progress import shared_progress_get; "
            f"print(shared_progress_get({committing.pk}))")
    # The test's store is <tmp>/cache/progress, where a process with <tmp> as its data directory keeps it.
    data_dir = settings.CACHES["progress"]["LOCATION"].parent.parent
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rightstrack.settings", "RIGHTSTRACK_DATA_DIR": str(data_dir)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0.625"
