"""The one state machine every job goes through, and the way jobs are queued."""

import ast
from pathlib import Path

import pytest
from django.utils import translation

from rightstrack.imports import values
from rightstrack.jobs import runner
from rightstrack.jobs.models import Job
from rightstrack.jobs.runner import JobFailed, job_body, job_run
from rightstrack.jobs.services import job_enqueue
from tests.factories import make_user

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[2] / "src" / "rightstrack"


@pytest.fixture
def kinds(monkeypatch):
    """Job bodies registered for one test (the real registry is left as it was)."""
    monkeypatch.setattr(runner, "BODIES", dict(runner.BODIES))
    return runner.BODIES


def test_a_job_runs_once_reports_progress_and_keeps_its_result(kinds):
    calls = []

    @job_body(Job.Kind.REINDEX)
    def body(job, progress):
        calls.append(job.pk)
        progress(2, 5, "halfway")
        assert Job.objects.values_list("state", "done", "total", "step").get(pk=job.pk) == ("running", 2, 5,
                                                                                           "halfway")
        return {"documents": 5}

    job = job_enqueue(kind=Job.Kind.REINDEX)
    assert job_run(job_id=job.pk) == "done" and job_run(job_id=job.pk) == "done"  # a second run is a no-op
    job.refresh_from_db()
    assert calls == [job.pk] and job.result == {"documents": 5} and job.percent == 100
    assert job.started_at <= job.finished_at and job.step == ""


def test_an_expected_failure_is_kept_without_a_traceback(kinds):
    @job_body(Job.Kind.REINDEX)
    def body(job, progress):
        raise JobFailed("The file is not a workbook.")

    job = job_enqueue(kind=Job.Kind.REINDEX)
    assert job_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert (job.state, job.error) == ("failed", "The file is not a workbook.") and job.finished_at


def test_an_unexpected_failure_is_kept_and_raised_for_the_workers_log(kinds):
    @job_body(Job.Kind.REINDEX)
    def body(job, progress):
        raise KeyError("taxonomy")

    job = job_enqueue(kind=Job.Kind.REINDEX)
    with pytest.raises(KeyError):
        job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.state, job.error) == ("failed", "KeyError: 'taxonomy'")


@pytest.mark.parametrize("language,word", [("ru", "не дата"), ("kk", "күн емес"), ("en", "not a date")])
def test_a_body_writes_in_the_language_of_the_page_that_queued_it(kinds, language, word):
    """An import's rejected rows are staged by the worker, which has no request: they once stayed English on a
    Russian coordinator's page. The page's language counts, not the one saved on the account."""
    @job_body(Job.Kind.REINDEX)
    def body(job, progress):
        raise JobFailed(values._not_a_date("soon"))

    owner = make_user("owner", "coordinator")  # saved language: English
    with translation.override(language):
        job = job_enqueue(kind=Job.Kind.REINDEX, owner=owner)
    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.error.startswith(word)


def test_every_kind_has_a_body():
    assert set(runner.BODIES) == set(Job.Kind.values)


def test_a_job_is_queued_only_when_its_transaction_commits(django_capture_on_commit_callbacks):
    owner = make_user("c", "coordinator")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = job_enqueue(kind=Job.Kind.REINDEX, owner=owner)
    assert len(callbacks) == 1 and (job.state, job.owner, job.object) == ("queued", owner, None)


@pytest.mark.parametrize("app", ["imports", "reports", "search", "tagreview", "jobs"])
def test_services_and_job_bodies_never_import_a_task_module_and_never_import_inside_a_function(app):
    """Data flows one way: services queue jobs through jobs.services; only the task module calls job bodies."""
    for name in ("services.py", "staging.py", "jobs.py", "runner.py"):
        path = SRC / app / name
        if not path.exists():
            continue
        tree = ast.parse(path.read_text())
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not {module for module in imported if module and module.endswith(".tasks")} - (
            {"rightstrack.jobs.tasks"} if (app, name) == ("jobs", "services.py") else set()), path
        nested = [node for function in ast.walk(tree) if isinstance(function, ast.FunctionDef)
                  for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))]
        assert not nested, path
