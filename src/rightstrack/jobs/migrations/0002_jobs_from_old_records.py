# One job record: the rows of search.Job and reports.ReportJob (now reports.Report) become jobs.Job rows, and
# each web import gets the job that last ran on it (its progress was a field of its own). The old fields and
# model are dropped by reports/0004, search/0007 and imports/0002.

from django.db import migrations

IMPORT_STATES = {"queued": "queued", "staging": "running", "committing": "running", "staged": "done",
                 "committed": "done", "failed": "failed"}


def _create(Job, created_at, **fields):
    job = Job.objects.create(**fields)
    Job.objects.filter(pk=job.pk).update(created_at=created_at)  # auto_now_add set it to now


def forwards(apps, schema_editor):
    Job = apps.get_model("jobs", "Job")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old in apps.get_model("search", "Job").objects.order_by("pk"):
        params = dict(old.params)
        result = params.pop("result", None) or {}
        failed = old.status == "failed"
        if old.status == "done":
            result = {**result, "summary": old.message}
        _create(Job, old.created_at, kind=old.kind, state=old.status, params=params, result=result,
                error=old.message if failed else "", done=old.done, total=old.total,
                step="" if old.status in ("done", "failed") else old.message[:200],
                owner_id=old.created_by_id, finished_at=old.finished_at)
    Report = apps.get_model("reports", "Report")
    if Report.objects.exists():
        report_type, _ = ContentType.objects.get_or_create(app_label="reports", model="report")
    for old in Report.objects.order_by("pk"):
        _create(Job, old.created_at, kind="report", state=old.state, error=old.error, done=old.done_steps,
                total=old.total_steps, step=old.step_label, owner_id=old.requested_by_id,
                result={"file_name": old.file_name} if old.state == "done" else {},
                object_type=report_type, object_id=old.pk, finished_at=old.finished_at)
    StagedImport = apps.get_model("imports", "StagedImport")
    if StagedImport.objects.exclude(state="mapping").exists():
        import_type, _ = ContentType.objects.get_or_create(app_label="imports", model="stagedimport")
    for old in StagedImport.objects.exclude(state="mapping").order_by("pk"):
        writing = old.state in ("committing", "committed")
        counts = old.counts if old.state in ("staged", "committed") else {}
        _create(Job, old.created_at, kind="import-write" if writing else "import-stage",
                state=IMPORT_STATES.get(old.state, "queued"), result=counts,
                error=old.message if old.state == "failed" else "", done=round(1000 * old.progress), total=1000,
                owner_id=old.created_by_id, object_type=import_type, object_id=old.pk,
                finished_at=old.committed_at)


class Migration(migrations.Migration):

    dependencies = [
        ("jobs", "0001_initial"),
        ("search", "0006_trained_models"),
        ("reports", "0003_report_from_report_job"),
        ("imports", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
