"""One real SMTP round trip: the confirmation mail reaches a local debugging server with its headers."""

import email
import socket

import pytest
from aiosmtpd.controller import Controller

from rightstrack.subscriptions.services import subscription_request
from tests.subscriptions.conftest import sign_up_data


class Collect:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def test_confirmation_mail_travels_over_smtp(world, settings, smtp_server, django_capture_on_commit_callbacks):
    handler, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    data = sign_up_data(world)
    with django_capture_on_commit_callbacks(execute=True):
        subscription_request(email=data["email"], language="ru", consent_version=data["consent_version"],
                             terms=[world.term])
    [(recipients, raw)] = handler.messages
    assert recipients == ["reader@example.org"]
    message = email.message_from_bytes(raw)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message["List-Unsubscribe"].strip()
    assert header.startswith("<http") and "/unsubscribe/" in header
    assert message.is_multipart()
    text = message.get_payload(0).get_payload(decode=True).decode()
    assert "/public/subscriptions/confirm/" in text
