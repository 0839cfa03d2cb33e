"""Outgoing mail: the one function every app sends through (reminders, digests, subscription mail)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives


@dataclass
class Mail:
    """A rendered e-mail, ready to send: a subject, a plain-text body and its HTML alternative."""

    subject: str
    text: str
    html: str


def mail_send(*, to: str, mail: Mail, headers: dict[str, str] | None = None) -> None:
    """Send one mail to one address from DEFAULT_FROM_EMAIL through the configured backend (SMTP in production,
    a file or memory elsewhere); a failure raises, so that a caller's send log rolls back with it."""
    message = EmailMultiAlternatives(mail.subject, mail.text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers)
    message.attach_alternative(mail.html, "text/html")
    message.send()
