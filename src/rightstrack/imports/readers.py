"""Stream rows out of CSV and XLSX files: encoding and delimiter detection, quoted newlines, bounded memory.

A reader yields `(row_number, {header: text})` where the header row is row 1, as a spreadsheet shows it.
Anything that makes the file unusable as a whole raises `UnusableInput` with a one-line reason.
"""

import codecs
import csv
import datetime as dt
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

MAX_BYTES = 200 * 1024 * 1024
# An XLSX is a zip archive. zipfile never inflates an entry past the size its header declares, so checking the
# declared sizes before openpyxl opens anything bounds both time and memory (a zip bomb is refused unread):
# the shared strings are held in memory whole, the sheets are streamed.
MAX_XLSX_SHARED_STRINGS = 32 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_XLSX_RATIO = 100  # uncompressed / compressed, for entries past 1 MB; real workbooks stay well under 30
_RATIO_FLOOR = 1024 * 1024
DELIMITERS = (",", ";", "\t")
_CHUNK = 1024 * 1024
csv.field_size_limit(MAX_BYTES)


class UnusableInput(Exception):
    """The file cannot be imported at all (unreadable, unknown format, missing columns); exit code 2."""


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), otherwise cp1251 (Russian files)."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        handle.seek(0)
        sample = handle.read(4096)
        if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:
            return "utf-16-le"
        if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4:
            return "utf-16-be"
        # The whole file must decode as UTF-8; a cp1251 letter deep in the file would otherwise
        # turn into an error half-way through the import.
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1251"
    return "utf-8"


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _clean_header(value) -> str:
    return str(value or "").replace("\ufeff", "").strip()


class Table:
    """An open tabular file: `headers`, `rows()` and `fraction_read()` for progress."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.size = os.path.getsize(self.path)
        except OSError as error:
            raise UnusableInput(_("cannot read %(file)s: %(error)s") % {"file": self.path, "error": error.strerror}) from None
        if self.size > MAX_BYTES:
            raise UnusableInput(_("%(file)s is %(size)s MB; the limit is %(limit)s MB — split the file and import the parts")
                                % {"file": self.path.name, "size": self.size // (1024 * 1024),
                                   "limit": MAX_BYTES // (1024 * 1024)})
        if self.size == 0:
            raise UnusableInput(_("%(file)s is empty") % {"file": self.path.name})
        with open(self.path, "rb") as handle:
            self.is_xlsx = handle.read(4) == b"PK\x03\x04"
        self._position = 0.0
        self.headers = self._xlsx_headers() if self.is_xlsx else self._csv_headers()
        if not any(self.headers):
            raise UnusableInput(_("%(file)s has no header row") % {"file": self.path.name})

    # CSV -----------------------------------------------------------------
    def _csv_open(self):
        return open(self.path, encoding=self.encoding, newline="")  # noqa: SIM115 (callers use `with`)

    def _csv_headers(self) -> list[str]:
        self.encoding = detect_encoding(self.path)
        try:
            with self._csv_open() as handle:
                first = handle.readline()
        except (UnicodeError, OSError) as error:
            raise UnusableInput(_("cannot read %(file)s: %(error)s") % {"file": self.path.name, "error": error}) from None
        if "\x00" in first:
            raise UnusableInput(_("%(file)s is not a text table (binary content)") % {"file": self.path.name})
        self.delimiter = _delimiter(first)
        return [_clean_header(h) for h in next(csv.reader([first], delimiter=self.delimiter), [])]

    def _csv_rows(self) -> Iterator[tuple[int, list]]:
        with self._csv_open() as handle:
            reader = csv.reader(handle, delimiter=self.delimiter, strict=False)
            try:
                next(reader, None)
                for index, cells in enumerate(reader, start=2):
                    if index % 500 == 0:
                        self._position = handle.buffer.tell() / self.size
                    yield index, cells
            except (csv.Error, UnicodeError) as error:
                raise UnusableInput(_("%(file)s cannot be parsed as CSV: %(error)s") % {"file": self.path.name,
                                                                                    "error": error}) from None

    # XLSX ----------------------------------------------------------------
    def _check_archive(self) -> None:
        """Refuse a workbook whose declared sizes or compression ratios could exhaust memory or time."""
        try:
            with zipfile.ZipFile(self.path) as archive:
                entries = archive.infolist()
        except (zipfile.BadZipFile, OSError) as error:
            raise UnusableInput(_("%(file)s is not a readable XLSX workbook: %(error)s")
                                % {"file": self.path.name, "error": error}) from None
        too_big = _("%(file)s expands to more than the import accepts (%(part)s); save it again without "
                    "unused rows and columns, or split it")
        if sum(e.file_size for e in entries) > MAX_XLSX_UNCOMPRESSED:
            raise UnusableInput(too_big % {"file": self.path.name, "part": _("the whole workbook")})
        for entry in entries:
            shared = entry.filename.lower().endswith("sharedstrings.xml")
            if (shared and entry.file_size > MAX_XLSX_SHARED_STRINGS) or (
                    entry.file_size > _RATIO_FLOOR and entry.file_size > MAX_XLSX_RATIO * max(entry.compress_size, 1)):
                raise UnusableInput(too_big % {"file": self.path.name, "part": entry.filename})

    def _sheet(self):
        from openpyxl import load_workbook

        # A handle, not the path: openpyxl judges by the extension, and uploads arrive with any name.
        handle = open(self.path, "rb")
        try:
            book = load_workbook(handle, read_only=True, data_only=True)
            return book, book.worksheets[0], handle
        except Exception as error:  # openpyxl raises many kinds (zip, XML, KeyError) on a damaged file
            handle.close()
            raise UnusableInput(_("%(file)s is not a readable XLSX workbook: %(error)s")
                                % {"file": self.path.name, "error": error}) from None

    def _xlsx_headers(self) -> list[str]:
        self._check_archive()
        book, sheet, handle = self._sheet()
        try:
            first = next(sheet.iter_rows(max_row=1, values_only=True), ())
            self._rows_total = sheet.max_row or 0
        finally:
            book.close()
            handle.close()
        return [_clean_header(h) for h in first]

    def _xlsx_rows(self) -> Iterator[tuple[int, list]]:
        book, sheet, handle = self._sheet()
        try:
            for index, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
                if index % 500 == 0 and self._rows_total:
                    self._position = min(index / self._rows_total, 1.0)
                yield index, [cell_text(c) for c in cells]
        finally:
            book.close()
            handle.close()

    # ---------------------------------------------------------------------
    def rows(self) -> Iterator[tuple[int, dict]]:
        """Data rows as dicts; blank rows are skipped, surplus cells land under the key None."""
        width = len(self.headers)
        for index, cells in (self._xlsx_rows() if self.is_xlsx else self._csv_rows()):
            if not any(str(c).strip() for c in cells if c is not None):
                continue
            row = {h: (cells[i] if i < len(cells) and cells[i] is not None else "")
                   for i, h in enumerate(self.headers) if h}
            extra = [c for c in cells[width:] if c not in (None, "")]
            if extra:
                row[None] = extra
            yield index, row
        self._position = 1.0

    def fraction_read(self) -> float:
        """How far the last `rows()` pass has got, 0..1."""
        return self._position


def cell_text(value) -> str:
    """An XLSX cell as the text a CSV would hold: dates in ISO form, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
