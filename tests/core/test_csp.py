"""A strict Content-Security-Policy (finding 11): no inline script anywhere, and the pages that use scripts still
work under it in Chromium without a single CSP violation."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.test_progress_workflow import sign_in
from tests.factories import build_world

TEMPLATES = Path(settings.PACKAGE_DIR)  # the project's templates and every app's own
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/public/", "/api/v1/recommendations", "/accounts/login/"])
def test_every_response_carries_a_strict_policy(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'" and directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = [str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("templates/**/*.html")
                 if INLINE_SCRIPT.search(p.read_text()) or HANDLER.search(p.read_text())]
    assert offenders == []


@pytest.mark.django_db(transaction=True)
def test_scripted_pages_work_under_the_policy(live_server, page: Page):
    world = build_world()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    sign_in(page, live_server.url, "coord")
    page.goto(live_server.url + reverse("tagreview:tag_review"))
    select_all = page.get_by_label("Select all")
    expect(select_all).to_be_visible()  # shown by the script, which the policy let run
    select_all.check()
    expect(page.locator(f'input[type=checkbox][name="tags"][value="{world.suggestion.pk}"]')).to_be_checked()
    for url in [reverse("recommendations:recommendation_list"), world.recommendation.get_absolute_url(),
                reverse("dashboards:dashboard"), "/api/v1/docs", reverse("portal:home")]:
        page.goto(live_server.url + url)
    page.goto(live_server.url + reverse("portal:recommendation_detail", args=[world.recommendation.pk]))
    page.get_by_label("Permalink").focus()
    assert page.evaluate("() => document.activeElement.selectionEnd > 0")
    assert violations == []
