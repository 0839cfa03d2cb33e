"""The operator at the console: the CLI runs with full read rights, like the database owner it is."""

from rightstrack.accounts.models import Role


class ConsoleOperator:
    """A stand-in user for selectors when the CLI exports everything (it is never saved or stamped in history)."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    is_anonymous = False
    role = Role.ADMINISTRATOR
    pk = id = None
    institution_ids: frozenset[int] = frozenset()
