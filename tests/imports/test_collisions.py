"""A row that would take a (document, paragraph) held by another recommendation is a rejected row, never a
database error: against the database, inside one file, on the command line and in the web import."""

import csv

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command, load_command_class
from django.urls import reverse

from rightstrack.imports.models import StagedImport
from rightstrack.imports.services import import_file
from rightstrack.imports.targets.recommendations import RecommendationTarget
from rightstrack.recommendations.models import Recommendation
from tests.factories import PASSWORD
from tests.imports.conftest import csv_bytes
from tests.snapshot import database_fingerprint

HEADERS = ["document", "mechanism", "paragraph", "external_id", "text"]
DOC = "A/HRC/28/10"  # the world's document: ¶124.1 and ¶124.2 exist, without annotation ids


def _row(paragraph: str, external_id: str, text: str, document: str = DOC) -> dict:
    return {"document": document, "mechanism": "UPR", "paragraph": paragraph, "external_id": external_id,
            "text": text}


def _file(tmp_path, rows, name="rows.csv"):
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows, headers=HEADERS))
    return path


@pytest.fixture
def holder(world):
    """An existing recommendation with an annotation id, at ¶95.1."""
    return Recommendation.objects.create(source_document=world.document, paragraph="95.1", external_id="held-id",
                                         text="Ensure the independence of the judiciary")


# rows 2..4 of the file: a good row, then two rows that would take ¶95.1 from the holder
COLLIDING = [_row("95.9", "new-1", "Strengthen the national human rights institution"),
             _row("95.1", "new-2", "Ratify the Convention on enforced disappearance"),
             _row("95.1", "", "Invite the special rapporteur on torture")]


def test_a_paragraph_held_in_the_database_rejects_the_row_and_writes_nothing(tmp_path, holder):
    before = database_fingerprint()
    result = import_file(path=_file(tmp_path, COLLIDING), actor=None, format_name="tabular")
    assert result.summary_line() == "created=0 updated=0 unchanged=0 rejected=2" and not result.written
    assert [(p.row, p.column) for p in result.problems] == [(3, "paragraph"), (4, "paragraph")]
    assert all(p.reason == "paragraph 95.1 of A/HRC/28/10 already belongs to another recommendation "
                           "(annotation id held-id)" for p in result.problems)
    assert database_fingerprint() == before


def test_partial_writes_the_other_rows_and_leaves_the_holder_alone(tmp_path, holder):
    result = import_file(path=_file(tmp_path, COLLIDING), actor=None, format_name="tabular", partial=True)
    assert result.summary_line() == "created=1 updated=0 unchanged=0 rejected=2" and result.written
    assert Recommendation.objects.get(external_id="new-1").paragraph == "95.9"
    assert not Recommendation.objects.filter(external_id="new-2").exists()
    holder.refresh_from_db()
    assert holder.external_id == "held-id" and holder.text == "Ensure the independence of the judiciary"
    assert Recommendation.objects.filter(source_document=holder.source_document, paragraph="95.1").count() == 1


def test_the_holders_own_row_and_an_unkeyed_paragraph_are_not_collisions(tmp_path, holder, world):
    rows = [_row("95.1", "held-id", "Ensure the independence of judges"),  # its own record: an update
            _row("124.1", "new-3", world.recommendation.text)]  # adopts the id-less record at ¶124.1
    result = import_file(path=_file(tmp_path, rows), actor=None, format_name="tabular")
    assert result.summary_line() == "created=0 updated=2 unchanged=0 rejected=0"
    world.recommendation.refresh_from_db()
    assert world.recommendation.external_id == "new-3"


def test_a_record_moved_onto_a_taken_paragraph_is_rejected(tmp_path, holder, world):
    before = database_fingerprint()
    result = import_file(path=_file(tmp_path, [_row("124.1", "held-id", "Moved")]), actor=None,
                         format_name="tabular")
    assert result.rejected == 1 and database_fingerprint() == before
    assert result.problems[0].reason == ("paragraph 124.1 of A/HRC/28/10 already belongs to another recommendation "
                                         f"(no annotation id, record #{world.recommendation.pk})")


# rows 2..5: two rows with different keys take ¶5 of a new document, a third (no id) too, and one row is fine
IN_FILE = [_row("5", "x-1", "Adopt a law on equality", "A/HRC/50/1"),
           _row("5", "x-2", "Adopt a law on non-discrimination", "A/HRC/50/1"),
           _row("6", "x-3", "Create an ombudsman for children", "A/HRC/50/1"),
           _row("5", "", "Adopt a law against hate speech", "A/HRC/50/1")]


def test_two_rows_of_one_file_on_one_paragraph_reject_the_later_and_write_nothing(tmp_path, db):
    before = database_fingerprint()
    result = import_file(path=_file(tmp_path, IN_FILE), actor=None, format_name="tabular")
    assert result.summary_line() == "created=0 updated=0 unchanged=0 rejected=2" and not result.written
    assert [(p.row, p.column) for p in result.problems] == [(3, "paragraph"), (5, "paragraph")]
    assert result.problems[0].reason == ("paragraph 5 of A/HRC/50/1 already belongs to row 2, which is another "
                                         "recommendation")
    assert database_fingerprint() == before


def test_in_file_collision_with_partial_keeps_the_first_row(tmp_path, db):
    result = import_file(path=_file(tmp_path, IN_FILE), actor=None, format_name="tabular", partial=True)
    assert result.summary_line() == "created=2 updated=0 unchanged=0 rejected=2"
    stored = dict(Recommendation.objects.filter(source_document__symbol="A/HRC/50/1")
                  .values_list("paragraph", "external_id"))
    assert stored == {"5": "x-1", "6": "x-3"}


def test_collisions_across_batches_are_found(tmp_path, holder, monkeypatch):
    monkeypatch.setattr("rightstrack.imports.services.BATCH", 2)
    rows = [_row(f"7.{n}", f"b-{n}", f"Recommendation {n}") for n in range(5)] + [_row("7.1", "b-9", "Late")]
    result = import_file(path=_file(tmp_path, rows + COLLIDING[1:]), actor=None, format_name="tabular",
                         partial=True)
    assert result.summary_line() == "created=5 updated=0 unchanged=0 rejected=3"
    assert sorted(p.row for p in result.problems) == [7, 8, 9]


# the command line ---------------------------------------------------------------------------------------------

@pytest.fixture
def run(monkeypatch, capsys):
    # run_from_argv closes every connection when it ends, which would end the test's transaction on PostgreSQL.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)

    def run(*args) -> tuple[int, str, str]:
        try:
            load_command_class("rightstrack.imports", "import").run_from_argv(
                ["rightstrack", "import", *map(str, args)])
            code = 0
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err
    return run


def test_cli_reports_the_collision_in_the_error_report(tmp_path, holder, run):
    path, report = _file(tmp_path, COLLIDING), tmp_path / "errors.csv"
    before = database_fingerprint()
    code, out, err = run(path, "--format", "tabular", "--errors", report)
    assert code == 1 and "Traceback" not in out + err and database_fingerprint() == before
    assert out.strip().splitlines()[-1] == "created=0 updated=0 unchanged=0 rejected=2"
    rows = list(csv.DictReader(report.open(encoding="utf-8-sig")))
    assert [(r["row"], r["column"]) for r in rows] == [("3", "paragraph"), ("4", "paragraph")]
    assert "already belongs to another recommendation (annotation id held-id)" in rows[0]["reason"]
    code, out, _ = run(path, "--format", "tabular", "--partial", "--errors", report)
    assert code == 1 and out.strip().splitlines()[-1] == "created=1 updated=0 unchanged=0 rejected=2"


def test_a_constraint_the_checks_miss_rolls_back_and_exits_2_with_one_line(tmp_path, holder, run, monkeypatch):
    # Switch the check off to reach the last line of defence: the database refuses the row while writing.
    monkeypatch.setattr(RecommendationTarget, "conflicts", lambda self, rows: {})
    before = database_fingerprint()
    code, out, err = run(_file(tmp_path, COLLIDING[:2]), "--format", "tabular")
    assert code == 2 and "Traceback" not in out + err and len(err.strip().splitlines()) == 1
    assert "nothing was written: the database refused a row" in err
    assert database_fingerprint() == before


# the web import -----------------------------------------------------------------------------------------------

def _work():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_web_import_shows_the_collision_and_rechecks_at_commit(client, world):
    Recommendation.objects.create(source_document=world.document, paragraph="95.1", external_id="held-id",
                                  text="Ensure the independence of the judiciary")
    client.login(username="coord", password=PASSWORD)
    client.post(reverse("imports:import_create"),
                {"file": SimpleUploadedFile("r.csv", csv_bytes(COLLIDING[:2], headers=HEADERS)), "format": "tabular"})
    _work()
    staged = StagedImport.objects.latest("pk")
    assert staged.state == "staged" and staged.counts["rejected"] == 1 and staged.counts["created"] == 1
    row = staged.rows.get(number=3)
    assert row.action == "rejected" and "already belongs to another recommendation" in row.errors[0][1]
    # Between review and commit another recommendation takes ¶95.9: the commit re-checks, and rejects row 2 too.
    Recommendation.objects.create(source_document=world.document, paragraph="95.9", external_id="meanwhile",
                                  text="Taken meanwhile")
    client.post(reverse("imports:import_commit", args=[staged.pk]), {"partial": "on"})
    _work()
    staged.refresh_from_db()
    assert staged.state == "committed" and staged.counts["created"] == 0 and staged.counts["rejected"] == 2
    assert not Recommendation.objects.filter(external_id__in=["new-1", "new-2"]).exists()


@pytest.mark.django_db(transaction=True)
def test_web_commit_refused_by_the_database_fails_with_a_message(client, world, monkeypatch):
    client.login(username="coord", password=PASSWORD)
    client.post(reverse("imports:import_create"),
                {"file": SimpleUploadedFile("r.csv", csv_bytes(COLLIDING[:1], headers=HEADERS)), "format": "tabular"})
    _work()
    staged = StagedImport.objects.latest("pk")
    assert staged.state == "staged" and staged.counts["created"] == 1
    Recommendation.objects.create(source_document=world.document, paragraph="95.9", external_id="meanwhile",
                                  text="Taken meanwhile")
    _work()  # the new record's search indexing
    monkeypatch.setattr(RecommendationTarget, "conflicts", lambda self, rows: {})  # reach the last defence
    def records():  # everything but the import's own rows and its jobs
        return {k: v for k, v in database_fingerprint().items() if not k.startswith(("imports.", "jobs."))}

    before = records()
    client.post(reverse("imports:import_commit", args=[staged.pk]), {})
    _work()
    staged.refresh_from_db()
    assert staged.state == "failed" and staged.message.startswith("nothing was written: the database refused a row")
    assert not Recommendation.objects.filter(external_id="new-1").exists()
    assert records() == before
