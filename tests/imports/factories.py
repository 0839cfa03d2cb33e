"""Staged imports in a given state (with their job while one runs), for route and review tests."""

from django.core.files.base import ContentFile

from rightstrack.imports.models import StagedImport, StagedRow
from rightstrack.jobs.models import Job
from rightstrack.jobs.services import job_enqueue


def staged_import(world, state: str = StagedImport.State.STAGED, rejected: int = 0,
                  unknown_labels: list | None = None) -> StagedImport:
    staged = StagedImport(original_name="list.csv", format="tabular", state=state, headers=["Текст", "Документ"],
                          mapping={"Текст": "text", "Документ": "document"} if state != "mapping" else {},
                          counts={"created": 1, "updated": 0, "unchanged": 0, "rejected": rejected,
                                  "unknown_labels": unknown_labels or []},
                          created_by=world.users["coordinator"])
    staged.file.save("list.csv", ContentFile("Текст,Документ\nAbolish,A/HRC/1\n".encode()), save=False)
    staged.save()
    StagedRow.objects.create(staged_import=staged, number=2, record={"text": "Abolish", "document": "A/HRC/1"},
                             action="created")
    if staged.is_running:  # a running import has its queued job
        job_enqueue(kind=Job.Kind.IMPORT_WRITE if state == StagedImport.State.COMMITTING else Job.Kind.IMPORT_STAGE,
                    owner=staged.created_by, obj=staged)
    return staged
