"""`rightstrack prune-audit`: delete audit events older than the retention period (run it daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rightstrack.audit.services import audit_prune
from rightstrack.audit.tasks import prune_audit_log


class Command(BaseCommand):
    help = "Delete the audit events older than the retention period (RIGHTSTRACK_AUDIT_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help=f"Retention in days, 0 to keep every event (default RIGHTSTRACK_AUDIT_RETENTION_DAYS, "
                                 f"now {settings.AUDIT_RETENTION_DAYS}).")
        parser.add_argument("--enqueue", action="store_true", help="Queue the job for the task worker instead.")

    def handle(self, *args, days, enqueue, **options):
        if enqueue:
            self.stdout.write(f"Queued audit prune job {prune_audit_log.enqueue().id}")
            return
        try:
            self.stdout.write(f"Deleted {audit_prune(days=days)} audit event(s)")
        except ValueError as error:
            raise CommandError(str(error)) from error
