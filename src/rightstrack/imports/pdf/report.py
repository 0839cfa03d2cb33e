"""Extract the recommendations of a UN report PDF: `report_extract(path)` -> cover data and recommendations.

Layouts are tried in turn; today the UPR Working Group report. A treaty body's concluding observations
(numbered paragraphs, lettered sub-items, "The State party should...") would be a second function of the same
shape as `extract_upr`, tried after it.
"""

from dataclasses import asdict, dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from rightstrack.imports.pdf.clean import page_lines, vocabulary
from rightstrack.imports.pdf.cover import Cover, read_cover
from rightstrack.imports.pdf.languages import LANGUAGES
from rightstrack.imports.pdf.text import pdf_pages
from rightstrack.imports.pdf.upr import Extracted, extract_upr, find_section
from rightstrack.imports.readers import UnusableInput


@dataclass
class ExtractedReport:
    """A report's cover data, its language and its recommendations."""

    cover: Cover
    language: str
    recommendations: list[Extracted]

    def rows(self) -> list[dict]:
        """One JSON-ready dict per recommendation, as `rightstrack extract` writes them."""
        return [{**asdict(r), "document_symbol": self.cover.symbol, "session": self.cover.session,
                 "date": self.cover.date} for r in self.recommendations]


def lines_extract(pages: list[str], name: str = "report") -> ExtractedReport:
    """The recommendations of a report given as the text of its pages."""
    lines = page_lines(pages)
    code = next((code for code, language in LANGUAGES.items() if find_section(lines, language) is not None), None)
    if code is None:
        raise UnusableInput(_("%(file)s has no section of conclusions and recommendations") % {"file": name})
    language = LANGUAGES[code]
    cover = read_cover(pages, language)
    found = extract_upr(lines, language, vocabulary("\n".join(pages)), cover.state)
    if not found:
        raise UnusableInput(_("%(file)s lists no numbered recommendations") % {"file": name})
    return ExtractedReport(cover, code, found)


def report_extract(path) -> ExtractedReport:
    """The recommendations of a report PDF; raises UnusableInput (one line) when there are none to find."""
    return lines_extract(pdf_pages(Path(path)), Path(path).name)
