"""A report PDF read as a table, so the import pipeline (staged review, validation, commit) is the usual one.

`open_table(path)` gives a `PdfTable` for a PDF and the usual `readers.Table` otherwise. Its rows carry the
import's field names; the format `upr-report` (see `formats`) feeds them through unchanged.
"""

from pathlib import Path

from django.utils.translation import gettext as _

from rightstrack.imports.pdf.existing import as_recorded
from rightstrack.imports.pdf.report import report_extract
from rightstrack.imports.pdf.text import is_pdf
from rightstrack.imports.readers import Table, UnusableInput

FORMAT = "upr-report"
HEADERS = ["mechanism", "document", "document_date", "session", "cycle", "paragraph", "text", "language",
           "recommending_states", "response", "response_comment", "external_id"]


class PdfTable:
    """The recommendations extracted from a UN report PDF, one row each (row 1 is the header, as in a sheet)."""

    format_name = FORMAT

    def __init__(self, path: Path):
        self.path = Path(path)
        self.report = report_extract(self.path)
        if not self.report.cover.symbol:
            raise UnusableInput(_("%(file)s has no document symbol (A/HRC/…) on its cover") % {"file": self.path.name})
        self.headers = list(HEADERS)
        self._position = 0.0

    def rows(self):
        """Each recommendation as {field: text}; States one per line, as a list cell is written. One already
        recorded under an annotation id is that record, as stored (`existing.as_recorded`)."""
        cover = self.report.cover
        rows = as_recorded(cover.symbol, [
            {"mechanism": self.report.mechanism, "document": cover.symbol, "document_date": cover.date,
             "session": cover.session, "cycle": cover.cycle, "paragraph": found.paragraph, "text": found.text, "language": self.report.language,
             "recommending_states": "\n".join(found.recommending_states), "response": found.response,
             "response_comment": found.response_comment, "external_id": ""}
            for found in self.report.recommendations])
        total = max(len(rows), 1)
        for index, row in enumerate(rows, start=2):
            self._position = (index - 1) / total
            yield index, row
        self._position = 1.0

    def fraction_read(self) -> float:
        """How far the last `rows()` pass has got, 0..1."""
        return self._position


def open_table(path: Path):
    """A PdfTable for a PDF, else the CSV/XLSX Table."""
    path = Path(path)
    try:
        pdf = is_pdf(path)
    except OSError:
        pdf = False  # Table reports the unreadable file
    return PdfTable(path) if pdf else Table(path)
