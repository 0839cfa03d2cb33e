"""Files of the interchange format: CSV, XLSX and JSONL. They only format; the columns are the interchange schema's
(`recommendations.interchange`) or a report's.

Spreadsheet cells that start with =, +, - or @ are prefixed with an apostrophe so that a spreadsheet never
runs them as a formula; the importer removes that apostrophe again, so a round trip is exact. `CsvWriter` is the
one CSV writer: /exports/, the open-data API, reports and import error reports all write through it.
"""

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "jsonl": "application/x-ndjson"}


def safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never evaluates."""
    value = str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def unsafe_cell(value: str) -> str:
    """Undo `safe_cell` when reading a file back in."""
    return _NEUTRALISED.sub("", value)


class _Echo:
    def write(self, value):
        return value


class CsvWriter:
    """CSV with every cell neutralised (`safe_cell`), CRLF line ends, and a byte-order mark before the first row so
    that Excel opens Cyrillic correctly (encode it as UTF-8). Writes rows to a text `handle` (opened with
    newline=""), or with none returns each row's text (`line`) for a streamed response."""

    def __init__(self, handle=None):
        self.handle, self.started = handle, False
        self._writer = csv.writer(_Echo(), lineterminator="\r\n")

    def line(self, row) -> str:
        text = self._writer.writerow([safe_cell(v) for v in row])
        if not self.started:
            text, self.started = "\ufeff" + text, True
        return text

    def writerow(self, row) -> None:
        self.handle.write(self.line(row))


def csv_lines(headers: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    """CSV text, one chunk per row (see `CsvWriter`)."""
    writer = CsvWriter()
    yield writer.line(headers)
    for row in rows:
        yield writer.line(row)


def jsonl_lines(headers: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    """One JSON object per line, keys in column order."""
    for row in rows:
        yield json.dumps(dict(zip(headers, row)), ensure_ascii=False) + "\n"


def write_xlsx(headers: list[str], rows: Iterable[list[str]], handle) -> None:
    """A one-sheet workbook written in openpyxl's streaming (write-only) mode."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet("export")
    sheet.append(headers)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", safe_cell(v)) for v in row])
    book.save(handle)


def write(fmt: str, headers: list[str], rows: Iterable[list[str]], handle) -> None:
    """Write an export in `fmt` to a binary file handle."""
    if fmt == "xlsx":
        write_xlsx(headers, rows, handle)
        return
    lines = csv_lines(headers, rows) if fmt == "csv" else jsonl_lines(headers, rows)
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
    for line in lines:
        text.write(line)
    text.flush()
    text.detach()
