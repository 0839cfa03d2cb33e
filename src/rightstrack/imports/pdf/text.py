"""The text layer of a PDF, page by page, with pypdfium2 (PDFium): fast, and no words split by glyph spacing.

See docs/extraction.md for the measurement behind the choice.
"""

import threading
from pathlib import Path

from django.utils.translation import gettext as _

from rightstrack.imports.readers import MAX_BYTES, UnusableInput

PDF_MAGIC = b"%PDF-"
_PDFIUM = threading.Lock()  # PDFium is not thread-safe: one document at a time per process


def is_pdf(path: Path) -> bool:
    """Whether the file starts like a PDF (the header may follow a little junk, as readers allow)."""
    with open(path, "rb") as handle:
        return PDF_MAGIC in handle.read(1024)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page; raises UnusableInput for a file that is not a readable PDF or has no text layer."""
    import pypdfium2 as pdfium

    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnusableInput(_("cannot read %(file)s: %(error)s") % {"file": path, "error": error.strerror}) from None
    if size > MAX_BYTES or not is_pdf(path):
        raise UnusableInput(_("%(file)s is not a PDF") % {"file": path.name})
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as error:
            raise UnusableInput(_("%(file)s is not a readable PDF: %(error)s")
                                % {"file": path.name, "error": error}) from None
        pages = []
        try:
            for index in range(len(document)):
                page = document[index]
                textpage = page.get_textpage()
                # PDFium gives a hyphen that ends a line as U+0002 and joins the two lines ("anti\x02discrimination",
                # "OP\x02CAT"): UN reports do not hyphenate words at line ends, so it is the word's own hyphen.
                text = textpage.get_text_bounded().replace("\x02", "-")
                pages.append(text.replace("\r\n", "\n").replace("\r", "\n"))
                textpage.close()
                page.close()
        finally:
            document.close()
    if sum(len(p.strip()) for p in pages) < 200:
        raise UnusableInput(_("%(file)s has no text layer (a scanned PDF?); run it through OCR first")
                            % {"file": path.name})
    return pages
