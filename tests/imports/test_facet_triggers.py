"""Bulk writes pause SQLite's per-row facet triggers: the facet token still changes once, and the triggers come back
exactly as they were, after a commit and after a rollback."""

import pytest
from django.db import connection, transaction

from rightstrack.imports.services import import_file
from rightstrack.search.selectors import facet_generation
from rightstrack.search.signals import facet_triggers_paused
from rightstrack.taxonomy.models import TagAssignment
from tests.imports.conftest import csv_bytes, uhri_row

pytestmark = pytest.mark.django_db


def _triggers() -> set:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal")
        return set(cursor.fetchall())


def test_an_import_changes_the_facet_token_and_leaves_every_trigger_as_it_was(tmp_path, terms, world):
    before, token = _triggers(), facet_generation()
    assert any("search_facets" in name for name, _sql in before)
    path = tmp_path / "uhri.csv"
    path.write_bytes(csv_bytes([uhri_row(1), uhri_row(2)]))
    assert import_file(path=path, actor=None, format_name="uhri").created == 2
    assert _triggers() == before
    assert facet_generation() != token  # list pages rebuild their facet counts with the new rows


def test_the_triggers_come_back_when_the_bulk_write_fails(world):
    before = _triggers()
    with pytest.raises(RuntimeError), transaction.atomic(), facet_triggers_paused():
        raise RuntimeError
    assert _triggers() == before


def test_only_inserts_inside_the_pause_skip_the_triggers_and_one_token_covers_them(world, terms):
    """Inside the pause an accepted tag does not touch the token row; leaving it writes a new token."""
    token = facet_generation()
    with transaction.atomic(), facet_triggers_paused():
        TagAssignment.objects.create(recommendation=world.recommendation, term=terms["theme"], status="accepted")
        if connection.vendor == "sqlite":
            assert facet_generation() == token
    after = facet_generation()
    assert after != token
    with transaction.atomic():
        TagAssignment.objects.create(recommendation=world.recommendation, term=terms["women"], status="accepted")
        assert facet_generation() != after  # outside a pause the trigger fires at once
