"""On PostgreSQL, a facet-data change writes a new token to a row that no other open transaction holds, instead of
the one row that every such transaction used to wait for.

0003's triggers upserted row id=1, so every transaction that changed facet data held that row's lock until it
committed: a long import blocked every edit, and two transactions that also locked each other's rows deadlocked.
Now the triggers' common action (`search_facets_new_token`) takes the lowest row that no other transaction has
locked (`FOR UPDATE SKIP LOCKED` never waits) and gives it a new random token, or adds a row when every row is
held. Readers read all the rows (`selectors.facet_generation`). Rows are never deleted: there are as many as the
most transactions that ever changed facet data at the same moment. The triggers and what they watch are 0003's;
only that action changes. SQLite allows one writing transaction at a time and keeps 0003's single row.
"""

from importlib import import_module

from django.db import migrations

migration_0003 = import_module("rightstrack.search.migrations.0003_facet_generation")

ONE_ROW = ("INSERT INTO search_facetgeneration (id, token) VALUES (1, gen_random_uuid()::text) "
           "ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;")
A_FREE_ROW = "PERFORM search_facets_new_token();"
NEW_TOKEN = ("CREATE FUNCTION search_facets_new_token() RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
             "UPDATE search_facetgeneration SET token = gen_random_uuid()::text WHERE id = "
             "(SELECT id FROM search_facetgeneration ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED); "
             "IF NOT FOUND THEN INSERT INTO search_facetgeneration (token) VALUES (gen_random_uuid()::text); END IF; "
             "END $$")
# The row 0003 inserted has an explicit id: new rows take theirs from the identity sequence, which must be past it.
SEQUENCE_PAST_ROWS = ("SELECT setval(pg_get_serial_sequence('search_facetgeneration', 'id'), "
                      "coalesce(max(id), 0) + 1, false) FROM search_facetgeneration")
# 0003's readers read row 1 only: one row with a token no reader has seen.
BACK_TO_ONE_ROW = ["DELETE FROM search_facetgeneration WHERE id <> 1", ONE_ROW]


def _trigger_functions(touch: str) -> list[str]:
    """0003's trigger functions, each doing `touch` where 0003's upserted row 1."""
    functions = [sql for sql in migration_0003._postgres()[0] if sql.startswith("CREATE FUNCTION")]
    assert functions and all(ONE_ROW in sql for sql in functions), "0003's trigger functions are not as expected"
    return [sql.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1).replace(ONE_ROW, touch)
            for sql in functions]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql, params=None)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_facet_generation")]

    operations = [
        migrations.RunPython(
            _run([NEW_TOKEN, SEQUENCE_PAST_ROWS, *_trigger_functions(A_FREE_ROW)]),
            _run([*_trigger_functions(ONE_ROW), "DROP FUNCTION search_facets_new_token()", *BACK_TO_ONE_ROW]),
        ),
    ]
