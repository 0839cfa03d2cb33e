"""Imports from the web: upload, map columns, queue the check of every row (nothing written), review, queue the
write.

Checking and writing run as jobs (`imports.jobs`), each with its progress on its `jobs.Job`. Writing re-checks
the staged rows against the database as it is then, in one transaction.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.accounts.permissions import is_manager, require
from rightstrack.imports.formats import get_format, guess_format
from rightstrack.imports.models import StagedImport
from rightstrack.imports.pdf.source import open_table
from rightstrack.imports.readers import MAX_BYTES, UnusableInput
from rightstrack.jobs.models import Job
from rightstrack.jobs.services import job_enqueue
from rightstrack.recommendations.interchange import MEASURE_FIELDS, RECOMMENDATION_FIELDS
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
                job_enqueue(kind=Job.Kind.IMPORT_STAGE, owner=actor, obj=staged)
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
    return _restage(staged, actor, "mapping")


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
    return _restage(staged, actor)


@transaction.atomic
def staged_import_retry(*, actor, staged: StagedImport) -> StagedImport:
    """Check a failed import's rows again (its worker was killed, or a check or write failed): the coordinator
    reviews the new result and imports it as any other."""
    require(is_manager(actor))
    if staged.state != State.FAILED:
        raise ValidationError(_("Only a failed import can be started again."))
    return _restage(staged, actor)


def _restage(staged: StagedImport, actor, *fields: str) -> StagedImport:
    """Forget the staged rows and queue the staging job again (after a new mapping, or new aliases)."""
    staged.state, staged.message = State.QUEUED, ""
    staged.save(update_fields=[*fields, "state", "message"])
    staged.rows.all().delete()
    job_enqueue(kind=Job.Kind.IMPORT_STAGE, owner=actor, obj=staged)
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
    staged.state, staged.partial, staged.message = State.COMMITTING, partial, ""
    staged.save(update_fields=["state", "partial", "message"])
    job_enqueue(kind=Job.Kind.IMPORT_WRITE, owner=actor, obj=staged)
    return staged
