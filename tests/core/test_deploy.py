"""The production guard: unknown environments, wildcard hosts and weak keys are refused; a good production
configuration passes Django's deploy checks with HSTS and an SSL redirect."""

import os
import subprocess
import sys

import pytest

GOOD = {"RIGHTSTRACK_ENV": "production", "SECRET_KEY": "k7Qm2xVf9Lr4Wt8Zp1Yc6Nh3Bd5Gs0Je-Ua_Io7Ek2Rl9Tv4Xw1Zq8Mp3",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/rightstrack_deploy_check",
        "ALLOWED_HOSTS": "rights.example.org", "RIGHTSTRACK_DEBUG": ""}


def run(*args, env):
    """The console script under `env` on top of this process's environment, less the test-only async switch."""
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run([sys.executable, "-m", "rightstrack.cli", *args], capture_output=True, text=True,
                          timeout=120, env={**base, **env})


@pytest.mark.parametrize("value", ["Production", "PRODUCTION", "prod ", "staging"])
def test_an_unknown_environment_is_refused_not_run_as_demo(value):
    result = run("manage", "check", env={**GOOD, "RIGHTSTRACK_ENV": value})
    assert result.returncode != 0
    assert "RIGHTSTRACK_ENV must be one of demo, production" in result.stderr


@pytest.mark.parametrize("hosts", ["*", ",", "rights.example.org,*", " "])
def test_wildcard_or_empty_allowed_hosts_are_refused(hosts):
    result = run("manage", "check", env={**GOOD, "ALLOWED_HOSTS": hosts})
    assert result.returncode != 0
    assert "Unsafe production configuration" in result.stderr and "ALLOWED_HOSTS" in result.stderr


@pytest.mark.parametrize("key", ["insecure-demo-key-never-use-in-production", "a" * 40, "ab" * 40,
                                 "django-insecure-" + "x1y2z3w4v5u6t7s8r9q0" * 3])
def test_the_demo_key_and_low_entropy_keys_are_refused(key):
    result = run("manage", "check", env={**GOOD, "SECRET_KEY": key})
    assert result.returncode != 0
    assert "Unsafe production configuration" in result.stderr and "SECRET_KEY" in result.stderr


def test_a_good_production_configuration_passes_the_deploy_checks_with_hsts_and_ssl_redirect():
    result = run("manage", "check", "--deploy", "--fail-level", "WARNING", env=GOOD)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    result = run("manage", "shell", "-c", "from django.conf import settings as s; "
                 "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, s.DEBUG)", env=GOOD)
    assert result.stdout.strip().splitlines()[-1].split() == ["True", "True", "False"], result.stderr
