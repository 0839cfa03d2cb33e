"""The import pipeline: read, validate every row, then write in one transaction (or nothing at all).

Pass 1 streams the source and validates each row (nothing is written). Pass 2 streams it again and writes
the valid rows in batches inside one transaction; a dry run rolls that transaction back, so its counts are
exactly what a real run would do.
"""

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from rightstrack.core.permissions import is_manager, require
from rightstrack.exports.writers import safe_cell
from rightstrack.imports.formats import get_format, guess_format
from rightstrack.imports.readers import Table, UnusableInput
from rightstrack.imports.targets import make_target

BATCH = 1000


@dataclass(frozen=True)
class Problem:
    """Why one row was rejected: its number (as in the spreadsheet), the column and the reason."""

    row: int
    column: str
    reason: str


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or a refused import, would do)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    written: bool = False
    actions: dict[int, str] = field(default_factory=dict)

    def summary_line(self) -> str:
        return f"created={self.created} updated={self.updated} unchanged={self.unchanged} rejected={self.rejected}"


class FileSource:
    """Rows of a file in a given format; reading it again streams it again."""

    def __init__(self, path: Path, format_name: str | None = None, mapping: dict | None = None):
        self.table = Table(path)
        self.format_name = format_name or guess_format(self.table.headers)
        self.bound = get_format(self.format_name, mapping).bind(self.table.headers)
        self.kind = self.bound.format.target
        self.ignored = self.bound.ignored

    def rows(self) -> Iterator[tuple[int, dict, list]]:
        for number, raw in self.table.rows():
            record, problems = self.bound.convert(raw)
            yield number, record, problems

    def column_of(self, name: str) -> str:
        return self.bound.column_of(name)

    def fraction(self) -> float:
        return self.table.fraction_read()


class _DryRun(Exception):
    pass


def import_run(*, source, actor, dry_run: bool = False, partial: bool = False, reason: str = "import",
               progress: Callable[[float], None] | None = None) -> ImportResult:
    """Validate every row of `source`, then write the valid rows in one transaction.

    Without `partial`, any rejected row means nothing is written. `actor` None is the operator at the
    console (the CLI); otherwise only coordinators and administrators may import.
    """
    require(actor is None or is_manager(actor))
    progress = progress or (lambda fraction: None)
    target = make_target(source.kind, source.column_of)
    result = ImportResult(ignored_columns=list(getattr(source, "ignored", [])))
    seen: dict[tuple, int] = {}
    rejected: set[int] = set()
    for count, (number, record, problems) in enumerate(source.rows()):
        clean, more = target.validate(record)
        problems = list(problems) + more
        if not problems:
            key = target.key(clean)
            if key in seen:
                problems.append(("", f"duplicate of row {seen[key]}: same key {' / '.join(map(str, key[1:]))}"))
            else:
                seen[key] = number
        if problems:
            rejected.add(number)
            result.problems += [Problem(number, column, reason_) for column, reason_ in problems]
        if count % BATCH == 0:
            progress(source.fraction() / 2)
    result.rejected = len(rejected)
    del seen
    if rejected and not partial:
        return result
    try:
        with transaction.atomic():
            batch = []
            for number, record, _ in source.rows():
                if number in rejected:
                    continue
                batch.append((number, target.validate(record)[0]))
                if len(batch) >= BATCH:
                    result.actions.update(target.write_batch(batch, actor, reason))
                    batch = []
                    progress(0.5 + source.fraction() / 2)
            result.actions.update(target.write_batch(batch, actor, reason))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    else:
        result.written = True
    for action in result.actions.values():
        setattr(result, action, getattr(result, action) + 1)
    progress(1.0)
    return result


def import_file(*, path, actor, format_name: str | None = None, mapping: dict | None = None, dry_run: bool = False,
                partial: bool = False, progress=None) -> ImportResult:
    """Import one file (UHRI, UPR Info, mapped tabular or plan measures); raises UnusableInput if it cannot."""
    source = FileSource(Path(path), format_name, mapping)
    return import_run(source=source, actor=actor, dry_run=dry_run, partial=partial,
                      reason=f"import: {Path(path).name}", progress=progress)


def write_error_report(problems: list[Problem], path: Path) -> None:
    """The rejected rows as a CSV (row, column, reason), safe to open in a spreadsheet."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "column", "reason"])
        for problem in problems:
            writer.writerow([problem.row, safe_cell(problem.column), safe_cell(problem.reason)])


__all__ = ["ImportResult", "Problem", "UnusableInput", "import_file", "import_run", "write_error_report"]
