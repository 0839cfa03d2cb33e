"""In Chromium: a coordinator who must use two-factor sign-in is sent to enrol, scans (reads) the QR code, confirms
with the app's code, sees the recovery codes and then reaches the app; the next sign-in asks for a code."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from tests.browser.test_progress_workflow import sign_in
from tests.factories import build_world


def app_code(secret_text: str) -> str:
    """What an authenticator app shows for the secret typed from the page."""
    return f"{TOTP(b32decode(secret_text.replace(' ', ''))).token():06d}"


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_enrols_then_signs_in_with_a_code(live_server, page: Page, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["administrator", "coordinator"]
    build_world()
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    sign_in(page, live_server.url, "coord")

    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    qr = page.locator("#two-factor-qr")
    expect(qr).to_be_visible()
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0")  # the data: SVG passed the CSP
    secret = page.locator("#two-factor-secret").inner_text()
    page.get_by_label("Code").fill(app_code(secret))
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("link", name="Import", exact=True)).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server.url, "coord")
    expect(page.get_by_role("heading", name="Two-factor sign-in")).to_be_visible()
    page.get_by_label("Code").fill("12345")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".errorlist")).to_contain_text("This code is wrong")
    page.goto(f"{live_server.url}/imports/")
    expect(page.get_by_role("heading", name="Two-factor sign-in")).to_be_visible()
    assert violations == []
