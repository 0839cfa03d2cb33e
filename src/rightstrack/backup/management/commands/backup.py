"""`rightstrack backup PATH`: all data, history and uploaded files in one zip with checksums."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rightstrack.backup.services import BackupError, backup_create
from rightstrack.imports.progress import ConsoleProgress


class Command(BaseCommand):
    help = "Write every table (history included) and MEDIA_ROOT to a zip with SHA-256 checksums."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            manifest = backup_create(path=Path(path), progress=ConsoleProgress("backing up"))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{sum(manifest['counts'].values())} records and {len(manifest['files'])} files "
                          f"written to {path}")
        self.stdout.write(f"data sha256={manifest['data_sha256']}")
