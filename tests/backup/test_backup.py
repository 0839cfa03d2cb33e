"""Backup and restore: every table, history and uploaded file; checksums match after a round trip."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from rightstrack.backup.services import SKIPPED_MODELS, BackupError, backup_create, backup_restore
from rightstrack.jobs.models import Job
from rightstrack.planning.models import Evidence
from rightstrack.recommendations.models import Recommendation
from rightstrack.search.models import ClusterSuggestion
from rightstrack.tagreview.models import TaggingModelVersion
from tests.snapshot import database_fingerprint

PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def _fingerprint() -> dict:
    """Every backed-up table (the search index is derived data, rebuilt after a restore)."""
    return {k: v for k, v in database_fingerprint().items() if k.lower() not in SKIPPED_MODELS}


def _manifest(path):
    return json.loads(zipfile.ZipFile(path).read("manifest.json"))


@pytest.fixture
def evidence(world):
    return Evidence.objects.create(progress_report=world.draft, title="Order No. 5",
                                   file=ContentFile(b"%PDF-1.4 order", name="order.pdf"))


# Committed rows, as in real use: PostgreSQL cannot TRUNCATE (flush) tables with deferred checks pending.
@pytest.mark.django_db(transaction=True)
def test_round_trip_restores_data_history_and_files_with_equal_checksums(world, evidence, tmp_path):
    world.recommendation.text = "Edited before the backup"
    world.recommendation.save()
    first = backup_create(path=tmp_path / "one.zip")
    assert first["counts"]["recommendations.historicalrecommendation"] >= 2
    before = _fingerprint()
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    backup_restore(path=tmp_path / "one.zip")
    assert _fingerprint() == before
    assert Evidence.objects.get(pk=evidence.pk).file.read() == b"%PDF-1.4 order"
    second = backup_create(path=tmp_path / "two.zip")
    assert (second["data_sha256"], second["files"], second["counts"]) == (first["data_sha256"], first["files"],
                                                                        first["counts"])


@pytest.mark.django_db(transaction=True)
def test_people_s_decisions_and_trained_taggers_survive_a_round_trip(world, tmp_path):
    """Only the search index is derived data. A dismissed cluster suggestion (what keeps the same group from being
    suggested again) and a tagger trained here from accepted tags (its registry row with the held-out evaluation,
    and its files under MEDIA_ROOT) are people's work, and a restore brings them back."""
    coordinator = world.users["coordinator"]
    dismissed = ClusterSuggestion.objects.create(
        key=f"{world.recommendation.pk},{world.hidden_recommendation.pk}", similarity=0.96, decided_by=coordinator,
        status=ClusterSuggestion.Status.DISMISSED, decided_at=timezone.now())
    dismissed.recommendations.set([world.recommendation, world.hidden_recommendation])
    model_files = Path(settings.MEDIA_ROOT) / "tagging-models" / "upr-issues" / "20261130-010000-000000"
    model_files.mkdir(parents=True)
    (model_files / "model.json").write_text('{"taxonomy": "upr-issues"}')
    evaluation = {"micro": {"precision": 0.81, "recall": 0.77, "f1": 0.79}}
    TaggingModelVersion.objects.create(version="upr-issues/linear@e5-small-int8/trained-1", taxonomy="upr-issues",
                                       evaluation=evaluation, path="tagging-models/upr-issues/20261130-010000-000000",
                                       trained_on=42)
    made = backup_create(path=tmp_path / "b.zip")
    assert "search.searchdocument" not in made["counts"]  # the world's recommendations are indexed: derived
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    backup_restore(path=tmp_path / "b.zip")
    restored = ClusterSuggestion.objects.get()
    assert (restored.key, restored.status, restored.decided_by.username) == (
        dismissed.key, ClusterSuggestion.Status.DISMISSED, coordinator.username)
    members = {world.recommendation.pk, world.hidden_recommendation.pk}
    assert set(restored.recommendations.values_list("pk", flat=True)) == members
    trained = TaggingModelVersion.objects.get()
    assert (trained.evaluation, trained.trained_on) == (evaluation, 42)
    assert (Path(settings.MEDIA_ROOT) / trained.path / "model.json").read_text() == '{"taxonomy": "upr-issues"}'


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_with_data_unless_forced(world, tmp_path):
    backup_create(path=tmp_path / "b.zip")
    Recommendation.objects.filter(pk=world.recommendation.pk).update(text="Changed after the backup")
    before = _fingerprint()
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(tmp_path / "b.zip"))
    assert _fingerprint() == before
    call_command("restore", str(tmp_path / "b.zip"), "--force")
    assert Recommendation.objects.get(pk=world.recommendation.pk).text != "Changed after the backup"


def test_a_damaged_backup_is_refused_before_anything_changes(world, tmp_path):
    backup_create(path=tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as source, zipfile.ZipFile(tmp_path / "bad.zip", "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "data.jsonl":
                data = data.replace(b'"recommendations.recommendation"', b'"recommendations.recommendatioN"')
            target.writestr(item, data)
    before = _fingerprint()
    with pytest.raises(BackupError, match="checksum"):
        backup_restore(path=tmp_path / "bad.zip", force=True)
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    with pytest.raises(BackupError, match="cannot open"):
        backup_restore(path=tmp_path / "junk.zip", force=True)
    assert _fingerprint() == before


def _postgres_available() -> bool:
    try:
        psycopg.connect(PG_ADMIN, connect_timeout=2).close()
        return True
    except psycopg.Error:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not _postgres_available(), reason="PostgreSQL is not running")
def test_backup_restores_into_the_other_database_engine(world, evidence, tmp_path):
    """SQLite -> PostgreSQL (the path to production), or PostgreSQL -> SQLite when the tests run on PostgreSQL."""
    made = backup_create(path=tmp_path / "b.zip")
    env = {**os.environ, "RIGHTSTRACK_DATA_DIR": str(tmp_path / "other"), "MEDIA_ROOT": str(tmp_path / "media2")}
    (tmp_path / "other").mkdir()
    name = f"rightstrack_xrestore_{os.getpid()}"
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    else:
        env.pop("DATABASE_URL", None)
    cli = [sys.executable, "-m", "rightstrack.cli"]
    try:
        restored = subprocess.run([*cli, "restore", str(tmp_path / "b.zip")], env=env, capture_output=True, text=True)
        assert restored.returncode == 0, restored.stderr[-2000:]
        again = subprocess.run([*cli, "backup", str(tmp_path / "again.zip")], env=env, capture_output=True, text=True)
        assert again.returncode == 0, again.stderr[-2000:]
    finally:
        if connection.vendor == "sqlite":
            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    other = _manifest(tmp_path / "again.zip")
    assert (other["data_sha256"], other["files"], other["counts"]) == (made["data_sha256"], made["files"],
                                                                      made["counts"])
    assert other["database"] != made["database"]


@pytest.mark.django_db(transaction=True)
def test_restore_inserts_a_model_s_rows_together_not_one_statement_per_row(world, tmp_path):
    from django.test.utils import CaptureQueriesContext

    def statements_to_restore(extra: int) -> int:
        for n in range(extra):
            Recommendation.objects.create(source_document=world.document, paragraph=f"800.{extra}.{n}",
                                          text=f"Row {n}").recommending_states.add(*world.recommendation
                                                                                   .recommending_states.all())
        backup_create(path=tmp_path / f"{extra}.zip")
        with CaptureQueriesContext(connection) as captured:
            backup_restore(path=tmp_path / f"{extra}.zip", force=True)
        return len(captured)

    few, many = statements_to_restore(3), statements_to_restore(60)
    assert Recommendation.objects.count() == 2 + 3 + 60
    assert many - few < 10, (few, many)  # 60 more records, their history and States: a few statements more


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_before_tag_review_left_search_restores_its_trained_taggers(world, tmp_path):
    """Backups made while `TaggingModelVersion` was in the search app name its rows `search.taggingmodelversion`."""
    TaggingModelVersion.objects.create(version="sdg/trained-1", taxonomy="sdg", trained_on=12)
    backup_create(path=tmp_path / "new.zip")
    old = tmp_path / "old.zip"
    with zipfile.ZipFile(tmp_path / "new.zip") as new, zipfile.ZipFile(old, "w") as archive:
        data = new.read("data.jsonl").replace(b'"model": "tagreview.taggingmodelversion"',
                                              b'"model": "search.taggingmodelversion"')
        assert b"search.taggingmodelversion" in data
        manifest = json.loads(new.read("manifest.json"))
        manifest["data_sha256"] = hashlib.sha256(data).hexdigest()
        archive.writestr("data.jsonl", data)
        archive.writestr("manifest.json", json.dumps(manifest))
        for name in new.namelist():
            if name.startswith("media/"):
                archive.writestr(name, new.read(name))
    call_command("flush", interactive=False, verbosity=0)
    backup_restore(path=old)
    assert TaggingModelVersion.objects.get().trained_on == 12


@pytest.mark.django_db(transaction=True)
def test_a_job_running_when_the_backup_was_made_is_failed_in_the_restored_copy(world, tmp_path):
    """No worker will ever finish it there, so the Jobs page must not show it as running for ever."""
    running = Job.objects.create(kind=Job.Kind.REINDEX, state=Job.State.RUNNING, worker="elsewhere:1", done=3,
                                 total=10)
    finished = Job.objects.create(kind=Job.Kind.REINDEX, state=Job.State.DONE, result={"indexed": 4})
    backup_create(path=tmp_path / "b.zip")
    backup_restore(path=tmp_path / "b.zip", force=True)
    running.refresh_from_db()
    finished.refresh_from_db()
    assert running.state == Job.State.FAILED and "backup was made" in running.error and running.finished_at
    assert (finished.state, finished.result, finished.error) == (Job.State.DONE, {"indexed": 4}, "")
