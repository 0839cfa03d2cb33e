"""The audit log: who signed in (or failed to), used an API token, changed a role or permission, or exported
non-public data. Rows are only ever added; no page or admin form edits or deletes them, and only the retention
prune (`services.audit_prune`) removes the old ones."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One security-relevant event, with the account, the client address and what was touched."""

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", _("Sign-in")
        SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
        TWO_FACTOR_FAILED = "two_factor_failed", _("Wrong two-factor code")
        TOKEN_USED = "token_used", _("API token used")
        TOKEN_REFUSED = "token_refused", _("API token refused")
        ACCOUNT_CHANGED = "account_changed", _("Role or permission changed")
        EXPORT = "export", _("Export of non-public data")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("account"))
    username = models.CharField(_("username"), max_length=150, blank=True,
                                help_text=_("As given, also for failed sign-ins and deleted accounts."))
    ip_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    target = models.CharField(_("object"), max_length=300, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.kind} {self.username}"

    def detail_lines(self) -> list[str]:
        """The detail as lines people read ("role: viewer → coordinator", "groups, add: Coordinators"), never as a
        Python dict."""
        return list(_lines(self.detail))


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(map(_text, value)) or "—"
    return str(value)


def _lines(detail: dict, prefix: str = ""):
    for key, value in detail.items():
        label = f"{prefix}, {key}" if prefix else str(key)
        if key == "changes" and isinstance(value, dict):
            for field, pair in value.items():
                old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
                yield f"{field}: {_text(old)} → {_text(new)}"
        elif isinstance(value, dict):
            yield from _lines(value, label)
        else:
            yield f"{label}: {_text(value)}"
