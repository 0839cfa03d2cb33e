"""`rightstrack serve` runs the job worker beside the web server, so background jobs run in the demo too."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time

import pytest

# serve runs on a SQLite data directory of its own, whichever database the suite runs on.
pytestmark = [pytest.mark.slow, pytest.mark.sqlite_run_only,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process handling is tested on Linux")]


def _cli(*args, env):
    return subprocess.run([sys.executable, "-m", "rightstrack.cli", *args], capture_output=True, text=True,
                          timeout=300, env=env, check=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(database, task_id: str) -> str | None:
    with sqlite3.connect(database) as db:
        row = db.execute("SELECT status FROM django_tasks_database_dbtaskresult WHERE id = ?",
                         [task_id.replace("-", "")]).fetchone()
    return row[0] if row else None


def _wait_for(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.2)
    return predicate()


def test_a_job_queued_before_serve_starts_runs_and_stopping_serve_stops_the_worker(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"RIGHTSTRACK_DATA_DIR": str(tmp_path)}
    _cli("manage", "migrate", "--verbosity", "0", env=env)
    queued = _cli("manage", "shell", "-c", "from rightstrack.reminders.tasks import send_notifications; "
                  "print(send_notifications.enqueue().id)", env=env).stdout.split()[-1]
    database = tmp_path / "rightstrack.sqlite3"
    assert _status(database, queued) == "READY"

    server = subprocess.Popen([sys.executable, "-m", "rightstrack.cli", "serve", "--port", str(_free_port())],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        first = server.stdout.readline()
        assert "Job worker running" in first, first
        worker = int(first.split("(pid ")[1].split(",")[0])
        assert _wait_for(lambda: _status(database, queued) == "SUCCESSFUL", 90), _status(database, queued)
        assert f"{queued}" in (tmp_path / "worker.log").read_text()  # the worker's lines go to its log
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert _wait_for(lambda: not os.path.exists(f"/proc/{worker}") or _zombie(worker), 15)


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ")[1].startswith("Z")
    except FileNotFoundError:
        return True


def test_serve_gives_up_on_a_child_that_dies_again_and_again_right_after_starting():
    """A web server that cannot start (its port taken) is not restarted for ever: serve stops and says why."""
    import io

    from rightstrack.demo.management.commands.serve import Supervisor

    out = io.StringIO()
    supervisor = Supervisor(out, interval=0.05)
    supervisor.add("Web server", lambda: subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"]))
    try:
        failure = supervisor.wait()
    finally:
        supervisor.stop()
    assert failure == ("Web server stopped 3 times in a row right after starting (exit code 3); not restarting it: "
                       "see its output above")
    assert out.getvalue().count("Web server stopped (exit code 3); restarted") == 2
