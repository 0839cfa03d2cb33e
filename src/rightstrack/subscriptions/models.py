"""Follow-a-theme e-mail subscriptions: subscribers, what they follow, and the record of their consent."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_secret() -> str:
    """An unguessable per-subscriber secret; links carry it inside a signed token."""
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """An e-mail address that asked to follow themes, mechanisms or institutions.

    Nothing is sent to it before `confirmed_at` is set (double opt-in); after `unsubscribed_at`
    its data is kept only for the retention period, then purged.
    """

    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=5, default="en")
    secret = models.CharField(max_length=64, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("last digest at"), null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Subscription(models.Model):
    """One followed theme, mechanism or institution; digests use only confirmed ones."""

    class Kind(models.TextChoices):
        THEME = "theme", _("Theme")
        MECHANISM = "mechanism", _("Mechanism")
        INSTITUTION = "institution", _("Institution")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    term = models.ForeignKey("taxonomy.Term", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    mechanism = models.ForeignKey("recommendations.Mechanism", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="+")
    institution = models.ForeignKey("accounts.Institution", null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        ordering = ["subscriber", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="theme", term__isnull=False, mechanism__isnull=True, institution__isnull=True)
                           | models.Q(kind="mechanism", term__isnull=True, mechanism__isnull=False,
                                      institution__isnull=True)
                           | models.Q(kind="institution", term__isnull=True, mechanism__isnull=True,
                                      institution__isnull=False)),
                name="subscription_one_target_per_kind"),
        ]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target}"

    @property
    def target(self):
        return self.term or self.mechanism or self.institution


class ConsentRecord(models.Model):
    """What the subscriber agreed to and when: the exact consent text and version, and each event."""

    class Event(models.TextChoices):
        REQUESTED = "requested", _("Sign-up requested")
        CONFIRMED = "confirmed", _("Consent confirmed")
        WITHDRAWN = "withdrawn", _("Unsubscribed")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    consent_version = models.CharField(_("consent text version"), max_length=40)
    consent_text = models.TextField(_("consent text"))
    topics = models.JSONField(_("topics"), default=list, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["subscriber", "at", "id"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.subscriber}: {self.event} ({self.consent_version})"
