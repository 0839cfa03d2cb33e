"""`rightstrack serve`: serve an existing database, with a job worker beside it (a single-machine server; see
README for production)."""

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from rightstrack.core.collector import freeze_loaded_app
from rightstrack.core.database import unapplied_migrations


def start_worker(log: Path) -> subprocess.Popen:
    """The job worker (`jobs_worker`, every queue) as a child process, for imports, tagging, report builds and mail;
    its lines (one per job started and ended, and any failure) go to `log`, so the terminal keeps the server's.

    On Linux the kernel stops it if this process dies without cleaning up, so no orphan worker is left behind."""
    def stop_with_parent():
        if sys.platform.startswith("linux"):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as output:
        return subprocess.Popen([sys.executable, "-m", "rightstrack.cli", "manage", "jobs_worker", "--queue-name", "*"],
                                stdout=output, stderr=subprocess.STDOUT,
                                preexec_fn=stop_with_parent)  # noqa: PLW1509


def site_url(host: str, port: int) -> str:
    """The address mails link to when SITE_URL is not set: the host and port served on (a wildcard host as
    127.0.0.1)."""
    return f"http://{'127.0.0.1' if host in ('', '0.0.0.0', '::') else host}:{port}"


class WorkerSupervisor:
    """Keeps one job worker running: a worker that dies (killed, out of memory, a bug) is started again within
    `interval` seconds, and each restart is said on `out`."""

    def __init__(self, log: Path, out, interval: float = 2.0):
        self.log, self.out, self.interval = log, out, interval
        self.worker = start_worker(log)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="worker-supervisor", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stopping.wait(self.interval):
            code = self.worker.poll()
            if code is not None and not self._stopping.is_set():
                self.worker = start_worker(self.log)
                self.out.write(f"Job worker stopped (exit code {code}); restarted (pid {self.worker.pid})")
                self.out.flush()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=self.interval + 1)
        self.worker.terminate()
        try:
            self.worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.worker.kill()


class Command(BaseCommand):
    help = "Serve the app on 127.0.0.1 (static files included) from an existing, migrated database, with a job worker."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--no-worker", action="store_true",
                            help="Do not start the job worker (run `rightstrack manage jobs_worker` yourself).")

    def handle(self, *args, port, host, no_worker, **options):
        if unapplied_migrations():
            raise CommandError("The database is not migrated: run `rightstrack demo` or `rightstrack manage migrate`.")
        if "SITE_URL" not in os.environ:  # links in mails (confirmations, digests) point where this serves
            settings.SITE_URL = site_url(host, port)
            os.environ["SITE_URL"] = settings.SITE_URL  # the worker, which sends the mails, reads it too
        supervisor = None
        if not no_worker:
            log = settings.DATA_DIR / "worker.log"
            supervisor = WorkerSupervisor(log, self.stdout)
            self.stdout.write(f"Job worker running (pid {supervisor.worker.pid}, log {log}): imports, tagging, "
                              "reports and mail run in the background; restarted if it stops")
        # SIGTERM (a service manager, `kill`) stops the server like Ctrl+C, so the worker is stopped too.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        self.stdout.write(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
        self.stdout.flush()
        freeze_loaded_app()
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True, skip_checks=True)
        finally:
            if supervisor is not None:
                supervisor.stop()
