"""`rightstrack serve`: serve an existing database, with a job worker beside it (a single-machine server; see
README for production). Both run as child processes this one supervises: either is started again if it dies."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rightstrack.core.database import unapplied_migrations


def _child(args: list[str], output=None) -> subprocess.Popen:
    """`rightstrack ARGS` as a child process. On Linux the kernel stops it if this process dies without cleaning up
    (kill -9), so no orphan is left behind."""
    def stop_with_parent():
        if sys.platform.startswith("linux"):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

    return subprocess.Popen([sys.executable, "-m", "rightstrack.cli", *args], stdout=output,
                            stderr=subprocess.STDOUT if output else None,
                            preexec_fn=stop_with_parent)  # noqa: PLW1509


def start_worker(log: Path) -> subprocess.Popen:
    """The job worker (`jobs_worker`, every queue), for imports, tagging, report builds and mail; its lines (one per
    job started and ended, and any failure) go to `log`, so the terminal keeps the server's."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as output:
        return _child(["manage", "jobs_worker", "--queue-name", "*"], output)


def start_web(host: str, port: int) -> subprocess.Popen:
    """The web server (Django's threaded server, static files included), its lines on this terminal."""
    return _child(["manage", "runserver", f"{host}:{port}", "--noreload", "--skip-checks"])


def site_url(host: str, port: int) -> str:
    """The address mails link to when SITE_URL is not set: the host and port served on (a wildcard host as
    127.0.0.1)."""
    return f"http://{'127.0.0.1' if host in ('', '0.0.0.0', '::') else host}:{port}"


class Supervisor:
    """Keeps child processes running, as gunicorn's master keeps its workers: one that dies (killed, out of memory,
    a bug) is started again within `interval` seconds, and each restart is said on `out`. One that dies again and
    again right after starting (a port in use, a broken configuration) is not restarted for ever: the supervisor
    gives up and `wait` returns why."""

    CRASH_LOOP = 3  # deaths in a row, each within QUICK_DEATH seconds of its start
    QUICK_DEATH = 10.0

    def __init__(self, out, interval: float = 2.0):
        self.out, self.interval = out, interval
        self.children: dict[str, dict] = {}
        self.failure: str | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="supervisor", daemon=True)

    def add(self, name: str, start) -> subprocess.Popen:
        process = start()
        self.children[name] = {"start": start, "process": process, "since": time.monotonic(), "quick_deaths": 0}
        if not self._thread.is_alive():
            self._thread.start()
        return process

    def pid(self, name: str) -> int:
        return self.children[name]["process"].pid

    def _watch(self) -> None:
        while not self._stopping.wait(self.interval):
            for name, child in list(self.children.items()):  # `add` may run meanwhile
                code = child["process"].poll()
                # Ctrl+C reaches the children too: give this process a moment to start stopping before restarting.
                if code is None or self._stopping.wait(0.5):
                    continue
                quick = time.monotonic() - child["since"] < self.QUICK_DEATH
                child["quick_deaths"] = child["quick_deaths"] + 1 if quick else 0
                if child["quick_deaths"] >= self.CRASH_LOOP:
                    self.failure = (f"{name} stopped {self.CRASH_LOOP} times in a row right after starting (exit "
                                    f"code {code}); not restarting it: see its output above")
                    self._stopping.set()
                    return
                child.update(process=child["start"](), since=time.monotonic())
                self.out.write(f"{name} stopped (exit code {code}); restarted (pid {child['process'].pid})")
                self.out.flush()

    def wait(self) -> str | None:
        """Block until the supervisor gives up on a child (returns why) or a signal interrupts."""
        while not self._stopping.wait(1.0):
            pass
        return self.failure

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self.interval + 1)
        for child in self.children.values():
            child["process"].terminate()
        for child in self.children.values():
            try:
                child["process"].wait(timeout=10)
            except subprocess.TimeoutExpired:
                child["process"].kill()


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
        supervisor = Supervisor(self.stdout)
        # SIGTERM (a service manager, `kill`) stops the server like Ctrl+C, so its children are stopped too.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        failure = None
        try:
            if not no_worker:
                log = settings.DATA_DIR / "worker.log"
                supervisor.add("Job worker", lambda: start_worker(log))
                self.stdout.write(f"Job worker running (pid {supervisor.pid('Job worker')}, log {log}): imports, "
                                  "tagging, reports and mail run in the background; restarted if it stops")
            supervisor.add("Web server", lambda: start_web(host, port))
            self.stdout.write(f"Serving on http://{host}:{port}/ (web server pid {supervisor.pid('Web server')}, "
                              "restarted if it stops; Ctrl+C to stop)")
            self.stdout.flush()
            failure = supervisor.wait()
        except KeyboardInterrupt:
            pass
        finally:
            supervisor.stop()
        if failure:
            raise CommandError(failure)
