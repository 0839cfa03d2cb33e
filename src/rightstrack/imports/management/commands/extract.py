"""`rightstrack extract REPORT.pdf [--output OUT.jsonl]`: the recommendations of a UN report, one JSON object a line.

The console script runs it without loading the apps (cli.py): reading a PDF needs no database and no app.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from rightstrack.imports.pdf.report import report_extract
from rightstrack.imports.readers import UnusableInput


class Command(BaseCommand):
    """Write the recommendations of a report PDF as JSON lines."""

    requires_system_checks = []  # no database, no other app: their checks would need the app registry
    help = ("Extract the numbered recommendations of a UPR Working Group report PDF as JSON lines (paragraph, "
            "text, recommending_states, response, document_symbol, session, date). Exit 2: unusable input.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the report PDF")
        parser.add_argument("--output", "-o", help="write the JSON lines here (default: standard output)")

    def handle(self, *args, path, output, **options):
        try:
            report = report_extract(path)
        except UnusableInput as error:
            raise CommandError(str(error), returncode=2)
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in report.rows())
        if output:
            try:
                with open(output, "w", encoding="utf-8") as handle:
                    handle.write(lines)
            except OSError as error:
                raise CommandError(f"cannot write {output}: {error.strerror}", returncode=2)
            cover = report.cover
            self.stderr.write(f"{len(report.recommendations)} recommendations from {cover.symbol or path} "
                              f"(session {cover.session or '?'}, {cover.date or 'no date'}) written to {output}")
        else:
            sys.stdout.write(lines)
