"""The two search engines behind one interface, each with a SQLite and a PostgreSQL implementation.

Full text: FTS5 over Python Snowball stems on SQLite; tsvector (`russian` configuration, which stems
Cyrillic words as Russian and Latin words as English) with a GIN index on PostgreSQL.
Vectors: a brute-force numpy index held in process on SQLite; pgvector (HNSW, cosine) on PostgreSQL.
"""

import threading

import numpy as np
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import F, Max, Q
from django.db.models.expressions import RawSQL
from pgvector.django import CosineDistance

from rightstrack.search.models import SearchDocument
from rightstrack.search.query import Clause, Term, to_fts5

TS_CONFIG = "russian"


def _postgres() -> bool:
    return connection.vendor == "postgresql"


# --- full text -------------------------------------------------------------------------------------

def _ts_term(term: Term) -> SearchQuery:
    kind = "phrase" if len(term.words) > 1 else "plain"
    return SearchQuery(" ".join(term.words), search_type=kind, config=TS_CONFIG)


def _ts_query(clauses: list[Clause]) -> SearchQuery:
    query = None
    for clause in clauses:
        alternatives = None
        for term in clause.terms:
            alternatives = _ts_term(term) if alternatives is None else alternatives | _ts_term(term)
        query = alternatives if query is None else query & alternatives
    return query


def fulltext_filter(clauses: list[Clause]) -> Q:
    """A filter on recommendations matching all `clauses` (ANDed, each an OR of terms)."""
    if _postgres():
        return Q(pk__in=SearchDocument.objects.filter(vector=_ts_query(clauses)).values("recommendation_id"))
    return Q(pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [to_fts5(clauses)]))


def fulltext_ranked(clauses: list[Clause], limit: int) -> list[int]:
    """Ids of the best `limit` matches, best first (ts_rank on PostgreSQL, BM25 on SQLite)."""
    if _postgres():
        query = _ts_query(clauses)
        return list(SearchDocument.objects.filter(vector=query)
                    .annotate(rank=SearchRank(F("vector"), query)).order_by("-rank", "pk")
                    .values_list("recommendation_id", flat=True)[:limit])
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT %s",
                       [to_fts5(clauses), limit])
        return [row[0] for row in cursor.fetchall()]


# --- vectors ---------------------------------------------------------------------------------------

class _Matrix:
    """Every vector of one table in memory, reloaded when the table's (count, latest change) moves."""

    def __init__(self):
        self.signature = None
        self.ids = np.zeros(0, np.int64)
        self.vectors = np.zeros((0, 0), np.float32)


_matrices: dict[str, _Matrix] = {}
_lock = threading.Lock()


def _matrix(model) -> _Matrix:
    # COUNT(*) and MAX run on the updated_at index; counting the primary key would read every vector blob.
    signature = (connection.settings_dict["NAME"], model.objects.count(),
                 model.objects.aggregate(latest=Max("updated_at"))["latest"])
    with _lock:
        matrix = _matrices.setdefault(model._meta.label, _Matrix())
        if matrix.signature != signature:
            rows = list(model.objects.order_by("pk").values_list("pk", "vector"))
            matrix.ids = np.array([pk for pk, _v in rows], np.int64)
            matrix.vectors = (np.vstack([v for _pk, v in rows]).astype(np.float32) if rows
                              else np.zeros((0, 1), np.float32))
            matrix.signature = signature
        return matrix


def nearest(model, vector: np.ndarray, k: int, exclude: int | None = None) -> list[tuple[int, float]]:
    """The `k` rows of `model` (an embedding table) closest to `vector`: (id, cosine similarity), best first."""
    if k <= 0:
        return []
    wanted = k + (exclude is not None)
    if _postgres():
        with transaction.atomic():
            with connection.cursor() as cursor:
                # HNSW returns at most ef_search rows; raise it to the number asked for.
                cursor.execute("SET LOCAL hnsw.ef_search = %s", [max(40, wanted)])
            rows = list(model.objects.annotate(distance=CosineDistance("vector", vector)).order_by("distance")
                        .values_list("pk", "distance")[:wanted])
        hits = [(pk, 1.0 - float(distance)) for pk, distance in rows]
    else:
        matrix = _matrix(model)
        if not len(matrix.ids):
            return []
        scores = matrix.vectors @ np.asarray(vector, np.float32)
        top = np.argpartition(-scores, min(wanted, len(scores)) - 1)[:wanted]
        top = top[np.argsort(-scores[top], kind="stable")]
        hits = [(int(matrix.ids[i]), float(scores[i])) for i in top]
    return [(pk, score) for pk, score in hits if pk != exclude][:k]
