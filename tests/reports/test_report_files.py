"""Reports built through the CLI command, opened with python-docx and openpyxl."""

import csv
from datetime import timedelta

import pypdfium2
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from rightstrack.recommendations.models import Cluster, Recommendation
from rightstrack.taxonomy.models import TagAssignment


@pytest.fixture
def upr(world):
    torture = Cluster.objects.create(name="Torture prevention")
    death = Cluster.objects.create(name="Death penalty")
    world.recommendation.cluster = torture
    world.recommendation.save()
    world.hidden_recommendation.cluster = death
    world.hidden_recommendation.status = "implemented"
    world.hidden_recommendation.save()
    world.approved.measure = None
    world.approved.recommendation = world.recommendation
    world.approved.save()
    TagAssignment.objects.create(recommendation=world.recommendation, term=world.term, status="accepted")
    return world


def _report(tmp_path, fmt, *extra):
    out = tmp_path / f"report.{fmt}"
    call_command("report", "--kind", "mechanism", "--mechanism", "UPR", "--cycle", "2", "--format", fmt,
                 "--output", str(out), "--no-progress", *extra)
    return out


def test_docx_has_cover_summary_a_section_per_cluster_and_chart_images(upr, tmp_path):
    doc = Document(_report(tmp_path, "docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Summary", "Death penalty", "Torture prevention", "Charts"]
    assert "Implementation of the recommendations of UPR — cycle 2" in doc.paragraphs[0].text
    summary, death, torture = doc.tables[:3]
    assert [c.text for c in summary.rows[-1].cells][:2] == ["All", "2"]
    row = [c.text for c in torture.rows[1].cells]
    assert row[0] == "A/HRC/28/10 ¶124.1" and row[2] == "Supported" and row[3] == "Not started"
    assert row[5] == "Approved narrative"
    assert [c.text for c in death.rows[1].cells][3] == "Implemented"
    assert len(doc.inline_shapes) == 3  # status by cluster, by response, progress over time


def test_xlsx_has_one_sheet_per_section_with_rows_and_chart_images(upr, tmp_path):
    book = load_workbook(_report(tmp_path, "xlsx"))
    assert book.sheetnames == ["Cover", "Summary", "Death penalty", "Torture prevention", "Charts"]
    sheet = book["Torture prevention"]
    assert [c.value for c in sheet[1]][:4] == ["Recommendation", "Text", "Response", "Status"]
    assert sheet["F2"].value == "Approved narrative"
    # Under the recommendation, the measure that answers it, in italics.
    assert sheet.max_row == 3 and sheet["A3"].value == "↳ Measure 1" and sheet["A3"].font.italic
    assert len(book["Charts"]._images) == 3


def test_report_language_follows_lang(upr, tmp_path):
    doc = Document(_report(tmp_path, "docx", "--lang", "ru"))
    assert doc.paragraphs[0].text  # title exists
    upr.recommendation.set_translation("text", "ru", "Ратифицировать Факультативный протокол")
    upr.recommendation.save()
    doc = Document(_report(tmp_path, "docx", "--lang", "ru"))
    texts = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "Ратифицировать Факультативный протокол" in texts


def test_public_report_leaves_out_unpublished_records(upr, tmp_path):
    out = _report(tmp_path, "csv", "--public")
    text = out.read_text(encoding="utf-8-sig")
    assert "Ratify the Optional Protocol" in text
    assert "Secret draft recommendation text" not in text and "Approved narrative" not in text
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][0] == "Section"


def test_as_of_reproduces_the_state_at_that_date(upr, tmp_path):
    rec = Recommendation.objects.get(pk=upr.recommendation.pk)
    past = timezone.now() - timedelta(days=400)
    rec.history.update(history_date=past)  # the recommendation as first recorded, long ago
    Recommendation.history.filter(id=upr.hidden_recommendation.pk).update(history_date=past)
    rec.status = "implemented"
    rec.save()  # a new history row, now
    before = (past + timedelta(days=1)).date()
    book = load_workbook(_report(tmp_path, "xlsx", "--as-of", before.isoformat()))
    assert book["Torture prevention"]["D2"].value == "Not started"
    assert book["Death penalty"]["D2"].value == "Implemented"
    cover = {row[0].value: row[1].value for row in book["Cover"].iter_rows(min_row=2)}
    assert cover["State as of"] == before.isoformat()
    now = load_workbook(_report(tmp_path, "xlsx"))
    assert now["Torture prevention"]["D2"].value == "Implemented"
    too_early = (past - timedelta(days=1)).date().isoformat()
    with pytest.raises(CommandError, match="No recommendation matches"):
        _report(tmp_path, "xlsx", "--as-of", too_early)


@pytest.mark.parametrize("args,message", [
    (["--as-of", "31/12/2024"], "--as-of must be a date"),
    (["--cycle", "two"], "Cycle must be a number"),
    (["--status", "finished"], "Unknown status"),
])
def test_bad_options_give_a_clear_error_and_write_nothing(upr, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        _report(tmp_path, "docx", *args)
    assert not list(tmp_path.iterdir())


def test_plan_report_has_a_section_per_plan_section(world, tmp_path):
    world.measure.section = "Police"
    world.measure.save()
    out = tmp_path / "plan.xlsx"
    call_command("report", "--kind", "plan", "--plan", str(world.plan.pk), "--format", "xlsx", "--output", str(out),
                 "--no-progress")
    book = load_workbook(out)
    assert book.sheetnames == ["Cover", "Summary", "Measures", "Police", "Charts"]
    assert book["Police"]["B2"].value == "Service model for the police"
    assert book["Police"]["G2"].value == "Approved narrative"


def test_html_and_pdf(upr, tmp_path):
    html = _report(tmp_path, "html").read_text()
    assert "<svg" in html and "Torture prevention" in html and "http" not in html.split("<body>")[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    pdf = _report(tmp_path, "pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    document = pypdfium2.PdfDocument(pdf)  # laid out by WeasyPrint: the text is there, not just a header
    assert "Torture prevention" in "".join(page.get_textpage().get_text_range() for page in document)


def test_institution_report_lists_its_recommendations_measures_and_deadlines(upr, tmp_path):
    out = tmp_path / "mia.xlsx"
    call_command("report", "--kind", "institution", "--institution", "MIA", "--format", "xlsx", "--output", str(out),
                 "--no-progress")
    book = load_workbook(out)
    assert book.sheetnames == ["Cover", "Summary", "Recommendations", "Measures", "Overdue and due soon", "Charts"]
    assert [r[0].value for r in book["Recommendations"].iter_rows(min_row=2)] == ["A/HRC/28/10 ¶124.1",
                                                                                 "A/HRC/28/10 ¶124.2"]
    assert [r[1].value for r in book["Measures"].iter_rows(min_row=2)] == ["Service model for the police"]
    assert book["Overdue and due soon"]["A2"].value == "1. Service model for the police"
    with pytest.raises(CommandError, match="Unknown institution: XYZ"):
        call_command("report", "--kind", "institution", "--institution", "XYZ", "--format", "xlsx",
                     "--output", str(out), "--no-progress")


def test_theme_report_takes_accepted_tags_only(upr, tmp_path):
    out = tmp_path / "theme.docx"
    call_command("report", "--kind", "theme", "--theme", "D23", "--format", "docx", "--output", str(out),
                 "--no-progress")
    doc = Document(out)
    assert doc.paragraphs[0].text == "Theme report: D23 Death penalty"
    rows = [[c.text for c in r.cells] for t in doc.tables[1:] for r in t.rows[1:]]
    assert [r[0] for r in rows] == ["A/HRC/28/10 ¶124.1"]  # the suggested D25 tag does not count
    with pytest.raises(CommandError, match="Nothing is tagged with this theme"):
        call_command("report", "--kind", "theme", "--theme", "D25", "--format", "docx", "--output", str(out),
                     "--no-progress")
