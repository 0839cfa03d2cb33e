"""Vendor-specific index structures: GIN + HNSW on PostgreSQL, an FTS5 table on SQLite."""

from django.db import migrations

POSTGRES = [
    "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_recommendation_embedding_hnsw ON search_recommendationembedding "
    "USING hnsw (vector vector_cosine_ops)",
    "CREATE INDEX search_measure_embedding_hnsw ON search_measureembedding USING hnsw (vector vector_cosine_ops)",
]
POSTGRES_REVERSE = ["DROP INDEX search_document_vector_gin", "DROP INDEX search_recommendation_embedding_hnsw",
                    "DROP INDEX search_measure_embedding_hnsw"]
# Stems (see search/text.py) go in; unicode61 only splits and folds case and diacritics.
SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(body, tokenize='unicode61 remove_diacritics 2')",
    # Django deletes index rows with plain SQL (cascade from the recommendation), so a trigger keeps FTS5 in step.
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.recommendation_id; END",
]
SQLITE_REVERSE = ["DROP TRIGGER search_fts_delete", "DROP TABLE search_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(_run({"postgresql": POSTGRES, "sqlite": SQLITE}),
                             _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE})),
    ]
