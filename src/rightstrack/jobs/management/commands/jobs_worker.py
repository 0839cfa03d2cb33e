"""`rightstrack manage jobs_worker`: django-tasks' database worker, kept alive through a locked or briefly
unreachable database, and beating a heartbeat the jobs page shows."""

import logging
import time
from contextlib import suppress

from django.db import DatabaseError, InterfaceError, close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from rightstrack.jobs.heartbeat import heartbeat_beat
from rightstrack.jobs.runner import jobs_fail_orphans

logger = logging.getLogger("django_tasks_db")


class ResilientWorker(Worker):
    """Fails the jobs of a dead worker, runs every ready task, beats, sleeps, again; a database error (SQLite 'database is locked', a PostgreSQL
    restart) is logged and retried after a pause instead of ending the process."""

    def __init__(self, *, keep_going: bool, **kwargs):
        super().__init__(**kwargs)
        self.keep_going = keep_going  # False for --batch: one pass over the queue, then exit
        self.lost_database = False  # since the last pass: a job it was running then ended for that reason

    def run(self) -> None:
        while self.running:
            heartbeat_beat()
            try:
                jobs_fail_orphans(lost_database=self.lost_database)  # jobs of a killed worker, or cut off
                self.lost_database = False
                super().run()
            # Any database error here is the queue's own bookkeeping failing (a job's are kept on its row): a lost
            # connection raises OperationalError, InterfaceError, or, mid-protocol, a plain DatabaseError.
            except (DatabaseError, InterfaceError) as error:
                self.lost_database = True
                logger.warning("Database unavailable (%s); the worker retries in %s s", error, self.interval)
                for connection in connections.all():
                    with suppress(DatabaseError, InterfaceError):  # closing a broken connection may fail too
                        connection.close()
            else:
                done = self.max_tasks is not None and self._run_tasks >= self.max_tasks
                if done or not self.keep_going:
                    return
            close_old_connections()
            time.sleep(self.interval)

    def run_task(self, db_task_result) -> None:
        heartbeat_beat()
        super().run_task(db_task_result)
        heartbeat_beat()


class Command(DbWorkerCommand):
    help = "Run background jobs (imports, tagging, reports, mail), surviving a locked or restarting database."

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, **options):
        self.configure_logging(verbosity)
        worker = ResilientWorker(
            keep_going=not batch, queue_names=queue_name.split(","), interval=interval,
            # Each pass drains the queue and returns; the loop above waits `interval` between passes.
            batch=True, backend_name=backend_name, startup_delay=False, max_tasks=max_tasks, worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [])
        worker.configure_signals()
        worker.run()
