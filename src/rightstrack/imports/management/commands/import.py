"""`rightstrack import PATH`: validate every row, then import all or nothing (or the valid rows with --partial)."""

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from rightstrack.imports.progress import ConsoleProgress
from rightstrack.imports.services import UnusableInput, import_file


class Command(BaseCommand):
    help = ("Import recommendations (UHRI, UPR Info, a UPR Working Group report PDF, any CSV/XLSX with a mapping) "
            "or action-plan measures. "
            "Exit 0: nothing rejected; 1: rows rejected; 2: unusable input.")

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", choices=["uhri", "upr-info", "upr-report", "tabular", "plan"],
                            help="file layout (guessed from the header row when omitted)")
        parser.add_argument("--mapping", help="JSON file mapping file columns to fields, e.g. {\"Текст\": \"text\"}")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--partial", action="store_true", help="import the valid rows, report the rest")
        parser.add_argument("--errors", help="where to write the error report CSV (default: PATH.errors.csv)")
        parser.add_argument("--user", help="record the changes in history as this user")

    def handle(self, *args, path, format, mapping, dry_run, partial, errors, user, **options):
        try:
            mapping_data = json.loads(Path(mapping).read_text(encoding="utf-8")) if mapping else None
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read the mapping {mapping}: {error}", returncode=2)
        if mapping_data is not None and not (isinstance(mapping_data, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in mapping_data.items())):
            raise CommandError("the mapping must be a JSON object of column name -> field name", returncode=2)
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"no user called {user!r}", returncode=2)
        report = Path(errors or f"{path}.errors.csv")
        try:
            result = import_file(path=path, actor=actor, format_name=format, mapping=mapping_data, dry_run=dry_run,
                                 partial=partial, progress=ConsoleProgress(f"importing {Path(path).name}"),
                                 error_report=report)
        except UnusableInput as error:
            raise CommandError(str(error), returncode=2)
        if result.ignored_columns:
            self.stdout.write("columns not imported: " + ", ".join(result.ignored_columns))
        for problem in result.problems[:50]:
            self.stdout.write(f"row {problem.row}, {problem.column or 'row'}: {problem.reason}")
        if result.problem_count > 50:
            self.stdout.write(f"… and {result.problem_count - 50} more problems")
        if result.problem_count:
            self.stdout.write(f"error report: {report}")
        if dry_run:
            self.stdout.write("dry run: nothing was written")
        elif result.rejected and not partial:
            self.stdout.write("nothing was written: fix the rejected rows, or use --partial to import the valid ones")
        self.stdout.write(result.summary_line())
        if result.rejected:
            sys.exit(1)
