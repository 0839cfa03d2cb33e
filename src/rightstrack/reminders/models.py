"""A log of the notifications sent, so that a digest or reminder goes out once however often the job runs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SentNotification(models.Model):
    """One e-mail sent to one user: a weekly digest, an escalation digest or a reminder before a due date."""

    class Kind(models.TextChoices):
        DIGEST = "digest", _("Weekly digest")
        ESCALATION = "escalation", _("Escalation digest")
        REMINDER = "reminder", _("Reminder")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The ISO week for digests ("2026-W48"); item, due date and lead time for reminders.
    key = models.CharField(_("key"), max_length=120)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["user", "kind", "key"], name="notification_sent_once")]
        verbose_name = _("sent notification")
        verbose_name_plural = _("sent notifications")

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.user_id}"
