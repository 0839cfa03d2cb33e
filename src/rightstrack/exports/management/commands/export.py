"""`rightstrack export recommendations --format csv [key=value ...]`: the list page's rows, as a file."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from rightstrack.core.spreadsheets import write
from rightstrack.exports.services import EXPORTS, export_rows
from rightstrack.exports.system import ConsoleOperator
from rightstrack.imports.progress import ConsoleProgress


class Command(BaseCommand):
    help = ("Export a list as CSV, XLSX or JSONL. Filters use the list page's query keys, e.g. status=in_progress "
            "theme=12 q=torture sort=-deadline.")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(EXPORTS))
        parser.add_argument("filters", nargs="*", help="key=value, as in the list page's URL")
        parser.add_argument("--format", choices=["csv", "xlsx", "jsonl"], default="csv")
        parser.add_argument("--output", "-o", help="file to write (default: standard output; required for xlsx)")
        parser.add_argument("--user", help="export what this user may see (default: everything)")
        parser.add_argument("--public", action="store_true", help="export only what anonymous visitors see")

    def handle(self, *args, kind, filters, format, output, user, public, **options):
        params = QueryDict(mutable=True)
        for item in filters:
            key, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"filter {item!r} is not key=value", returncode=2)
            params.appendlist(key, value)
        if public:
            from django.contrib.auth.models import AnonymousUser
            viewer = AnonymousUser()
        elif user:
            viewer = get_user_model().objects.filter(username=user).first()
            if viewer is None:
                raise CommandError(f"no user called {user!r}", returncode=2)
        else:
            viewer = ConsoleOperator()
        if format == "xlsx" and not output:
            raise CommandError("an XLSX export needs --output FILE", returncode=2)
        headers, total, rows = export_rows(kind=kind, user=viewer, params=params)
        progress = ConsoleProgress(f"exporting {kind}")

        def counted():
            for index, row in enumerate(rows, start=1):
                if index % 500 == 0:
                    progress(index / max(total, 1))
                yield row
            progress(1.0)

        if output:
            with open(Path(output), "wb") as handle:
                write(format, headers, counted(), handle)
            self.stderr.write(f"{total} rows written to {output}")
        else:
            write(format, headers, counted(), sys.stdout.buffer)
