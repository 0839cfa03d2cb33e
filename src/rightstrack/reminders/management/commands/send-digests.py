"""`rightstrack send-digests`: queue (or, with --now, send) the weekly digests and due-date reminders."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from rightstrack.reminders.services import notifications_send
from rightstrack.reminders.tasks import send_notifications


class Command(BaseCommand):
    help = ("Queue the digests and reminders for the job worker (run daily; each mail goes out once). "
            "--now sends them in this process.")

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send now instead of queueing a job.")
        parser.add_argument("--date", help="Pretend today is this ISO date (YYYY-MM-DD).")

    def handle(self, *args, now, date: str | None = None, **options):
        try:
            today = _parse(date)
        except ValueError as error:
            raise CommandError(f"--date: {error}") from None
        if now:
            sent = notifications_send(today=today)
            self.stdout.write("Sent " + ", ".join(f"{n} {kind}" for kind, n in sent.items()))
        else:
            result = send_notifications.enqueue(today.isoformat() if today else None)
            self.stdout.write(f"Queued job {result.id}; the worker (rightstrack manage db_worker) sends the mail.")


def _parse(value: str | None):
    return date.fromisoformat(value) if value else None
