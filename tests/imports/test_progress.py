"""A web import's progress is its job's: written where the pages see it at once, also from inside the write's
own transaction (on its row through a second connection on PostgreSQL, in the `jobs` cache on SQLite)."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection, transaction

from rightstrack.imports.models import StagedImport
from rightstrack.jobs.models import Job
from rightstrack.jobs.runner import Progress, job_run
from rightstrack.jobs.services import job_enqueue
from tests.imports.conftest import csv_bytes, uhri_row
from tests.imports.factories import staged_import


def _committed_job(world) -> Job:
    staged = staged_import(world, StagedImport.State.COMMITTING)
    return staged.job


@pytest.mark.django_db(transaction=True)  # the job row must be committed, as the worker finds it
def test_progress_reported_inside_the_jobs_own_transaction_is_seen_outside_it(world):
    job = _committed_job(world)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    progress = Progress(job)
    # PostgreSQL: a second connection writes the row. SQLite: the transaction holds the one write lock, so the
    # figures wait in the `jobs` cache, where a running job read from the database takes them.
    with transaction.atomic():  # what the write pass does: one transaction for every row
        progress.fraction(0.75)
        transaction.set_rollback(True)  # whatever this transaction wrote is gone
    assert (Job.objects.get(pk=job.pk).done, Job.objects.get(pk=job.pk).percent) == (750, 75)

    progress(1000, 1000)  # after the transaction: on the row, and the cache gives way
    Job.objects.filter(pk=job.pk).update(done=999)  # what the row says wins now
    assert Job.objects.get(pk=job.pk).done == 999
    progress.close()


@pytest.mark.django_db(transaction=True)
def test_progress_kept_in_the_cache_ends_with_the_job(world):
    job = _committed_job(world)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    progress = Progress(job)
    with transaction.atomic():
        progress.fraction(0.5)
        transaction.set_rollback(True)
    progress.close()  # the job ended (it failed and its transaction rolled back, or it is done)
    expected = 500 if connection.vendor == "postgresql" else 0  # the row never had the SQLite figures
    assert Job.objects.get(pk=job.pk).done == expected


@pytest.mark.django_db
def test_progress_outside_a_transaction_is_written_on_the_jobs_row(world):
    job = _committed_job(world)
    Progress(job)(3, 4, "checking")
    assert Job.objects.values_list("done", "total", "step").get(pk=job.pk) == (3, 4, "checking")


@pytest.mark.django_db
def test_the_check_job_keeps_counts_on_the_import_and_its_job(world, terms):
    staged = StagedImport(original_name="uhri.csv", format="uhri", created_by=world.users["coordinator"])
    staged.file.save("uhri.csv", ContentFile(csv_bytes([uhri_row(1), uhri_row(2, Themes="- Unknown theme")])))
    job = job_enqueue(kind=Job.Kind.IMPORT_STAGE, owner=staged.created_by, obj=staged)
    assert job_run(job_id=job.pk) == "done"
    staged.refresh_from_db()
    job.refresh_from_db()
    assert staged.state == "staged" and (staged.counts["created"], staged.counts["rejected"]) == (1, 1)
    assert (job.result["created"], job.result["rejected"], job.percent, job.done) == (1, 1, 100, 1000)


@pytest.mark.django_db
def test_an_unreadable_file_fails_the_import_and_its_job_with_the_reason(world):
    staged = staged_import(world, StagedImport.State.QUEUED)
    staged.file.save("list.csv", ContentFile(b"\x00" * 10))
    assert job_run(job_id=staged.job.pk) == "failed"
    staged.refresh_from_db()
    assert staged.state == "failed" and staged.message and staged.job.error == staged.message
