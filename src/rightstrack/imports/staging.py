"""Imports from the web: upload, map columns, stage (check every row, write nothing), review, commit.

Staging and committing run as background jobs (`imports.tasks`); each reports progress on its StagedImport.
Committing re-checks the staged rows against the database as it is then, in one transaction.
"""

from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.core.permissions import is_manager, require
from rightstrack.imports.formats import get_format, guess_format
from rightstrack.imports.models import StagedImport, StagedRow
from rightstrack.imports.pdf.source import open_table
from rightstrack.imports.progress import shared_progress_clear, shared_progress_set
from rightstrack.imports.readers import MAX_BYTES, UnusableInput
from rightstrack.imports.services import FileSource, import_run
from rightstrack.recommendations.interchange import (
    MEASURE_FIELDS,
    RECOMMENDATION_FIELDS,
)
from rightstrack.taxonomy.models import Term
from rightstrack.taxonomy.services import term_alias_create

State = StagedImport.State


def fields_for(format_name: str) -> list[str]:
    """The fields a mapping may point a column at."""
    return MEASURE_FIELDS if format_name == "plan" else RECOMMENDATION_FIELDS


def staged_import_create(*, actor, upload, format_name: str = "") -> StagedImport:
    """Keep the uploaded file; stage it now, or first ask for a column mapping (tabular and plan files).

    The file is stored and its header read before the transaction opens: on SQLite a transaction holds the
    database's one write lock, and a slow or hostile file must not stop every other writer meanwhile."""
    require(is_manager(actor))
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(limit)s MB; split it and upload the parts.")
                              % {"limit": MAX_BYTES // (1024 * 1024)})
    staged = StagedImport(original_name=Path(upload.name).name[:300], format=format_name or "", created_by=actor)
    staged.file.save(Path(upload.name).name, upload, save=False)
    try:
        table = open_table(Path(staged.file.path))  # a report PDF reads as a table of its recommendations
        headers = table.headers
        staged.format = format_name or getattr(table, "format_name", "") or guess_format(headers)
        get_format(staged.format)
    except UnusableInput as error:
        staged.file.delete(save=False)
        raise ValidationError(str(error)) from None
    staged.headers = headers
    needs_mapping = staged.format in {"tabular", "plan"} and not set(headers) >= {"text"} | (
        {"plan", "key"} if staged.format == "plan" else {"document"})
    staged.state = State.MAPPING if needs_mapping else State.QUEUED
    try:
        with transaction.atomic():
            staged.save()
            if not needs_mapping:
                _enqueue("stage", staged.pk)
    except BaseException:
        staged.file.delete(save=False)
        raise
    return staged


@transaction.atomic
def staged_import_map(*, actor, staged: StagedImport, mapping: dict[str, str]) -> StagedImport:
    """Record the coordinator's column mapping and queue the staging job."""
    require(is_manager(actor))
    if staged.state not in {State.MAPPING, State.STAGED, State.FAILED}:
        raise ValidationError(_("This import is busy or already imported."))
    mapping = {h: f for h, f in mapping.items() if f}
    try:
        get_format(staged.format, mapping).bind(staged.headers)
    except UnusableInput as error:
        raise ValidationError(str(error)) from None
    staged.mapping = mapping
    return _restage(staged, "mapping")


@transaction.atomic
def staged_import_map_labels(*, actor, staged: StagedImport, terms: dict[tuple[str, str], Term]) -> StagedImport:
    """Record the coordinator's choice of term for labels the file used that match none, as aliases every later
    import reads too (`term_alias_create`), and check the rows again. `terms` maps (vocabulary, label) to a term."""
    require(is_manager(actor))
    if staged.state != State.STAGED:
        raise ValidationError(_("Only a staged, reviewed import can have its labels mapped."))
    unknown = {(item["vocabulary"], item["label"]) for item in staged.counts.get("unknown_labels", [])}
    for (vocabulary, label), term in terms.items():
        if (vocabulary, label) not in unknown or term.vocabulary != vocabulary:
            raise ValidationError(_("%(label)r is not an unknown label of this file.") % {"label": label})
        term_alias_create(actor=actor, term=term, label=label)
    return _restage(staged)


def _restage(staged: StagedImport, *fields: str) -> StagedImport:
    """Forget the staged rows and queue the staging job again (after a new mapping, or new aliases)."""
    staged.state, staged.progress, staged.message = State.QUEUED, 0.0, ""
    staged.save(update_fields=[*fields, "state", "progress", "message"])
    staged.rows.all().delete()
    _enqueue("stage", staged.pk)
    return staged


@transaction.atomic
def staged_import_commit(*, actor, staged: StagedImport, partial: bool = False) -> StagedImport:
    """Queue the write of a reviewed import; refused while rows are rejected unless `partial`."""
    require(is_manager(actor))
    if staged.state != State.STAGED:
        raise ValidationError(_("Only a staged, reviewed import can be imported."))
    if staged.counts.get("rejected") and not partial:
        raise ValidationError(_("Some rows are rejected: fix the file and upload it again, or import the valid "
                                "rows only."))
    staged.state, staged.partial, staged.progress, staged.message = State.COMMITTING, partial, 0.0, ""
    staged.save(update_fields=["state", "partial", "progress", "message"])
    _enqueue("commit", staged.pk, actor.pk)
    return staged


def _enqueue(job: str, *args) -> None:
    from rightstrack.imports import tasks

    task = tasks.stage_import if job == "stage" else tasks.commit_import
    transaction.on_commit(lambda: task.enqueue(*args))


def _reporter(staged: StagedImport):
    def report(fraction: float) -> None:
        shared_progress_set(staged.pk, fraction)  # seen at once, also while the write's transaction is open
        StagedImport.objects.filter(pk=staged.pk).update(progress=round(fraction, 3))
    return report


def _finish(staged: StagedImport, state: str, message: str = "", counts: dict | None = None, **extra) -> None:
    values = {"state": state, "message": message, "progress": 1.0, **extra}
    if counts is not None:
        values["counts"] = counts
    StagedImport.objects.filter(pk=staged.pk).update(**values)
    shared_progress_clear(staged.pk)


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


def staged_import_stage(*, staged_id: int) -> None:
    """Job body: read and check every row, and work out what a commit would do (a dry run; nothing written)."""
    staged = StagedImport.objects.get(pk=staged_id)
    StagedImport.objects.filter(pk=staged.pk).update(state=State.STAGING, progress=0.0)
    shared_progress_clear(staged.pk)
    staged.rows.all().delete()
    problems: dict[int, list] = {}
    by_action: dict[str, list[int]] = {}

    def keep_problem(problem) -> None:
        problems.setdefault(problem.row, []).append([problem.column, problem.reason])

    def keep_actions(actions: dict[int, str]) -> None:
        for number, action in actions.items():
            by_action.setdefault(action, []).append(number)

    try:
        source = _RecordingSource(staged)
        # A dry run rolls its transaction back, so the rows' outcomes are kept here and stored afterwards.
        result = import_run(source=source, actor=staged.created_by, dry_run=True, partial=True,
                            progress=_reporter(staged), on_problem=keep_problem, on_actions=keep_actions)
    except UnusableInput as error:
        _finish(staged, State.FAILED, str(error))
        return
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


def staged_import_write(*, staged_id: int, actor) -> None:
    """Job body: write the staged rows in one transaction (all or nothing unless the coordinator chose partial)."""
    staged = StagedImport.objects.get(pk=staged_id)
    shared_progress_clear(staged.pk)
    try:
        result = import_run(source=_StagedSource(staged), actor=actor, partial=staged.partial,
                            reason=f"import: {staged.original_name}", progress=_reporter(staged))
    except UnusableInput as error:  # the database refused a row: the transaction rolled back
        _finish(staged, State.FAILED, str(error))
        return
    counts = {"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
              "rejected": result.rejected, "ignored_columns": staged.counts.get("ignored_columns", [])}
    if not result.written:
        first = "; ".join(_("row %(row)s: %(reason)s") % {"row": p.row, "reason": p.reason}
                          for p in islice(result.problems, 3))
        _finish(staged, State.STAGED, _("Nothing was written: the data changed since the review (%(problems)s).")
                % {"problems": first}, counts)
        return
    _finish(staged, State.COMMITTED, counts=counts, committed_at=timezone.now())
