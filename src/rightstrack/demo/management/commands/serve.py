"""`rightstrack serve`: serve an existing database, with a job worker beside it (a single-machine server; see
README for production)."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from rightstrack.core.collector import freeze_loaded_app
from rightstrack.core.database import unapplied_migrations


def start_worker(log: Path) -> subprocess.Popen:
    """The job worker (`db_worker`, every queue) as a child process, for imports, tagging, report builds and mail;
    its lines (one per job started and ended, and any failure) go to `log`, so the terminal keeps the server's.

    On Linux the kernel stops it if this process dies without cleaning up, so no orphan worker is left behind."""
    def stop_with_parent():
        if sys.platform.startswith("linux"):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as output:
        return subprocess.Popen([sys.executable, "-m", "rightstrack.cli", "manage", "db_worker", "--queue-name", "*",
                                 "--no-reload"], stdout=output, stderr=subprocess.STDOUT,
                                preexec_fn=stop_with_parent)  # noqa: PLW1509


def site_url(host: str, port: int) -> str:
    """The address mails link to when SITE_URL is not set: the host and port served on (a wildcard host as
    127.0.0.1)."""
    return f"http://{'127.0.0.1' if host in ('', '0.0.0.0', '::') else host}:{port}"


class Command(BaseCommand):
    help = "Serve the app on 127.0.0.1 (static files included) from an existing, migrated database, with a job worker."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--no-worker", action="store_true",
                            help="Do not start the job worker (run `rightstrack manage db_worker` yourself).")

    def handle(self, *args, port, host, no_worker, **options):
        if unapplied_migrations():
            raise CommandError("The database is not migrated: run `rightstrack demo` or `rightstrack manage migrate`.")
        if "SITE_URL" not in os.environ:  # links in mails (confirmations, digests) point where this serves
            settings.SITE_URL = site_url(host, port)
            os.environ["SITE_URL"] = settings.SITE_URL  # the worker, which sends the mails, reads it too
        worker = None
        if not no_worker:
            log = settings.DATA_DIR / "worker.log"
            worker = start_worker(log)
            self.stdout.write(f"Job worker running (pid {worker.pid}, log {log}): imports, tagging, reports and mail "
                              "run in the background")
        # SIGTERM (a service manager, `kill`) stops the server like Ctrl+C, so the worker is stopped too.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        self.stdout.write(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
        self.stdout.flush()
        freeze_loaded_app()
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True, skip_checks=True)
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
