"""PostgreSQL: the full-text GIN index keeps at most 256 kB of pending entries instead of 4 MB.

With `fastupdate` (on by default) a write adds its document's entries to a pending list, which is merged into the
index only when it outgrows `gin_pending_list_limit` or when (auto)vacuum runs. Until then every search reads the
whole list, and the planner, which counts its pages, may give up the index for a sequential scan of every vector
(after 30k documents were written, `пытки` took a fifth longer). A list of at most 256 kB keeps the index's cost
close to that of a merged one. Writing 10k documents took about 20% longer; with `fastupdate = off` it took four
times as long (see docs/search.md).
"""

from django.db import migrations

INDEX = "search_document_vector_gin"


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_facet_token_slots")]

    operations = [
        migrations.RunPython(_run(f"ALTER INDEX {INDEX} SET (gin_pending_list_limit = 256)"),
                             _run(f"ALTER INDEX {INDEX} RESET (gin_pending_list_limit)")),
    ]
