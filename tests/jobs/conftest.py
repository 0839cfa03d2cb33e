"""Jobs of each kind, for the jobs page and the jobs API."""

import pytest

from rightstrack.imports.models import StagedImport
from rightstrack.jobs.models import Job
from rightstrack.jobs.services import job_enqueue
from tests.reports.builds import build, report_queued


@pytest.fixture
def jobs(world, settings, tmp_path):
    """An import's finished check, a failed tagging job, and a report built for the viewer."""
    settings.REPORTS_DIR = tmp_path
    coordinator = world.users["coordinator"]
    staged = StagedImport.objects.create(original_name="uhri.csv", format="uhri", created_by=coordinator,
                                         state=StagedImport.State.STAGED)
    checked = job_enqueue(kind=Job.Kind.IMPORT_STAGE, owner=coordinator, obj=staged)
    Job.objects.filter(pk=checked.pk).update(state=Job.State.DONE, result={"created": 3, "updated": 1,
                                                                           "unchanged": 0, "rejected": 2})
    tagging = job_enqueue(kind=Job.Kind.TAG, owner=coordinator, params={"taxonomy": "sdg"})
    Job.objects.filter(pk=tagging.pk).update(state=Job.State.FAILED, error="Model not found")
    report = report_queued(world.users["viewer"], kind="mechanism", format="xlsx",
                           params={"query": "mechanism=UPR", "options": {}})
    assert build(report) == "done"
    report.refresh_from_db()
    return {"import": checked, "tag": tagging, "report": report}
