"""The console script: data-dir handling and pass-through to management commands."""

import os
import subprocess
import sys

import pytest


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "rightstrack.cli", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def test_manage_passes_through_to_django():
    result = run("manage", "check")
    assert result.returncode == 0 and "no issues" in result.stdout


@pytest.mark.sqlite_run_only  # a SQLite data directory of its own, whichever database the suite runs on
def test_serve_refuses_an_unmigrated_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run([sys.executable, "-m", "rightstrack.cli", "serve", "--data-dir", str(tmp_path)],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode != 0
    assert "not migrated" in result.stderr


@pytest.mark.sqlite_run_only  # a SQLite data directory of its own, whichever database the suite runs on
def test_commands_that_need_the_database_say_in_one_line_that_it_is_not_set_up(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    for command in (["reindex"], ["tag", "train", "--taxonomy", "upr-issues", "--from-accepted"],
                    ["export", "recommendations", "--format", "csv", "--output", str(tmp_path / "out.csv")]):
        result = subprocess.run([sys.executable, "-m", "rightstrack.cli", *command, "--data-dir", str(tmp_path)],
                                capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr.startswith("error: the database is not set up (") and "Traceback" not in result.stderr
        assert "rightstrack manage migrate" in result.stderr
    assert not (tmp_path / "out.csv").exists()


def test_production_refuses_an_unsafe_configuration():
    result = run("manage", "check", env={"RIGHTSTRACK_ENV": "production", "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "Unsafe production configuration" in result.stderr and "SECRET_KEY" in result.stderr
