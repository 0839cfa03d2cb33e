"""Extract the recommendations of a UN report PDF: `report_extract(path)` -> cover data and recommendations.

Layouts are tried in turn, each in every language: the UPR Working Group report (`upr.py`), then a treaty
body's concluding observations (`concluding.py`: numbered paragraphs, lettered sub-items, "The State party
should..."). A layout is a function that finds its section and one that returns `Extracted` rows.
"""

from dataclasses import asdict, dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from rightstrack.imports.pdf.clean import page_lines, vocabulary
from rightstrack.imports.pdf.concluding import extract_concluding, find_co_section
from rightstrack.imports.pdf.cover import Cover, read_cover
from rightstrack.imports.pdf.languages import LANGUAGES
from rightstrack.imports.pdf.text import pdf_pages
from rightstrack.imports.pdf.upr import Extracted, extract_upr, find_section
from rightstrack.imports.readers import UnusableInput


@dataclass
class ExtractedReport:
    """A report's cover data, its language, the mechanism that issued it and its recommendations."""

    cover: Cover
    language: str
    recommendations: list[Extracted]
    mechanism: str = "UPR"

    def rows(self) -> list[dict]:
        """One JSON-ready dict per recommendation, as `rightstrack extract` writes them."""
        return [{**asdict(r), "document_symbol": self.cover.symbol, "session": self.cover.session,
                 "date": self.cover.date} for r in self.recommendations]


def _mechanism(symbol: str) -> str:
    """The treaty body of a concluding observations' symbol: "CCPR/C/KGZ/CO/2" -> CCPR, "E/C.12/..." -> CESCR."""
    return "CESCR" if symbol.startswith("E/C.12/") else symbol.split("/", 1)[0] or "treaty body"


def _upr(lines, language, words, cover) -> tuple[list[Extracted], str]:
    return extract_upr(lines, language, words, cover.state), "UPR"


def _concluding(lines, language, words, cover) -> tuple[list[Extracted], str]:
    cover.session = cover.cycle = ""  # a treaty body's session is not the UPR Working Group's
    return extract_concluding(lines, language, words), _mechanism(cover.symbol)


# Each layout: the function that finds its section, and the one that reads it (recommendations, mechanism).
LAYOUTS = ((find_section, _upr), (find_co_section, _concluding))


def lines_extract(pages: list[str], name: str = "report") -> ExtractedReport:
    """The recommendations of a report given as the text of its pages: the first layout whose section the report
    holds, in the first language that has it."""
    lines = page_lines(pages)
    found = next(((code, read) for find, read in LAYOUTS for code, language in LANGUAGES.items()
                  if find(lines, language) is not None), None)
    if found is None:
        raise UnusableInput(_("%(file)s has no section of conclusions and recommendations") % {"file": name})
    code, read = found
    cover = read_cover(pages, LANGUAGES[code])
    recommendations, mechanism = read(lines, LANGUAGES[code], vocabulary("\n".join(pages)), cover)
    if not recommendations:
        raise UnusableInput(_("%(file)s lists no numbered recommendations") % {"file": name})
    return ExtractedReport(cover, code, recommendations, mechanism)


def report_extract(path) -> ExtractedReport:
    """The recommendations of a report PDF; raises UnusableInput (one line) when there are none to find."""
    return lines_extract(pdf_pages(Path(path)), Path(path).name)
