"""Weekly digests for focal points, escalation digests for coordinators, reminders before due dates.

Each mail is rendered in its recipient's language and logged in SentNotification in the same
transaction, so running the job twice the same day sends nothing twice.
"""

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from rightstrack.accounts.models import Role, User
from rightstrack.core.mail import Mail, mail_send
from rightstrack.planning.models import ReportingRound
from rightstrack.planning.rounds import round_items
from rightstrack.planning.selectors import focal_point_todo, progress_report_list
from rightstrack.reminders.models import SentNotification
from rightstrack.reminders.selectors import deadline_items, split_by_state

# Reminders go out this many days before a due date.
REMINDER_DAYS = (14, 3)


def _render(template: str, context: dict, language: str) -> Mail:
    with translation.override(language):
        subject = render_to_string(f"reminders/{template}_subject.txt", context).strip()
        return Mail(" ".join(subject.split()), render_to_string(f"reminders/{template}.txt", context),
                    render_to_string(f"reminders/{template}.html", context))


def _base_context(user, today: date) -> dict:
    return {"user": user, "today": today, "site_url": settings.SITE_URL.rstrip("/")}


def focal_point_digest(*, user, today: date) -> Mail | None:
    """The weekly digest of a focal point's overdue and due-soon items and reports returned to them; None if empty."""
    items = split_by_state(deadline_items(user=user, today=today, institution_ids=user.institution_ids))
    reports = list(focal_point_todo(user=user, today=today)["reports"].filter(state="returned"))
    if not (items["overdue"] or items["due_soon"] or reports):
        return None
    return _render("digest", {**_base_context(user, today), **items, "reports": reports}, user.language)


def escalation_digest(*, user, today: date) -> Mail | None:
    """A coordinator's digest: overdue items grouped by institution, and reports waiting for review."""
    overdue = split_by_state(deadline_items(user=user, today=today))["overdue"]
    groups: dict[str, list] = {}
    for item in sorted(overdue, key=lambda i: i.due):
        groups.setdefault(item.institution or "—", []).append((item, item.days_late(today)))
    waiting = list(progress_report_list(user=user).filter(state="submitted").order_by("submitted_at", "pk"))
    if not (groups or waiting):
        return None
    return _render("escalation", {**_base_context(user, today), "groups": sorted(groups.items()),
                                  "overdue_count": len(overdue), "waiting": waiting}, user.language)


def reminder_mail(*, user, item, days: int, today: date) -> Mail:
    """A short reminder that one item falls due in `days` days."""
    return _render("reminder", {**_base_context(user, today), "item": item, "days": days}, user.language)


@transaction.atomic
def _send_once(*, user, kind: str, key: str, mail: Mail) -> bool:
    """Log, then send; a duplicate log row means it was already sent, and a failed send rolls the log back."""
    try:
        with transaction.atomic():
            SentNotification.objects.create(user=user, kind=kind, key=key)
    except IntegrityError:
        return False
    mail_send(to=user.email, mail=mail)
    return True


def _recipients(role: str):
    return User.objects.filter(role=role, is_active=True).exclude(email="").prefetch_related("institutions")


def notifications_send(*, today: date | None = None) -> dict[str, int]:
    """Send this week's digests (once per ISO week) and today's reminders; returns counts per kind.

    Safe to run daily from cron or the job system: the log makes every mail go out once.
    """
    today = today or date.today()
    year, week, _ = today.isocalendar()
    week_key = f"{year}-W{week:02d}"
    sent = {"digest": 0, "escalation": 0, "reminder": 0}
    for user in _recipients(Role.FOCAL_POINT):
        mail = focal_point_digest(user=user, today=today)
        if mail and _send_once(user=user, kind="digest", key=week_key, mail=mail):
            sent["digest"] += 1
        for item in deadline_items(user=user, today=today, institution_ids=user.institution_ids,
                                   horizon_days=max(REMINDER_DAYS)):
            days = (item.due - today).days
            if days in REMINDER_DAYS and _send_once(user=user, kind="reminder", key=f"{item.key}:{days}",
                                                   mail=reminder_mail(user=user, item=item, days=days, today=today)):
                sent["reminder"] += 1
    for user in _recipients(Role.COORDINATOR):
        mail = escalation_digest(user=user, today=today)
        if mail and _send_once(user=user, kind="escalation", key=week_key, mail=mail):
            sent["escalation"] += 1
    sent["round"] = reporting_round_mails_send(rounds=ReportingRound.objects.filter(state="open"), today=today)
    return sent


# Reporting rounds: one mail when a round opens, a reminder this many days before its deadline
# and another this many days after it, to those who have not answered.
ROUND_BEFORE_DAYS = 3
ROUND_AFTER_DAYS = 1


def _round_mail_kind(rnd, today: date) -> str:
    """Which round mail is due today for those with unanswered items: 'before', 'after' or ''."""
    days_left = (rnd.deadline - today).days
    opened_before_window = (rnd.deadline - rnd.created_at.date()).days > ROUND_BEFORE_DAYS
    if 0 <= days_left <= ROUND_BEFORE_DAYS and opened_before_window:
        return "before"
    if days_left <= -ROUND_AFTER_DAYS:
        return "after"
    return ""


def reporting_round_mails_send(*, rounds, today: date | None = None) -> int:
    """Send each open round's opening mail and its reminders to the asked focal points; returns the count.

    Every mail is logged with its round and step, so it goes out once however often this runs;
    reminders go only to those with items still unanswered.
    """
    today = today or date.today()
    sent = 0
    for rnd in rounds:
        if rnd.state != ReportingRound.State.OPEN:
            continue
        items = round_items(rounds=[rnd])
        later = _round_mail_kind(rnd, today)
        for user in _recipients(Role.FOCAL_POINT):
            mine = [item for item in items if item.institution.pk in user.institution_ids]
            if not mine:
                continue
            context = {**_base_context(user, today), "round": rnd, "days": abs((rnd.deadline - today).days)}
            if _send_once(user=user, kind="reminder", key=f"round:{rnd.pk}:opened",
                          mail=_render("round_opened", {**context, "items": mine}, user.language)):
                sent += 1
                continue  # a reminder in the same run as the opening mail would say the same thing twice
            unanswered = [item for item in mine if not item.answered]
            if later and unanswered and _send_once(
                    user=user, kind="reminder", key=f"round:{rnd.pk}:{later}",
                    mail=_render("round_reminder", {**context, "items": unanswered, "step": later}, user.language)):
                sent += 1
    return sent

