"""The import pipeline: read, validate every row, then write in one transaction (or nothing at all).

Pass 1 streams the source and validates each row (nothing is written); the valid rows, resolved, go to a
temporary file. Pass 2 reads them back and writes them in batches inside one transaction; a dry run rolls
that transaction back, so its counts are exactly what a real run would do. Pass 1 also rejects, one set-based
query per batch, a row whose (document, paragraph) belongs to another record, in the database or earlier in the
file, so the write never breaks a unique constraint. In-file duplicates are found in small temporary SQLite
tables on disk (`FirstRows`), so memory holds about two batches and the first problems, whatever the size of
the file.
"""

import hashlib
import pickle
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from rightstrack.accounts.permissions import is_manager, require
from rightstrack.core.spreadsheets import CsvWriter
from rightstrack.imports.formats import get_format, guess_format
from rightstrack.imports.pdf.source import open_table
from rightstrack.imports.readers import UnusableInput
from rightstrack.imports.targets import make_target

BATCH = 2000
KEPT_PROBLEMS = 1000  # problems kept in the result for display; all of them go to `on_problem` as found


@dataclass(frozen=True)
class Problem:
    """Why one row was rejected: its number (as in the spreadsheet), the column and the reason."""

    row: int
    column: str
    reason: str


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or a refused import, would do).

    Only counts are kept per row; `problems` holds the first KEPT_PROBLEMS problems (`problem_count` says how
    many there were), so memory does not grow with the file.
    """

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    unknown_labels: list[dict] = field(default_factory=list)  # see RecommendationTarget.unknown_labels
    written: bool = False

    def summary_line(self) -> str:
        return f"created={self.created} updated={self.updated} unchanged={self.unchanged} rejected={self.rejected}"


class FileSource:
    """Rows of a file in a given format; reading it again streams it again."""

    def __init__(self, path: Path, format_name: str | None = None, mapping: dict | None = None):
        self.table = open_table(path)  # a report PDF reads as a table of its recommendations
        self.format_name = format_name or getattr(self.table, "format_name", "") or guess_format(self.table.headers)
        self.bound = get_format(self.format_name, mapping).bind(self.table.headers)
        self.kind = self.bound.format.target
        self.ignored = self.bound.ignored
        self.column_of = self.bound.column_of  # the file header that feeds a field

    def rows(self) -> Iterator[tuple[int, dict, list]]:
        for number, raw in self.table.rows():
            record, problems = self.bound.convert(raw)
            yield number, record, problems

    def fraction(self) -> float:
        return self.table.fraction_read()


class _DryRun(Exception):
    pass


class WriteConflict(UnusableInput):
    """The database refused a row while writing (which validation should have caught); nothing was written."""


class FirstRows:
    """The first row seen with each digest, in a private temporary SQLite database on disk (sqlite3's empty
    file name): in-file duplicate checks whose memory does not grow with the file (a dict of 16-byte digests
    took about 12 MB per 100k rows)."""

    def __init__(self):
        self.db = sqlite3.connect("")
        self.db.execute("CREATE TABLE first (digest BLOB PRIMARY KEY, row INTEGER, tag BLOB) WITHOUT ROWID")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.db.close()
        return False

    def claim(self, items: list[tuple[bytes, int, bytes]]) -> dict[int, tuple[int, bytes]]:
        """Take (digest, row, tag) in row order; a digest seen before (now or in an earlier call) keeps its first
        row, and each later row gets that first (row, tag) in the result."""
        known = {}
        digests = list({digest for digest, _row, _tag in items})
        for start in range(0, len(digests), 500):
            chunk = digests[start:start + 500]
            known.update((digest, (row, tag)) for digest, row, tag in self.db.execute(
                f"SELECT digest, row, tag FROM first WHERE digest IN ({', '.join('?' * len(chunk))})", chunk))
        new, repeats = {}, {}
        for digest, row, tag in items:
            if (first := known.get(digest) or new.get(digest)) is not None:
                repeats[row] = first
            else:
                new[digest] = (row, tag)
        self.db.executemany("INSERT INTO first VALUES (?, ?, ?)", [(d, row, tag) for d, (row, tag) in new.items()])
        return repeats


def _digest(key: tuple) -> bytes:
    return hashlib.blake2b(repr(key).encode(), digest_size=16).digest()


def import_run(*, source, actor, dry_run: bool = False, partial: bool = False, reason: str = "import",
               progress: Callable[[float], None] | None = None,
               on_problem: Callable[[Problem], None] | None = None,
               on_actions: Callable[[dict[int, str]], None] | None = None) -> ImportResult:
    """Validate every row of `source`, then write the valid rows in one transaction.

    Without `partial`, any rejected row means nothing is written. `actor` None is the operator at the
    console (the CLI); otherwise only coordinators and administrators may import. Each problem is passed to
    `on_problem` as it is found, and each written batch's row number -> action to `on_actions`.
    """
    require(actor is None or is_manager(actor))
    progress = progress or (lambda fraction: None)
    target = make_target(source.kind, source.column_of)
    result = ImportResult(ignored_columns=list(getattr(source, "ignored", [])))

    def report(problem: Problem) -> None:
        result.problem_count += 1
        if len(result.problems) < KEPT_PROBLEMS:
            result.problems.append(problem)
        if on_problem:
            on_problem(problem)

    # In-file duplicates: the first row with each 16-byte digest of a valid row's key, and of each (document,
    # paragraph) a row takes (with its key's digest), are kept on disk (`FirstRows`). The valid rows, checked
    # and resolved, wait in a temporary file (pickled in batches) until every row has been validated.
    def reject(number: int, problems) -> None:
        result.rejected += 1
        for column, why in problems:
            report(Problem(number, column, why))

    def settle(batch: list) -> None:
        """Reject the batch's rows that repeat an earlier row's key, or would take a unique place held in the
        database or by an earlier row of the file (set-based checks per batch), and spill the rest."""
        keys = [(number, clean, target.key(clean)) for number, clean in batch]
        digests = {number: _digest(key) for number, _clean, key in keys}
        repeats = seen.claim([(digests[number], number, b"") for number, _clean, _key in keys])
        for number, _clean, key in keys:
            if number in repeats:
                reject(number, [("", _("duplicate of row %(row)s: same key %(key)s")
                                 % {"row": repeats[number][0], "key": " / ".join(map(str, key[1:]))})])
        batch = [(number, clean) for number, clean in batch if number not in repeats]
        conflicts = target.conflicts(batch)
        for number, problem in conflicts.items():
            reject(number, [problem])
        batch = [(number, clean) for number, clean in batch if number not in conflicts]
        placed = [(number, slot) for number, clean in batch if (slot := target.slot(clean)) is not None]
        taken = slots.claim([(_digest(slot), number, digests[number]) for number, slot in placed])
        kept = []
        for number, clean in batch:
            first = taken.get(number)
            if first and first[1] != digests[number]:
                reject(number, [target.slot_problem(clean, first[0])])
            else:
                kept.append((number, clean))
        if kept:
            pickle.dump(kept, spill, pickle.HIGHEST_PROTOCOL)

    with tempfile.TemporaryFile() as spill, FirstRows() as seen, FirstRows() as slots:
        valid = []
        for count, (number, record, problems) in enumerate(source.rows()):
            clean, more = target.validate(record)
            problems = list(problems) + more
            if problems:
                reject(number, problems)
            else:
                valid.append((number, clean))
                if len(valid) >= BATCH:
                    settle(valid)
                    valid = []
            if count % BATCH == 0:
                progress(source.fraction() / 2)
        settle(valid)
        del valid
        result.unknown_labels = target.unknown_labels()
        if result.rejected and not partial:
            return result
        size = max(spill.tell(), 1)
        spill.seek(0)
        try:
            with transaction.atomic():
                while batch := _next_batch(spill):
                    _write(target, batch, actor, reason, result, on_actions)
                    progress(0.5 + spill.tell() / size / 2)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        except IntegrityError as error:
            # The checks above should make this unreachable; if the database still refuses a row, nothing is
            # written (the transaction rolled back) and the import ends with one line, not a traceback.
            raise WriteConflict(_("nothing was written: the database refused a row (%(error)s)")
                                % {"error": " ".join(str(error).split())}) from error
        else:
            result.written = True
    progress(1.0)
    return result


def _next_batch(spill) -> list:
    try:
        return pickle.load(spill)
    except EOFError:
        return []


def _write(target, batch, actor, reason, result: ImportResult, on_actions) -> None:
    actions = target.write_batch(batch, actor, reason)
    for action in actions.values():
        setattr(result, action, getattr(result, action) + 1)
    if on_actions:
        on_actions(actions)


class ErrorReport:
    """The error-report CSV (row, column, reason), written as problems are found; created at the first one."""

    def __init__(self, path: Path):
        self.path, self.handle, self.writer = Path(path), None, None

    def __call__(self, problem: Problem) -> None:
        if self.handle is None:
            self.handle = open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed by close())
            self.writer = CsvWriter(self.handle)
            self.writer.writerow(["row", "column", "reason"])
        self.writer.writerow([problem.row, problem.column, problem.reason])

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


def import_file(*, path, actor, format_name: str | None = None, mapping: dict | None = None, dry_run: bool = False,
                partial: bool = False, progress=None, error_report: Path | None = None) -> ImportResult:
    """Import one file (UHRI, UPR Info, mapped tabular or plan measures); raises UnusableInput if it cannot.

    With `error_report`, every problem is written to that CSV as it is found (no file when there are none).
    """
    source = FileSource(Path(path), format_name, mapping)
    report = ErrorReport(error_report) if error_report else None
    try:
        return import_run(source=source, actor=actor, dry_run=dry_run, partial=partial,
                          reason=f"import: {Path(path).name}", progress=progress, on_problem=report)
    finally:
        if report:
            report.close()


__all__ = ["ErrorReport", "ImportResult", "Problem", "UnusableInput", "WriteConflict", "import_file",
           "import_run"]
