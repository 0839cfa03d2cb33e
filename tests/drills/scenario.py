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


STEPS = {"world": world, "stage": stage, "commit": commit, "retry": retry}

if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(STEPS[sys.argv[1]](*sys.argv[2:])))
