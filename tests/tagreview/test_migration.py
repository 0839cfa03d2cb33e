"""Upgrading a database from before tag review left the search app: the tagger versions keep their rows, the table
takes the new app's name, and their content type moves with them, so permissions granted on them and jobs that
point at them still hold."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rightstrack.accounts.models import Role
from rightstrack.jobs.models import Job
from rightstrack.tagreview.models import TaggingModelVersion
from tests.factories import make_user

BEFORE = [("search", "0007_job_moved_to_jobs"), ("tagreview", None)]
EVALUATION = {"micro": {"precision": 0.81, "recall": 0.77, "f1": 0.79}}


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()


def _downgrade():
    """Back to search/0007, before tagreview had a migration; returns the models as they were then."""
    _migrate(BEFORE)
    loader = MigrationExecutor(connection).loader
    others = [node for node in loader.graph.leaf_nodes() if node[0] not in ("search", "tagreview")]
    return loader.project_state([*others, BEFORE[0]]).apps


def _upgrade() -> None:
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_upgrading_keeps_the_tagger_versions_their_permissions_and_the_jobs_on_them():
    reader = make_user("reader", Role.VIEWER)
    old = _downgrade()
    assert "search_taggingmodelversion" in connection.introspection.table_names()
    OldVersion = old.get_model("search", "TaggingModelVersion")
    row = OldVersion.objects.create(version="upr-issues/linear@e5-small-int8/trained-1", taxonomy="upr-issues",
                                    evaluation=EVALUATION, thresholds={"1": 0.4}, protocol="nested 5-fold",
                                    path="tagging-models/upr-issues/20261130-010000-000000", trained_on=42)
    old_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="search", model="taggingmodelversion")[0]
    permission = old.get_model("auth", "Permission").objects.get_or_create(
        content_type=old_type, codename="view_taggingmodelversion", defaults={"name": "Can view"})[0]
    old.get_model("accounts", "User").objects.get(pk=reader.pk).user_permissions.add(permission)
    old.get_model("jobs", "Job").objects.create(kind="train", state="done", object_type_id=old_type.pk,
                                                object_id=row.pk)

    _upgrade()

    tables = connection.introspection.table_names()
    assert "tagreview_taggingmodelversion" in tables and "search_taggingmodelversion" not in tables
    moved = TaggingModelVersion.objects.get()
    assert (moved.pk, moved.version, moved.evaluation, moved.thresholds, moved.path, moved.trained_on) == (
        row.pk, row.version, EVALUATION, {"1": 0.4}, row.path, 42)
    assert ContentType.objects.get_for_model(TaggingModelVersion).pk == old_type.pk
    assert not ContentType.objects.filter(app_label="search", model="taggingmodelversion").exists()
    assert Permission.objects.get(pk=permission.pk).content_type_id == old_type.pk
    reader.refresh_from_db()
    assert reader.has_perm("tagreview.view_taggingmodelversion")
    assert Job.objects.get(kind=Job.Kind.TRAIN).object == moved
    # New rows go on after the moved ones (the id sequence came along with the table).
    assert TaggingModelVersion.objects.create(version="sdg/trained-2", taxonomy="sdg").pk > row.pk


@pytest.mark.django_db(transaction=True)
def test_downgrading_gives_the_search_app_its_table_and_rows_back():
    TaggingModelVersion.objects.create(version="sdg/trained-1", taxonomy="sdg", trained_on=12)
    old = _downgrade()
    assert old.get_model("search", "TaggingModelVersion").objects.get().trained_on == 12
    assert ContentType.objects.filter(app_label="search", model="taggingmodelversion").exists()
    assert not ContentType.objects.filter(app_label="tagreview", model="taggingmodelversion").exists()
    _upgrade()
    assert TaggingModelVersion.objects.get().trained_on == 12
