"""`rightstrack send-subscriptions`: mail the digests now, or queue the job for the task worker."""

from django.core.management.base import BaseCommand

from rightstrack.subscriptions.digests import digests_send
from rightstrack.subscriptions.tasks import send_subscription_digests


class Command(BaseCommand):
    help = "Mail each confirmed subscriber the newly published changes on the topics they follow."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue the job for the task worker instead.")

    def handle(self, *args, enqueue, **options):
        if enqueue:
            result = send_subscription_digests.enqueue()
            self.stdout.write(f"Queued digest job {result.id}")
        else:
            self.stdout.write(f"Sent {digests_send()} digest(s)")
