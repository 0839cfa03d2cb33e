"""Write a built Report as docx, xlsx, csv, html or pdf. Formatters only format; content.py decides what is said."""

import io
import re
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from rightstrack.core.spreadsheets import CsvWriter
from rightstrack.reports.charts import to_png
from rightstrack.reports.content import Report

FORMATS = ("docx", "xlsx", "csv", "html", "pdf")


def write_docx(report: Report, path: Path) -> None:
    """A Word document: cover, summary table, one heading and table per section, charts as PNG images."""
    from docx import Document
    from docx.shared import Cm
    from docx.table import _Cell

    doc = Document()
    doc.add_heading(report.title, 0)
    for label, value in report.cover:
        doc.add_paragraph().add_run(f"{label}: ").bold = True
        doc.paragraphs[-1].add_run(value)
    doc.add_page_break()
    for section in [report.summary, *report.sections]:
        doc.add_heading(section.title, 1)
        table = doc.add_table(rows=1, cols=len(section.columns))
        table.style = "Table Grid"
        for cell, name in zip(table.rows[0].cells, section.columns):
            cell.text = name
            cell.paragraphs[0].runs[0].bold = True
        for i, row in enumerate(section.rows):
            # Row.cells rebuilds the whole table grid on every call (quadratic); wrap the new row's cells directly.
            for tc, value in zip(table.add_row()._tr.tc_lst, row):
                cell = _Cell(tc, table)
                cell.text = value
                if i in section.detail_rows and value:  # a recommendation's measure, under it
                    cell.paragraphs[0].runs[0].italic = True
        if not section.rows:
            doc.add_paragraph(_("Nothing to report."))
    if report.charts:
        doc.add_heading(_("Charts"), 1)
        for chart in report.charts:
            doc.add_picture(io.BytesIO(to_png(chart.svg)), width=Cm(16))
            doc.add_paragraph(chart.title).style = "Caption"
    doc.save(path)


def _sheet_title(title: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, no []:*?/\\ and unique."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:28] or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        name, n = f"{base[:25]} ({n})", n + 1
    used.add(name.lower())
    return name


def write_xlsx(report: Report, path: Path) -> None:
    """A workbook: a cover sheet, the summary, one sheet per section, and a sheet of chart images."""
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    used: set[str] = set()
    cover = book.active
    cover.title = _sheet_title(_("Cover"), used)
    cover.append([report.title])
    cover["A1"].font = Font(bold=True, size=14)
    for label, value in report.cover:
        cover.append([label, value])
    for section in [report.summary, *report.sections]:
        sheet = book.create_sheet(_sheet_title(section.title, used))
        sheet.append(section.columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for i, row in enumerate(section.rows):
            start = len(row) if section.counts_from is None else section.counts_from
            sheet.append([*row[:start], *(int(v) for v in row[start:])])
            if i in section.detail_rows:  # a recommendation's measure, under it
                for c in sheet[sheet.max_row]:
                    c.font = Font(italic=True)
        for column, name in zip(sheet.columns, section.columns):
            longest = max((len(str(c.value or "")) for c in column), default=len(name))
            sheet.column_dimensions[column[0].column_letter].width = min(max(10, longest + 2), 70)
            for c in column[1:]:
                c.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    if report.charts:
        sheet = book.create_sheet(_sheet_title(_("Charts"), used))
        row = 1
        for chart in report.charts:
            sheet.cell(row=row, column=1, value=chart.title).font = Font(bold=True)
            image = Image(io.BytesIO(to_png(chart.svg, scale=1.0)))
            sheet.add_image(image, f"A{row + 1}")
            row += int(image.height / 20) + 3
    book.save(path)


def write_csv(report: Report, path: Path) -> None:
    """One CSV of every section's rows, with the section as the first column (UTF-8 with BOM for Excel)."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = CsvWriter(handle)
        for section in report.sections:
            writer.writerow([_("Section"), *section.columns])
            for row in section.rows:
                writer.writerow([section.title, *row])


def render_html(report: Report, *, standalone: bool = True) -> str:
    """Printable HTML with inline SVG charts; the same page prints to PDF."""
    with translation.override(report.language):
        return render_to_string("reports/report_document.html", {"report": report, "standalone": standalone})


def write_html(report: Report, path: Path) -> None:
    path.write_text(render_html(report), encoding="utf-8")


def _no_fetch(url: str, *args, **kwargs):
    """The report HTML is self-contained (inline SVG and CSS): a PDF never fetches anything."""
    raise ValueError(f"reports fetch no external resource: {url}")


def write_pdf(report: Report, path: Path) -> None:
    """Lay out the printable HTML with WeasyPrint (in-process, on the cairo/pango libraries the app already needs)."""
    from weasyprint import HTML  # loads pango; only PDF reports pay for it

    HTML(string=render_html(report), url_fetcher=_no_fetch).write_pdf(path)


WRITERS = {"docx": write_docx, "xlsx": write_xlsx, "csv": write_csv, "html": write_html, "pdf": write_pdf}


def _partial(path: Path) -> Path:
    """Where a report file is written until it is complete (hidden, never offered for download)."""
    return path.with_name(f".{path.name}.partial")


def write_report(report: Report, fmt: str, path: Path) -> Path:
    """Write the report in one format; the file appears only when complete (written beside it, then renamed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial(path)
    try:
        with translation.override(report.language):
            WRITERS[fmt](report, partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def remove_partial_files(folder: Path) -> None:
    """Remove what a build cut off mid-write left in `folder` (a killed worker never reached the clean-up)."""
    for partial in Path(folder).glob(_partial(Path("*")).name):
        partial.unlink(missing_ok=True)
