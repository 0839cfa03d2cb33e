"""The facet triggers survive SQLite's table rebuilds.

SQLite cannot add a NOT NULL column or change a constraint in place: Django's migration copies the table into a new
one and drops the old one, and the triggers on it go too. Search migration 0003 made the facet triggers; after
every `migrate` they are made again where they are missing (`CREATE TRIGGER IF NOT EXISTS`). PostgreSQL alters
tables in place and keeps them."""

from importlib import import_module

from django.db import connections
from django.db.models.signals import post_migrate
from django.dispatch import receiver

FACET_MIGRATION = "rightstrack.search.migrations.0003_facet_generation"


def sqlite_facet_triggers() -> list[str]:
    """0003's SQLite triggers, each made only if missing."""
    return [sql.replace("CREATE TRIGGER ", "CREATE TRIGGER IF NOT EXISTS ", 1)
            for sql in import_module(FACET_MIGRATION)._sqlite()[0]]


@receiver(post_migrate, dispatch_uid="search_facet_triggers")
def facet_triggers_restore(sender, using="default", **kwargs) -> None:
    connection = connections[using]
    if sender.name != "rightstrack.search" or connection.vendor != "sqlite":
        return
    if "search_facetgeneration" not in connection.introspection.table_names():
        return  # migrated backwards past 0003
    with connection.cursor() as cursor:
        for sql in sqlite_facet_triggers():
            cursor.execute(sql)
