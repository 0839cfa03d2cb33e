"""The facet generation row and the triggers that write a new token whenever a recommendation's facets change.

Triggers, not signals: bulk updates, `SET_NULL` from deleting a cluster, imports and other processes change
facet data without Django signals. A new token is random, so a value is never seen twice (a rolled-back
change's token does not come back). On PostgreSQL the triggers are per statement (one write per statement,
however many rows), and an UPDATE compares the old and new rows of the statement so that edits that do not
touch a facet column (text, comments) leave the token alone; on SQLite they are per row with a WHEN clause.
Every trigger upserts the row, so it comes back after a flush or TRUNCATE emptied the table.
"""

from django.db import migrations, models

# table: (columns whose change changes a facet, whether inserting or deleting a row does)
WATCHED = {
    "recommendations_recommendation": (
        ["is_published", "source_document_id", "status", "response", "lead_institution_id", "cluster_id"], True),
    "recommendations_recommendation_recommending_states": (["recommendation_id", "country_id"], True),
    "taxonomy_tagassignment": (["status", "vocabulary", "term_id", "recommendation_id"], True),
    "recommendations_sourcedocument": (["mechanism_id", "cycle"], False),
    "recommendations_mechanism": (["code"], False),
    "recommendations_country": (["name"], False),
}
# Only accepted tags of a recommendation are facet values: suggestions come and go without a new token.
TAG_ROW = "{row}.status = 'accepted' AND {row}.recommendation_id IS NOT NULL"
TAGS = "taxonomy_tagassignment"


def _sqlite() -> tuple[list[str], list[str]]:
    touch = ("INSERT INTO search_facetgeneration (id, token) VALUES (1, lower(hex(randomblob(16)))) "
             "ON CONFLICT (id) DO UPDATE SET token = excluded.token;")
    forward, reverse = [], []
    for table, (columns, rows) in WATCHED.items():
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
        if table == TAGS:
            changed = f"({changed}) AND ({TAG_ROW.format(row='OLD')} OR {TAG_ROW.format(row='NEW')})"
        events = [("update", "UPDATE", changed)]
        if rows:
            events += [("insert", "INSERT", TAG_ROW.format(row="NEW") if table == TAGS else ""),
                       ("delete", "DELETE", TAG_ROW.format(row="OLD") if table == TAGS else "")]
        else:
            events += [("delete", "DELETE", "")]
        for suffix, event, condition in events:
            name = f"search_facets_{table}_{suffix}"
            when = f" WHEN {condition}" if condition else ""
            forward.append(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{when} BEGIN {touch} END")
            reverse.append(f"DROP TRIGGER IF EXISTS {name}")
    return forward, reverse


def _postgres() -> tuple[list[str], list[str]]:
    touch = ("INSERT INTO search_facetgeneration (id, token) VALUES (1, gen_random_uuid()::text) "
             "ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;")
    forward = [f"CREATE FUNCTION search_facets_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {touch} "
               "RETURN NULL; END $$"]
    reverse = []
    for table, (columns, rows) in WATCHED.items():
        # A set difference, not a join: transition tables have no statistics, and the planner's nested loop
        # over a 50k-row update's old and new rows took minutes. EXCEPT hashes, and treats NULLs as equal.
        facet_columns = ", ".join(["id", *columns])
        old_rows, new_rows = "old_rows", "new_rows"
        if table == TAGS:
            old_rows = f"(SELECT * FROM old_rows r WHERE {TAG_ROW.format(row='r')}) o"
            new_rows = f"(SELECT * FROM new_rows r WHERE {TAG_ROW.format(row='r')}) n"
        changed = (f"(SELECT {facet_columns} FROM {new_rows} EXCEPT SELECT {facet_columns} FROM {old_rows}) "
                   f"UNION ALL (SELECT {facet_columns} FROM {old_rows} EXCEPT SELECT {facet_columns} FROM {new_rows})")
        update = (f"CREATE FUNCTION search_facets_{table}_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                  f"IF EXISTS ({changed}) THEN {touch} END IF; "
                  "RETURN NULL; END $$")
        forward += [update, f"CREATE TRIGGER search_facets_update AFTER UPDATE ON {table} REFERENCING OLD TABLE "
                    f"AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
                    f"search_facets_{table}_update()"]
        reverse += [f"DROP TRIGGER IF EXISTS search_facets_update ON {table}",
                    f"DROP FUNCTION IF EXISTS search_facets_{table}_update()"]
        if rows and table == TAGS:
            for event, transition in (("INSERT", "NEW"), ("DELETE", "OLD")):
                function = f"search_facets_{table}_{event.lower()}"
                forward += [f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                            f"IF EXISTS (SELECT 1 FROM changed_rows r WHERE {TAG_ROW.format(row='r')}) THEN "
                            f"{touch} END IF; RETURN NULL; END $$",
                            f"CREATE TRIGGER search_facets_{event.lower()} AFTER {event} ON {table} REFERENCING "
                            f"{transition} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}()"]
                reverse += [f"DROP TRIGGER IF EXISTS search_facets_{event.lower()} ON {table}",
                            f"DROP FUNCTION IF EXISTS {function}()"]
        else:
            events = "INSERT OR DELETE OR TRUNCATE" if rows else "DELETE OR TRUNCATE"
            forward.append(f"CREATE TRIGGER search_facets_rows AFTER {events} ON {table} FOR EACH STATEMENT "
                           "EXECUTE FUNCTION search_facets_touch()")
            reverse.append(f"DROP TRIGGER IF EXISTS search_facets_rows ON {table}")
        if table == TAGS:
            forward.append(f"CREATE TRIGGER search_facets_truncate AFTER TRUNCATE ON {table} FOR EACH STATEMENT "
                           "EXECUTE FUNCTION search_facets_touch()")
            reverse.append(f"DROP TRIGGER IF EXISTS search_facets_truncate ON {table}")
    reverse.append("DROP FUNCTION IF EXISTS search_facets_touch()")
    return forward, reverse


def _run(which: str):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        statements = {"sqlite": _sqlite, "postgresql": _postgres}.get(vendor)
        if statements is None:
            return
        for sql in statements()[0 if which == "forward" else 1]:
            schema_editor.execute(sql, params=None)
        if which == "forward":
            schema_editor.execute("INSERT INTO search_facetgeneration (id, token) VALUES (1, 'initial')", params=None)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_indexes"), ("recommendations", "0001_initial"), ("taxonomy", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="FacetGeneration",
            fields=[("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                               verbose_name="ID")),
                    ("token", models.CharField(max_length=64))],
        ),
        migrations.RunPython(_run("forward"), _run("reverse")),
    ]
