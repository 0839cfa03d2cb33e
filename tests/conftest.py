"""Shared fixtures: a small world of records per role, and Chromium for browser tests."""

import os

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import World, build_world

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    """A test that activates a language must not leak it into the next one (same thread)."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_and_mail(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    progress = {**settings.CACHES["progress"], "LOCATION": tmp_path / "cache" / "progress"}
    ratelimit = {**settings.CACHES.get("ratelimit", progress), "LOCATION": tmp_path / "cache" / "ratelimit"}
    settings.CACHES = {**settings.CACHES, "progress": progress, "ratelimit": ratelimit}
    # The test client's login() authenticates without a request, which django-axes refuses;
    # tests/accounts/test_throttling.py turns it on and signs in through the forms.
    settings.AXES_ENABLED = False
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
