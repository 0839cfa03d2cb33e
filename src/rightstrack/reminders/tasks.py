"""Jobs for the django-tasks worker (`rightstrack manage db_worker`)."""

from datetime import date

from django_tasks import task

from rightstrack.reminders.services import notifications_send


@task()
def send_notifications(today: str | None = None) -> dict[str, int]:
    """Send the digests and reminders due on `today` (ISO date, default: the day the job runs)."""
    return notifications_send(today=date.fromisoformat(today) if today else None)
