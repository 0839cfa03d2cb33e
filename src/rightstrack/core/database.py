"""Whether the database is set up: commands that need it say so in one line instead of a traceback."""

from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import DatabaseError


def unapplied_migrations(alias: str = "default") -> int:
    """How many migrations the database still lacks (every one, for a new empty database)."""
    executor = MigrationExecutor(connections[alias])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def not_set_up_reason(alias: str = "default") -> str | None:
    """Why the database cannot serve commands (it cannot be opened, or migrations are missing), or None when it
    can. Called after a command failed on a database error, to tell a missing set-up from a real failure."""
    connections[alias].close()  # a failed statement may have left the connection unusable (PostgreSQL)
    try:
        missing = unapplied_migrations(alias)
    except DatabaseError as error:
        return f"the database cannot be opened ({error})"
    if missing:
        return f"the database is not set up ({missing} migrations not applied)"
    return None
