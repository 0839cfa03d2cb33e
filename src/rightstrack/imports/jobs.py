"""Job bodies of web imports, run by the jobs worker: check every row of an uploaded file (a dry run, nothing
written), then write the reviewed rows in one transaction. Each keeps the import's state on its StagedImport and
its progress on its job."""

from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.imports.formats import get_format
from rightstrack.imports.models import StagedImport, StagedRow
from rightstrack.imports.readers import UnusableInput
from rightstrack.imports.services import FileSource, import_run
from rightstrack.jobs.models import Job
from rightstrack.jobs.runner import JobFailed, Progress, job_body

State = StagedImport.State
COUNTS = {"created": gettext_lazy("created %(n)s"), "updated": gettext_lazy("updated %(n)s"),
          "unchanged": gettext_lazy("unchanged %(n)s"), "rejected": gettext_lazy("rejected %(n)s")}


def _summary(job: Job) -> str:
    return ", ".join(str(label) % {"n": job.result[key]} for key, label in COUNTS.items()
                     if isinstance(job.result.get(key), int))


def _finish(staged: StagedImport, state: str, message: str = "", counts: dict | None = None, **extra) -> None:
    values = {"state": state, "message": message, **extra}
    if counts is not None:
        values["counts"] = counts
    StagedImport.objects.filter(pk=staged.pk).update(**values)


def _failing(body):
    """A body whose import fails with the job: an unreadable file fails the job with its reason; anything else
    also marks the import failed (the page must say so instead of spinning), then reaches the worker's log."""
    def run(job: Job, progress: Progress) -> dict:
        staged = StagedImport.objects.select_related("created_by").get(pk=job.object_id)
        try:
            return body(staged, job, progress)
        except UnusableInput as error:
            _finish(staged, State.FAILED, str(error))
            raise JobFailed(str(error)) from error
        except Exception as error:
            _finish(staged, State.FAILED, f"Unexpected error: {error}"[:2000])
            raise
    run.__doc__ = body.__doc__
    return run


class _RecordingSource(FileSource):
    """A file source that also keeps each row's record and first-pass problems as StagedRows."""

    def __init__(self, staged: StagedImport):
        super().__init__(Path(staged.file.path), staged.format, staged.mapping or None)
        self.staged, self.recorded = staged, False

    def rows(self):
        if self.recorded:
            yield from super().rows()
            return
        batch = []
        for number, record, problems in super().rows():
            batch.append(StagedRow(staged_import=self.staged, number=number, record=record,
                                   errors=[list(p) for p in problems]))
            if len(batch) >= 1000:
                StagedRow.objects.bulk_create(batch)
                batch = []
            yield number, record, problems
        StagedRow.objects.bulk_create(batch)
        self.recorded = True


def _review(job: Job) -> tuple[str, str] | None:
    staged = job.object
    if staged is None:
        return None
    return staged.get_absolute_url(), _("Imported rows") if staged.state == State.COMMITTED else _("Review")


def _orphaned(job: Job, error: str) -> None:
    """The worker died during the check or the write: the import says so (the write's transaction never committed)."""
    StagedImport.objects.filter(pk=job.object_id).update(state=State.FAILED, message=error)


@job_body(Job.Kind.IMPORT_STAGE, summary=_summary, link=_review, orphaned=_orphaned)
@_failing
def stage(staged: StagedImport, job: Job, progress: Progress) -> dict:
    """Read and check every row, and work out what a commit would do (a dry run; nothing written)."""
    StagedImport.objects.filter(pk=staged.pk).update(state=State.STAGING)
    staged.rows.all().delete()
    problems: dict[int, list] = {}
    by_action: dict[str, list[int]] = {}

    def keep_problem(problem) -> None:
        problems.setdefault(problem.row, []).append([problem.column, problem.reason])

    def keep_actions(actions: dict[int, str]) -> None:
        for number, action in actions.items():
            by_action.setdefault(action, []).append(number)

    # A dry run rolls its transaction back, so the rows' outcomes are kept here and stored afterwards.
    result = import_run(source=_RecordingSource(staged), actor=staged.created_by, dry_run=True, partial=True,
                        progress=progress.fraction, on_problem=keep_problem, on_actions=keep_actions)
    for number, found in problems.items():
        StagedRow.objects.filter(staged_import=staged, number=number).update(errors=found, action="rejected")
    for action, numbers in by_action.items():
        for start in range(0, len(numbers), 900):
            StagedRow.objects.filter(staged_import=staged, number__in=numbers[start:start + 900]).update(
                action=action)
    counts = {"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
              "rejected": result.rejected, "ignored_columns": result.ignored_columns,
              "unknown_labels": result.unknown_labels}
    _finish(staged, State.STAGED, counts=counts)
    return counts


class _StagedSource:
    """The staged rows of an import, read back for the commit."""

    def __init__(self, staged: StagedImport):
        self.staged = staged
        self.kind = get_format(staged.format, staged.mapping or None).target
        self.mapping = staged.mapping
        self.total = max(staged.rows.count(), 1)
        self._done = 0

    def rows(self) -> Iterator[tuple[int, dict, list]]:
        self._done = 0
        for row in self.staged.rows.order_by("number").iterator(chunk_size=2000):
            self._done += 1
            # A row rejected at review stays rejected: the commit writes what the coordinator saw.
            yield row.number, row.record, [tuple(problem) for problem in row.errors]

    def column_of(self, name: str) -> str:
        return next((h for h, f in self.mapping.items() if f == name), name)

    def fraction(self) -> float:
        return self._done / self.total


@job_body(Job.Kind.IMPORT_WRITE, summary=_summary, link=_review, orphaned=_orphaned)
@_failing
def write(staged: StagedImport, job: Job, progress: Progress) -> dict:
    """Write the staged rows in one transaction (all or nothing unless the coordinator chose partial), as the
    coordinator who started the job."""
    if job.owner is None:  # the account was deleted meanwhile; no one to write as
        raise JobFailed(_("The person who started this import no longer has an account."))
    result = import_run(source=_StagedSource(staged), actor=job.owner, partial=staged.partial,
                        reason=f"import: {staged.original_name}", progress=progress.fraction)
    counts = {"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
              "rejected": result.rejected, "ignored_columns": staged.counts.get("ignored_columns", [])}
    if not result.written:
        first = "; ".join(_("row %(row)s: %(reason)s") % {"row": p.row, "reason": p.reason}
                          for p in islice(result.problems, 3))
        _finish(staged, State.STAGED, _("Nothing was written: the data changed since the review (%(problems)s).")
                % {"problems": first}, counts)
        return counts
    _finish(staged, State.COMMITTED, counts=counts, committed_at=timezone.now())
    return counts
