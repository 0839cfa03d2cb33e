"""A report PDF through `rightstrack extract`, `rightstrack import` and the web import: the CLI contract, the exits
on bad input, and a staged import that fills in the document and changes nothing the second time."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command, load_command_class
from django.template.loader import render_to_string
from django.urls import reverse

import rightstrack
from rightstrack.imports.models import StagedImport, StagedRow
from rightstrack.recommendations.models import Country, Mechanism, Recommendation, SourceDocument
from tests.factories import PASSWORD

REPORT = Path(__file__).parent / "fixtures" / "kazakhstan2010_cut.pdf"
KEYS = ["paragraph", "text", "recommending_states", "response", "response_comment", "document_symbol", "session",
        "date"]


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    # run_from_argv closes every connection when it ends, which would end the test's transaction on PostgreSQL.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)


def _run(capsys, name, *args) -> tuple[int, str, str]:
    command = load_command_class("rightstrack.imports", name)
    try:
        command.run_from_argv(["rightstrack", name, *map(str, args)])
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_writes_one_json_object_per_recommendation(tmp_path, capsys):
    code, out, _ = _run(capsys, "extract", REPORT)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 6 and list(rows[0]) == KEYS
    assert rows[3] == {**rows[3], "paragraph": "95.3b", "recommending_states": ["Republic of Korea"],
                       "response": "supported", "document_symbol": "A/HRC/14/10", "session": "7",
                       "date": "2010-03-23"}
    assert not rows[0]["text"].endswith(")")
    output = tmp_path / "out.jsonl"
    code, out, err = _run(capsys, "extract", REPORT, "--output", output)
    assert code == 0 and out == "" and "6 recommendations from A/HRC/14/10" in err
    assert [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()] == rows


@pytest.mark.parametrize(("content", "reason"), [
    (b"paragraph,text\n1,x\n", "is not a PDF"),
    (b"%PDF-1.4\n garbage that is no PDF", "is not a readable PDF"),
    (None, "has no text layer"),
    ("cover", "has no section of conclusions and recommendations"),
])
def test_bad_input_ends_with_one_line_and_exit_2(tmp_path, capsys, content, reason):
    path = tmp_path / "report.pdf"
    if content is None or content == "cover":
        document = pdfium.PdfDocument.new()
        if content is None:
            document.new_page(595, 842)
        else:
            document.import_pages(pdfium.PdfDocument(str(REPORT)), [0])  # the cover only
        document.save(str(path))
    else:
        path.write_bytes(content)
    code, out, err = _run(capsys, "extract", path)
    assert code == 2 and reason in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err + out


def test_a_missing_file_exits_2(tmp_path, capsys):
    code, _, err = _run(capsys, "extract", tmp_path / "nothing.pdf")
    assert code == 2 and "cannot read" in err


# Extracts through the console script's entry point in a fresh interpreter, then lists what that loaded.
CONSOLE = (
    "import json, sys; from rightstrack.cli import main\n"
    "try:\n    main(['extract', *sys.argv[1:]])\nexcept SystemExit as exit_:\n    code = exit_.code\nelse:\n    code = 0\n"
    "from django.apps import apps\n"
    "heavy = ('numpy', 'scipy', 'rightstrack.recommendations.models')\n"
    "print(json.dumps({'code': code, 'apps_ready': apps.ready, 'loaded': [m for m in heavy if m in sys.modules]}),"
    " file=sys.stderr)"
)


def _console(*args) -> tuple[dict, str, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(Path(rightstrack.__file__).parents[1])}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the console script sets it, as in a shell
    done = subprocess.run([sys.executable, "-c", CONSOLE, *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)
    *err, last = done.stderr.strip().splitlines()
    return json.loads(last), done.stdout, err


def test_the_console_script_extracts_without_loading_the_apps(tmp_path):
    ran, out, err = _console(REPORT)
    assert ran == {"code": 0, "apps_ready": False, "loaded": []} and err == []
    assert [json.loads(line)["paragraph"] for line in out.splitlines()] == [
        "95.1", "95.2", "95.3a", "95.3b", "95.4", "95.5"]
    (tmp_path / "report.pdf").write_bytes(b"paragraph,text\n1,x\n")
    ran, out, err = _console(tmp_path / "report.pdf")
    assert ran["code"] == 2 and out == "" and err == ["CommandError: report.pdf is not a PDF"]


def test_import_fills_in_the_document_and_a_second_import_changes_nothing(db, capsys):
    code, out, _ = _run(capsys, "import", REPORT)
    assert code == 0 and out.strip().splitlines()[-1] == "created=6 updated=0 unchanged=0 rejected=0"
    document = SourceDocument.objects.get(symbol="A/HRC/14/10")
    assert (document.mechanism.code, str(document.date), document.session, document.cycle) == (
        "UPR", "2010-03-23", "7", 1)
    korea = Recommendation.objects.get(source_document=document, paragraph="95.3b")
    assert korea.response == "supported" and korea.language == "en"
    assert list(korea.recommending_states.values_list("name", flat=True)) == ["Republic of Korea"]
    code, out, _ = _run(capsys, "import", REPORT)
    assert code == 0 and out.strip().splitlines()[-1] == "created=0 updated=0 unchanged=6 rejected=0"


def _record_as_the_demo_does(paragraph: str, text: str, states: list[str]) -> Recommendation:
    """A recommendation of A/HRC/14/10 as `rightstrack demo` loads it: an annotation id, the States as printed."""
    document, _ = SourceDocument.objects.get_or_create(symbol="A/HRC/14/10", defaults={
        "mechanism": Mechanism.objects.get_or_create(code="UPR", defaults={"name": "UPR"})[0]})
    rec = Recommendation.objects.create(source_document=document, paragraph=paragraph, text=text, language="en",
                                        external_id=f"KAZ-UPR1-{paragraph}", response="supported")
    rec.recommending_states.set([Country.objects.get_or_create(name=name)[0] for name in states])
    return rec


def test_recommendations_recorded_under_annotation_ids_are_already_imported(db, capsys):
    """The demo's own records of the report (kazakhstan_demo/recommendations.csv): the report's 95.3a and 95.3b
    are its one 95.3, which keeps its text as the demo has it."""
    demo = [("95.1", "To accomplish human rights voluntary goals as established by Human Rights Council resolution "
             "9/12, including the ratification of the Convention on the Rights of Persons with Disabilities and the "
             "Optional Protocol thereto", ["Brazil"]),
            ("95.2", "To sign and ratify the Optional Protocol to the International Covenant on Economic, Social and "
             "Cultural Rights", ["Spain"]),
            ("95.3", "To consider ratifying the Convention on the Rights of Persons with Disabilities (Slovenia); "
             "ratify the Convention on the Rights of Persons with Disabilities", ["Slovenia", "Republic of Korea"])]
    records = [_record_as_the_demo_does(*one) for one in demo]
    code, out, _ = _run(capsys, "import", REPORT)
    assert code == 0 and out.strip().splitlines()[-1] == "created=2 updated=0 unchanged=3 rejected=0"
    assert Recommendation.objects.filter(source_document__symbol="A/HRC/14/10").count() == 5
    for rec in records:
        stored = Recommendation.objects.get(pk=rec.pk)
        assert (stored.text, stored.paragraph, stored.external_id) == (rec.text, rec.paragraph, rec.external_id)
    code, out, _ = _run(capsys, "import", REPORT)
    assert out.strip().splitlines()[-1] == "created=0 updated=0 unchanged=5 rejected=0"


def test_a_changed_record_under_an_annotation_id_is_no_match_and_its_paragraph_is_still_protected(db, capsys,
                                                                                                  tmp_path):
    _record_as_the_demo_does("95.2", "Abolish the death penalty", ["Spain"])
    report = tmp_path / REPORT.name  # a rejected row writes REPORT.errors.csv beside the file
    report.write_bytes(REPORT.read_bytes())
    _code, out, _ = _run(capsys, "import", report, "--dry-run")
    assert "rejected=1" in out and "already belongs to another recommendation (annotation id KAZ-UPR1-95.2)" in out


@pytest.mark.django_db(transaction=True)
def test_the_web_import_stages_the_extracted_recommendations_before_writing(client, world):
    client.login(username="coord", password=PASSWORD)
    response = client.post(reverse("imports:import_create"),
                           {"file": SimpleUploadedFile("A-HRC-14-10.pdf", REPORT.read_bytes()), "format": ""})
    assert response.status_code == 302
    staged = StagedImport.objects.latest("pk")
    assert staged.format == "upr-report" and staged.state == "queued"
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    staged.refresh_from_db()
    assert staged.state == "staged" and staged.counts["created"] == 6 and staged.counts["rejected"] == 0
    assert not SourceDocument.objects.filter(symbol="A/HRC/14/10").exists()  # nothing written before the commit
    page = client.get(staged.get_absolute_url()).content.decode()
    assert "Ratify the Convention on the Rights of Persons with Disabilities" in page and "95.3b" in page


def test_the_review_says_which_record_a_row_already_is():
    rows = [StagedRow(number=2, action="unchanged", record={"paragraph": "95.3", "text": "Ratify", "response": "noted",
                                                           "recommending_states": ["Chile"],
                                                           "external_id": "KAZ-UPR1-95.3"})]
    assert "Unchanged: already imported as KAZ-UPR1-95.3" in render_to_string("imports/report_rows.html",
                                                                              {"report_rows": rows})


def test_the_review_flags_a_recommendation_without_states():
    rows = [StagedRow(number=2, action="created", record={"paragraph": "92.2", "text": "Explain", "response": "noted",
                                                         "recommending_states": []})]
    page = render_to_string("imports/report_rows.html", {"report_rows": rows})
    assert "none found: check the report" in page and "Noted" in page


def test_concluding_observations_are_imported_under_their_treaty_body(db, capsys, tmp_path, monkeypatch):
    """The text layer of page 2 of CCPR/C/KGZ/CO/2 (fixtures/README.md) stands in for the PDF's."""
    page = (Path(__file__).parent / "fixtures" / "ccpr_kgz_co2_page_2.txt").read_text(encoding="utf-8")
    monkeypatch.setattr("rightstrack.imports.pdf.report.pdf_pages", lambda path: [page])
    path = tmp_path / "CCPR-C-KGZ-CO-2.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    code, out, _ = _run(capsys, "import", path)
    assert code == 0 and out.strip().splitlines()[-1] == "created=1 updated=0 unchanged=0 rejected=0"
    rec = Recommendation.objects.get(source_document__symbol="CCPR/C/KGZ/CO/2", paragraph="5")
    assert (rec.source_document.mechanism.code, rec.source_document.mechanism.kind) == ("CCPR", "treaty_body")
    assert rec.text.startswith("The State party should take appropriate measures") and rec.response == "pending"
    assert not rec.recommending_states.exists() and rec.source_document.cycle is None
