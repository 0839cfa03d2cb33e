"""SQLite drops a table's triggers when a migration rebuilds it; the facet triggers are made again after migrate."""

import pytest
from django.core.management import call_command
from django.db import connection

from rightstrack.search.triggers import sqlite_facet_triggers

pytestmark = pytest.mark.django_db(transaction=True)


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_facets_%'")
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL alters tables in place")
def test_every_facet_trigger_exists_after_migrate_even_when_a_table_was_rebuilt():
    expected = {sql.split()[5] for sql in sqlite_facet_triggers()}
    assert len(expected) == 15 and _triggers() == expected  # the recommendation table was rebuilt by later migrations
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER search_facets_recommendations_recommendation_insert")
    assert "search_facets_recommendations_recommendation_insert" not in _triggers()
    call_command("migrate", verbosity=0)
    assert _triggers() == expected
