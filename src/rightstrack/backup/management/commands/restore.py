"""`rightstrack restore PATH [--force]`: load a backup; refuses a database that already holds data."""

from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from rightstrack.backup.services import BackupError, backup_restore
from rightstrack.imports.progress import ConsoleProgress


class Command(BaseCommand):
    help = "Restore a backup made with `rightstrack backup` (checksums are verified first)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--force", action="store_true", help="replace the data of a non-empty database")

    def handle(self, *args, path, force, **options):
        try:
            manifest = backup_restore(path=Path(path), force=force, progress=ConsoleProgress("restoring"))
        except BackupError as error:
            raise CommandError(str(error), returncode=2)
        self.stdout.write(f"restored {sum(manifest['counts'].values())} records and {len(manifest['files'])} files; "
                          f"data sha256={manifest['data_sha256']}")
        if apps.is_installed("rightstrack.search"):
            self.stdout.write("the search index is not part of a backup: run `rightstrack reindex`")
