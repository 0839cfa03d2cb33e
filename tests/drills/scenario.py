"""Steps of the fault drills, run inside the app's own process against the drill's database:
`python -m tests.drills.scenario STEP [ARG]` prints the step's result as JSON (see tests/drills/site.py)."""

import json
import sys


def world() -> dict:
    """The test world's users and records, and the terms a UHRI file's rows name."""
    from rightstrack.taxonomy.models import Term, Vocabulary
    from tests.factories import build_world

    build_world()
    Term.objects.get_or_create(vocabulary=Vocabulary.THEME, code="Death penalty", name="Death penalty")
    for code in ("Children", "Women"):
        Term.objects.get_or_create(vocabulary=Vocabulary.GROUP, code=code, name=code)
    goal = Term.objects.get_or_create(vocabulary=Vocabulary.SDG_GOAL, code="16", name="Peace, justice")[0]
    Term.objects.get_or_create(vocabulary=Vocabulary.SDG_TARGET, code="16.3", name="Rule of law", parent=goal)
    return {}


def uhri_csv(rows: int) -> bytes:
    from tests.imports.conftest import csv_bytes, uhri_row

    # Several documents, so the write creates documents, recommendations and their tags in every batch.
    return csv_bytes([uhri_row(n, **{"Document Symbol": f"A/HRC/DRILL/{n % 7}"}) for n in range(1, rows + 1)])


def stage(rows: str) -> dict:
    """Upload a UHRI file of `rows` rows as the coordinator and check it here (not in a worker); returns the
    import's id."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rightstrack.accounts.models import User
    from rightstrack.imports.staging import staged_import_create
    from rightstrack.jobs.runner import job_run

    staged = staged_import_create(actor=User.objects.get(username="coord"),
                                  upload=SimpleUploadedFile("drill.csv", uhri_csv(int(rows))))
    job_run(job_id=staged.jobs.get().pk)
    staged.refresh_from_db()
    return {"staged": staged.pk, "state": staged.state, "counts": staged.counts}


def commit(staged_id: str) -> dict:
    """Queue the write of a checked import, as the coordinator presses Import; returns the write job's id."""
    from rightstrack.accounts.models import User
    from rightstrack.imports.models import StagedImport
    from rightstrack.imports.staging import staged_import_commit

    staged = staged_import_commit(actor=User.objects.get(username="coord"),
                                  staged=StagedImport.objects.get(pk=staged_id))
    return {"job": staged.jobs.order_by("-pk").first().pk}


def retry(staged_id: str) -> dict:
    """Start a failed import again, as the coordinator presses "Check the rows again"."""
    from rightstrack.accounts.models import User
    from rightstrack.imports.models import StagedImport
    from rightstrack.imports.staging import staged_import_retry

    staged_import_retry(actor=User.objects.get(username="coord"), staged=StagedImport.objects.get(pk=staged_id))
    return {}


def report() -> dict:
    """Request a report on every UPR recommendation, as the coordinator does on "Build a report"."""
    from rightstrack.accounts.models import User
    from rightstrack.reports.services import report_job_request

    built = report_job_request(actor=User.objects.get(username="coord"), kind="mechanism", fmt="docx",
                               language="en", query="mechanism=UPR")
    return {"report": built.pk, "job": built.job.pk}


def download(report_id: str) -> dict:
    """What the coordinator gets from the report's page and from its Download link."""
    from django.test import Client
    from django.urls import reverse

    from rightstrack.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="coord"))
    url = reverse("reports:report_download", args=[report_id])
    page = client.get(reverse("reports:report_detail", args=[report_id]))
    response = client.get(url)
    return {"linked": url in page.content.decode(), "status": response.status_code,
            "bytes": len(b"".join(response)) if response.status_code == 200 else 0}


def tag(model_dir: str) -> dict:
    """Start bulk SDG tagging of every recommendation, as the coordinator does on the tag review page, with a small
    tagger trained into `model_dir` (once)."""
    from pathlib import Path

    from rightstrack.accounts.models import User
    from rightstrack.jobs.models import Job
    from rightstrack.tagreview.services import job_start
    from tests.tagreview.conftest import sdg_tagger

    if not Path(model_dir).exists():
        Path(model_dir).mkdir(parents=True)
        sdg_tagger(Path(model_dir))
    job = job_start(actor=User.objects.get(username="coord"), kind=Job.Kind.TAG,
                    params={"taxonomy": "sdg", "model_path": model_dir})
    return {"job": job.pk}


STEPS = {"world": world, "stage": stage, "commit": commit, "retry": retry, "report": report, "download": download,
         "tag": tag}

if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(STEPS[sys.argv[1]](*sys.argv[2:])))
