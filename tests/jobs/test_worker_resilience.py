"""No lost work: the worker outlives a locked database, `serve` restarts a dead worker, the jobs page says when
the worker was last alive, and an upload reads its file outside the write transaction."""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse

from rightstrack.imports import staging
from rightstrack.jobs.heartbeat import heartbeat_beat, heartbeat_path
from tests.core.test_serve_worker import _free_port, _status, _wait_for
from tests.factories import PASSWORD
from tests.imports.conftest import csv_bytes, uhri_row

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process handling is tested on Linux")
ENQUEUE = ("from rightstrack.reminders.tasks import send_notifications; "
           "print(send_notifications.enqueue().id)")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A migrated SQLite data directory of its own (the worker and `serve` run as separate processes)."""
    path = tmp_path_factory.mktemp("worker-data")
    env = _env(path)
    subprocess.run([sys.executable, "-m", "rightstrack.cli", "manage", "migrate", "--verbosity", "0"], env=env,
                   check=True, timeout=300)
    return path


def _env(path):
    return {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "RIGHTSTRACK_DATA_DIR": str(path), "RIGHTSTRACK_SQLITE_TIMEOUT": "0.3"}


def _enqueue(path) -> str:
    return subprocess.run([sys.executable, "-m", "rightstrack.cli", "manage", "shell", "-c", ENQUEUE], env=_env(path),
                          capture_output=True, text=True, check=True, timeout=120).stdout.split()[-1]


def _stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


@linux_only
@pytest.mark.slow
@pytest.mark.sqlite_run_only  # its own SQLite data directory, whichever database the suite runs on
def test_the_worker_survives_a_locked_database_and_then_runs_the_queue(data_dir):
    database = data_dir / "rightstrack.sqlite3"
    worker = subprocess.Popen([sys.executable, "-m", "rightstrack.cli", "manage", "jobs_worker", "--queue-name", "*",
                               "--interval", "0.2"], env=_env(data_dir), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        time.sleep(3)  # the worker is polling
        lock = sqlite3.connect(database, timeout=10, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")  # what a long import's write pass does to every other writer
        time.sleep(3)
        assert worker.poll() is None, "the worker died while the database was locked"
        lock.execute("COMMIT")
        lock.close()
        queued = _enqueue(data_dir)
        assert _wait_for(lambda: _status(database, queued) == "SUCCESSFUL", 60), _status(database, queued)
        assert worker.poll() is None
        assert time.time() - (data_dir / "worker.heartbeat").stat().st_mtime < 10
    finally:
        _stop(worker)


@linux_only
@pytest.mark.slow
@pytest.mark.sqlite_run_only  # its own SQLite data directory, whichever database the suite runs on
def test_serve_restarts_a_worker_that_dies(data_dir):
    database = data_dir / "rightstrack.sqlite3"
    server = subprocess.Popen([sys.executable, "-m", "rightstrack.cli", "serve", "--port", str(_free_port())],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env(data_dir))
    try:
        first = server.stdout.readline()
        worker = int(first.split("(pid ")[1].split(",")[0])
        os.kill(worker, signal.SIGKILL)
        lines = []
        reader = threading.Thread(target=lambda: lines.extend(iter(server.stdout.readline, "")), daemon=True)
        reader.start()
        restarted = _wait_for(lambda: next((line for line in lines if "restarted (pid" in line), None), 30)
        assert restarted, lines
        new_worker = int(restarted.split("restarted (pid ")[1].split(")")[0])
        assert new_worker != worker and os.path.exists(f"/proc/{new_worker}")
        queued = _enqueue(data_dir)
        assert _wait_for(lambda: _status(database, queued) == "SUCCESSFUL", 90), _status(database, queued)
    finally:
        _stop(server)


@pytest.mark.django_db
def test_jobs_page_shows_when_the_worker_was_last_alive(client, world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.login(username="coord", password=PASSWORD)
    assert "The job worker has never run" in client.get(reverse("jobs:job_list")).content.decode()
    heartbeat_beat()
    page = client.get(reverse("jobs:job_list")).content.decode()
    assert "The job worker was last alive at" in page and "Jobs wait until it runs again" not in page
    two_hours_ago = time.time() - 7200
    os.utime(heartbeat_path(), (two_hours_ago, two_hours_ago))
    page = client.get(reverse("jobs:job_list")).content.decode()
    assert "2\xa0hours ago" in page and "Jobs wait until it runs again" in page


@pytest.mark.django_db(transaction=True)
def test_an_upload_reads_its_file_outside_the_write_transaction(client, world, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seen = []

    opened = staging.open_table  # reads the header of a table, or the recommendations of a report PDF

    def watched_open_table(path):
        seen.append(connection.in_atomic_block)
        return opened(path)

    monkeypatch.setattr(staging, "open_table", watched_open_table)
    client.login(username="coord", password=PASSWORD)
    response = client.post(reverse("imports:import_create"),
                           {"file": SimpleUploadedFile("uhri.csv", csv_bytes([uhri_row(1)])), "format": ""})
    assert response.status_code == 302
    assert seen == [False]
    assert not transaction.get_connection().in_atomic_block
