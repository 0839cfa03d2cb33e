"""`rightstrack purge-subscribers`: delete unsubscribed or unconfirmed addresses after the retention period."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rightstrack.subscriptions.services import subscribers_purge
from rightstrack.subscriptions.tasks import purge_unsubscribed


class Command(BaseCommand):
    help = "Delete the data of people who unsubscribed or never confirmed, after the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help=f"Retention in days (default SUBSCRIPTIONS_RETENTION_DAYS, "
                                 f"now {settings.SUBSCRIPTIONS_RETENTION_DAYS}).")
        parser.add_argument("--enqueue", action="store_true", help="Queue the job for the task worker instead.")

    def handle(self, *args, days, enqueue, **options):
        if enqueue:
            self.stdout.write(f"Queued purge job {purge_unsubscribed.enqueue().id}")
            return
        try:
            self.stdout.write(f"Purged {subscribers_purge(days=days)} subscriber(s)")
        except ValueError as error:
            raise CommandError(str(error)) from error
