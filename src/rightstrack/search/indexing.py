"""Keeping the index in step with the records: full text (cheap, at save time) and vectors (in a job).

These write derived rows only, never domain records, so they take no actor and write no history.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import timezone

from rightstrack.core.bulk import insert_rows
from rightstrack.planning.models import Measure
from rightstrack.recommendations.models import Recommendation
from rightstrack.search.models import (
    MeasureEmbedding,
    RecommendationEmbedding,
    SearchDocument,
)
from rightstrack.search.text import stem_text
from rightstrack.tagging import api as tagging_api

Progress = Callable[[int, int], None]
BATCH = 500
EMBED_BATCH = 32


def _chunks(ids: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def document_body(*, text: str, translations: dict, paragraph: str, symbol: str, states) -> str:
    """What full text searches: the text and its translations, paragraph, document symbol and States."""
    parts = [text, *[t for t in (translations or {}).get("text", {}).values() if t], paragraph, symbol, *states]
    return "\n".join(p for p in parts if p)


@transaction.atomic
def index_documents(ids: list[int]) -> int:
    """(Re)build the full-text rows of these recommendations; ids that no longer exist are dropped."""
    # Read as values, not model instances: bulk imports index thousands of rows at a time.
    states = defaultdict(list)
    for rec_id, name in Recommendation.recommending_states.through.objects.filter(
            recommendation_id__in=ids).order_by("country__name").values_list("recommendation_id", "country__name"):
        states[rec_id].append(name)
    recs = [(pk, document_body(text=text, translations=translations, paragraph=paragraph, symbol=symbol,
                               states=states[pk]))
            for pk, text, translations, paragraph, symbol in Recommendation.objects.filter(pk__in=ids).values_list(
                "pk", "text", "translations", "paragraph", "source_document__symbol")]
    SearchDocument.objects.filter(pk__in=ids).delete()  # the SQLite trigger drops the FTS5 rows too
    write_documents(recs)
    return len(recs)


def write_documents(bodies: list[tuple[int, str]]) -> None:
    """Write full-text rows from (id, `document_body`) pairs, for recommendations that have none."""
    # Stored as its stems only (search/text.py, each part's language decided apart), so both databases match the
    # same forms and PostgreSQL's parser splits "A/HRC/14/10" into words as the query parser does.
    stemmed = [(pk, " ".join(stem_text(body).split())) for pk, body in bodies]
    insert_rows(SearchDocument, ("recommendation_id", "body"), stemmed, updated_at=timezone.now())
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(pk__in=[pk for pk, _stems in stemmed]).update(
            vector=SearchVector("body", config="russian"))
    else:
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO search_fts (rowid, body) VALUES (%s, %s)", stemmed)


def _embed_rows(model, key: str, texts: dict[int, str], progress: Progress | None, done: int, total: int) -> int:
    """Embed the texts whose hash changed, in batches; returns how many were (re)embedded.

    The hash covers the embedder's version too, so vectors made by another embedder are re-embedded."""
    version = tagging_api.embedder_version()
    hashes = {pk: hashlib.sha256(f"{version}\n{text}".encode()).hexdigest() for pk, text in texts.items()}
    known = dict(model.objects.filter(pk__in=list(texts)).values_list("pk", "text_hash"))
    stale = [pk for pk, digest in hashes.items() if known.get(pk) != digest]
    for chunk in _chunks(stale, EMBED_BATCH):
        vectors = tagging_api.embed([texts[pk] for pk in chunk])
        with transaction.atomic():
            model.objects.filter(pk__in=chunk).delete()
            model.objects.bulk_create([model(**{f"{key}_id": pk}, vector=vec, text_hash=hashes[pk])
                                       for pk, vec in zip(chunk, vectors)])
        done += len(chunk)
        if progress:
            progress(done, total)
    return len(stale)


def embed_recommendations(ids: list[int] | range | None = None, progress: Progress | None = None) -> int:
    """Embed recommendations (all, or `ids`: a list, or a range of consecutive ids) whose text changed since they
    were last embedded."""
    if ids is None:
        qs = Recommendation.objects.all()
    elif isinstance(ids, range):
        qs = Recommendation.objects.filter(pk__gte=ids.start, pk__lt=ids.stop)
    else:
        qs = Recommendation.objects.filter(pk__in=ids)
    texts = dict(qs.values_list("pk", "text"))
    return _embed_rows(RecommendationEmbedding, "recommendation", texts, progress, 0, len(texts))


def embed_measures(ids: list[int] | None = None, progress: Progress | None = None) -> int:
    """Embed measures (their text and expected result) whose text changed."""
    qs = Measure.objects.all() if ids is None else Measure.objects.filter(pk__in=ids)
    texts = {pk: f"{text}\n{expected}".strip() for pk, text, expected in qs.values_list("pk", "text", "expected_result")}
    return _embed_rows(MeasureEmbedding, "measure", texts, progress, 0, len(texts))


def reindex_all(progress: Progress | None = None, embeddings: bool = True) -> dict:
    """Rebuild full text for every recommendation, then embed what changed; reports progress as it goes."""
    ids = list(Recommendation.objects.order_by("pk").values_list("pk", flat=True))
    stale_docs = SearchDocument.objects.exclude(pk__in=Recommendation.objects.values("pk"))
    stale_docs.delete()
    total = len(ids) * (2 if embeddings else 1)
    done = 0
    for chunk in _chunks(ids, BATCH):
        done += index_documents(chunk)
        if progress:
            progress(done, total)
    counts = {"documents": len(ids)}
    if embeddings:
        counts["embedded"] = embed_recommendations(
            None, (lambda d, _t: progress(len(ids) + d, total)) if progress else None)
        counts["measures_embedded"] = embed_measures()
    return counts
