"""A site for the fault drills: its own database (a SQLite file, or a PostgreSQL database of its own), migrated,
with the test world's users, and the app's processes (worker, web server) started on it as an operator would."""

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from tests.embedders import FAST_EMBEDDERS

ROOT = Path(__file__).resolve().parents[2]
# Tables whose rows a job's own bookkeeping changes; every other table must be exactly as before a failed job.
BOOKKEEPING = ("jobs_job", "imports_staged", "django_tasks_", "django_session", "audit_", "axes_")


def wait_for(predicate, seconds: float, every: float = 0.1):
    """Poll `predicate` until it returns something true or `seconds` pass; returns its last value."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(every)
    return predicate()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_url(database: str, base: str | None = None) -> str:
    """The URL of `database` on the server of `base` (DATABASE_URL by default)."""
    parts = urlsplit(base or os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{database}"))


def drill_url(suffix: str) -> str:
    """The URL of a PostgreSQL database for the drills, named after DATABASE_URL's database and `suffix`."""
    return postgres_url(urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/") + "_" + suffix)


def database_drop(url: str) -> None:
    """Drop the PostgreSQL database of `url` if it exists, ending its connections."""
    with psycopg.connect(postgres_url("postgres", url), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}" WITH (FORCE)')


class Site:
    def __init__(self, data_dir: Path, database_url: str | None = None):
        self.data_dir, self.database_url = data_dir, database_url
        self.env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
            "RIGHTSTRACK_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT / "src"), "HF_HUB_OFFLINE": "1",
            **FAST_EMBEDDERS}  # set here too: the session's template site is made before any test's own settings
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.processes: list[subprocess.Popen] = []

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "rightstrack.sqlite3"

    def create(self) -> "Site":
        if self.database_url:
            database_drop(self.database_url)
            with psycopg.connect(postgres_url("postgres", self.database_url), autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{urlsplit(self.database_url).path.lstrip("/")}"')
        self.manage("migrate", "--verbosity", "0")
        self.step("world")
        self.manage("jobs_worker", "--queue-name", "*", "--batch")  # the world's own jobs (search index) done
        return self

    def copy_of(self, template: "Site") -> "Site":
        """This site as a copy of `template` (a created site whose processes have stopped): its data directory and
        its database, so each drill skips the migrations, the world and its search index."""
        shutil.copytree(template.data_dir, self.data_dir, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("*.log", "*.heartbeat", "cache"))
        if self.database_url:
            name = urlsplit(self.database_url).path.lstrip("/")
            source = urlsplit(template.database_url).path.lstrip("/")
            database_drop(self.database_url)
            with psycopg.connect(postgres_url("postgres", self.database_url), autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        return self

    def drop(self) -> None:
        self.stop_all()
        if self.database_url:
            database_drop(self.database_url)

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "rightstrack.cli", "manage", *args], env=self.env, cwd=ROOT,
                              capture_output=True, text=True, timeout=600, check=True)

    def step(self, name: str, *args) -> dict:
        """Run a step of tests/drills/scenario.py in a process of its own (as the app would do it)."""
        done = subprocess.run([sys.executable, "-m", "tests.drills.scenario", name, *map(str, args)], env=self.env,
                              cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.splitlines()[-1])

    def start(self, *args: str, log: str) -> subprocess.Popen:
        """Start `rightstrack ARGS` in the background, its output in `log` (under the data dir)."""
        with open(self.data_dir / log, "ab") as output:
            process = subprocess.Popen([sys.executable, "-m", "rightstrack.cli", *args], env=self.env, cwd=ROOT,
                                       stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def start_worker(self) -> subprocess.Popen:
        return self.start("manage", "jobs_worker", "--queue-name", "*", "--interval", "0.2", log="worker.log")

    def log(self, name: str) -> str:
        path = self.data_dir / name
        return path.read_text(errors="replace") if path.exists() else ""

    def stop_all(self) -> None:
        """End the drill's processes and their children (each started in a session of its own) at once: what they
        were doing is no longer checked, and a worker stopped politely would first finish its job."""
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    # Reading the database directly, from outside the app (as an operator's SQL client would).
    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.database_url:
            with psycopg.connect(self.database_url, autocommit=True, connect_timeout=5) as db:
                return db.execute(sql.replace("?", "%s"), params or None).fetchall()  # a LIKE's % is no placeholder
        db = sqlite3.connect(self.sqlite_path, timeout=30)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()

    def tables(self) -> list[str]:
        if self.database_url:
            rows = self.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        else:
            rows = self.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        return sorted(name for (name,) in rows)

    def record_counts(self) -> dict[str, int]:
        """Rows per table, leaving out the jobs' own bookkeeping."""
        return {table: self.query(f'SELECT COUNT(*) FROM "{table}"')[0][0] for table in self.tables()
                if not table.startswith(BOOKKEEPING)}

    def job(self, job_id: int) -> dict:
        row = self.query("SELECT state, error, done, total, step, worker FROM jobs_job WHERE id = ?", (job_id,))[0]
        return dict(zip(("state", "error", "done", "total", "step", "worker"), row, strict=True))

    def staged(self, staged_id: int) -> dict:
        row = self.query("SELECT state, message, counts FROM imports_stagedimport WHERE id = ?", (staged_id,))[0]
        counts = row[2] if isinstance(row[2], dict) else json.loads(row[2] or "{}")
        return {"state": row[0], "message": row[1], "counts": counts}

    def sqlite_write_lock_held(self) -> bool:
        """True while another connection holds SQLite's one write lock (a write transaction is open)."""
        db = sqlite3.connect(self.sqlite_path, timeout=0, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                return True
            raise
        finally:
            db.close()
