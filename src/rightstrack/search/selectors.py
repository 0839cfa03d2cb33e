"""Reads: the one search entry point for list pages (and the API), similar records, near-duplicate groups and
their review queue.

Visibility is never decided here: every function narrows a queryset that a domain selector built
for the user, so anonymous visitors still see published records only.
"""

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db import DatabaseError
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from rightstrack.recommendations.models import Recommendation
from rightstrack.search import engine
from rightstrack.search.bridge import english_word, english_words
from rightstrack.search.models import (
    ClusterSuggestion,
    FacetGeneration,
    MeasureEmbedding,
    RecommendationEmbedding,
    SearchDocument,
)
from rightstrack.search.query import Clause, english_clause, parse, with_english
from rightstrack.search.text import stem, stem_forms, words
from rightstrack.tagging import embed_queries
from rightstrack.taxonomy.models import TagAssignment, Term

MODES = ("fulltext", "semantic", "hybrid")
DEFAULT_MODE = "hybrid"
# Reciprocal-rank-fusion constant: 60 is the usual one (Cormack et al., 2009); with three and four lists a small one
# (more weight to each list's first few) ranked better, chosen on half of the benchmark's queries and checked on the
# other (docs/notes/2026-12-07-search-languages-log.md).
RRF_K = 3


def _setting(name: str, default):
    return getattr(settings, name, default)


@dataclass
class SearchInfo:
    """What the list page tells the user about the search it ran."""

    text: str = ""
    mode: str = DEFAULT_MODE
    notes: list[str] = field(default_factory=list)
    ranked: bool = False
    order: list[int] = field(default_factory=list)  # when ranked: every hit's id in the order the list shows
    worded: set[int] | None = None  # a search by meaning: its hits that have the words (None: not known)


def rrf(*rankings: list[int], k: int = RRF_K) -> list[int]:
    """Reciprocal rank fusion: ids ordered by the sum of 1 / (k + rank) over the rankings they appear in."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, pk in enumerate(ranking, start=1):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (k + rank)
    return sorted(scores, key=lambda pk: (-scores[pk], pk))


@lru_cache(maxsize=256)
def embed_query(text: str) -> np.ndarray:
    """The query's vector (the same model as the index); cached, since paging and facet clicks repeat a query."""
    return embed_queries([text])[0]


def query_vector(text: str) -> np.ndarray:
    """What semantic search looks for: the query's vector, averaged with that of its English (search/bridge.py) when
    it has a Russian or Kazakh word the vocabularies translate; E5 ranks English texts better from English queries."""
    vector = embed_query(text)
    if not any(english_word(w) for w in words(text)):
        return vector
    both = vector + embed_query(" ".join(english_words(text)))
    return both / np.linalg.norm(both)


def mode_or_default(mode: str | None) -> str:
    """The mode asked for, or the default (hybrid) when none or an unknown one is."""
    return mode if mode in MODES else DEFAULT_MODE


def recommendation_search(qs: QuerySet, text: str, mode: str = DEFAULT_MODE) -> tuple[QuerySet, SearchInfo]:
    """Narrow a recommendation queryset to what `text` finds, ordered by relevance (best first).

    fulltext: every boolean match; semantic: the nearest SEARCH_CANDIDATES by meaning; hybrid: the full-text best,
    the best by any of the query's words in English and the semantic nearest, fused by RRF. A Russian or Kazakh word
    is looked for in English too (search/bridge.py: `with_english`, `english_clause`, `query_vector`). NOT terms
    always exclude.
    Hybrid also fuses the records tagged with a term named by the query in any language (`tagged_with_named_terms`).
    Semantic runs as full text while no record has a vector. A query the engine cannot run falls back to a plain
    substring match and says so.
    """
    info = SearchInfo(text=text.strip(), mode=mode_or_default(mode))
    parsed = parse(text)
    info.notes += parsed.notes
    if not parsed:
        return qs, info
    candidates = _setting("SEARCH_CANDIDATES", 200)
    # Every NOT term, as one clause of alternatives: a record matching any of them is excluded.
    negative = Clause(tuple(t for c in parsed.negative for t in c.terms)) if parsed.negative else None
    try:
        has_vectors = RecommendationEmbedding.objects.exists()
        if info.mode == "fulltext" or not parsed.plain_text or (info.mode == "semantic" and not has_vectors):
            if not parsed.positive:
                return qs.exclude(engine.fulltext_filter([negative])), info
            ranked = engine.fulltext_ranked(with_english(parsed.positive), negative)
        else:
            hits = (engine.nearest(RecommendationEmbedding, query_vector(parsed.plain_text), candidates)
                    if has_vectors else [])
            # Scores of one model are comparable within a query: keep those near the best, not a fixed count. Hybrid
            # keeps a wider band, as the words rank it too (search_quality.py: MAP 0.58 -> 0.59 English, 0.48 -> 0.53
            # Russian, 0.44 -> 0.45 Kazakh queries on the English corpus with 0.10 instead of 0.05).
            window = (_setting("SEARCH_HYBRID_WINDOW", 0.10) if info.mode == "hybrid"
                      else _setting("SEARCH_SEMANTIC_WINDOW", 0.05))
            floor = hits[0][1] - window if hits else 0.0
            ranked = [pk for pk, score in hits if score >= floor]
            worded = None
            if info.mode == "hybrid" and parsed.positive:
                # With meaning in play, the records with any of the query's words (in English) rank too; without
                # vectors hybrid keeps to the words, as full text does.
                english = english_clause(parsed.positive) if hits else None
                worded = engine.fulltext_ranked(with_english(parsed.positive), negative, limit=candidates)
                ranked = rrf(worded, engine.fulltext_ranked([english], negative, limit=candidates) if english else [],
                             ranked, tagged_with_named_terms(parsed.plain_text, ranked)[:candidates])
            if negative is not None:
                excluded = set(engine.fulltext_ranked([negative], among=ranked))
                ranked = [pk for pk in ranked if pk not in excluded]
            if parsed.positive:
                # Which hits have the words (the list says how many): fewer full-text matches than candidates are
                # all of them, already among the hits; else one full-text pass over the hits alone.
                info.worded = set(worded if worded is not None and len(worded) < candidates else
                                  engine.fulltext_ranked(with_english(parsed.positive), negative, among=ranked))
    except DatabaseError as error:
        info.notes.append(_("The search engine could not run this query (%(error)s); showing a plain text match "
                            "instead.") % {"error": error})
        return qs.filter(text__icontains=parsed.plain_text), info
    info.ranked = True
    # Every hit is kept; the best SEARCH_CANDIDATES come first, in order, and the rest follow by id.
    info.order = ranked[:candidates] + sorted(ranked[candidates:])
    return (qs.filter(engine.ids_filter(ranked)).annotate(search_rank=engine.id_position(ranked[:candidates]))
            .order_by(F("search_rank").asc(nulls_last=True), "pk")), info


_vocabularies: dict[tuple, dict[str, int]] = {}


def _vocabulary(visible: QuerySet) -> dict[str, int]:
    """Every word (lower case, 3 letters or more) of the visible records' texts and translations, with its count;
    built on an empty result only and kept until the index changes (100k records take a few seconds)."""
    key = (str(visible.query), SearchDocument.objects.count(),
           SearchDocument.objects.order_by("-updated_at").values_list("updated_at", flat=True).first())
    if key not in _vocabularies:
        counts: Counter = Counter()
        for text, translations in visible.values_list("text", "translations").iterator(chunk_size=2000):
            for part in [text, *((translations or {}).get("text") or {}).values()]:
                counts.update(w for w in words((part or "").lower()) if len(w) >= 3 and not w.isdigit())
        _vocabularies.clear()  # one vocabulary at a time: the anonymous one or a signed-in reader's
        _vocabularies[key] = dict(counts)
    return _vocabularies[key]


def near_spellings(*, visible: QuerySet, text: str, limit: int = 3) -> list[str]:
    """The query with a word that no visible record has replaced by a near spelling that some have (the most
    frequent first), for an empty result: «пытькм» gives «пытками»."""
    vocabulary = _vocabulary(visible)
    suggestions: list[str] = []
    for word in dict.fromkeys(words(text)):
        lower = word.lower()
        if lower in vocabulary or len(lower) < 3 or lower in ("or", "not"):
            continue
        near = [w for w in vocabulary if abs(len(w) - len(lower)) <= 2 and w[:1] == lower[:1]]
        close = difflib.get_close_matches(lower, near, n=limit * 2, cutoff=0.75)
        for match in sorted(close, key=lambda w: -vocabulary[w])[:limit]:
            suggestions.append(re.sub(rf"\b{re.escape(word)}\b", match, text, count=1))
    return suggestions[:limit]


BRIDGE_VOCABULARIES = ("theme", "group", "upr_issue", "sdg")
_term_names: dict[tuple, list[tuple[int, frozenset[str]]]] = {}


def _named_terms() -> list[tuple[int, frozenset[str]]]:
    """(term id, the stems of one of its names) for every name in every language of the bridged vocabularies; kept
    until a term changes."""
    terms = Term.objects.filter(vocabulary__in=BRIDGE_VOCABULARIES)
    key = (terms.count(), terms.order_by("-updated_at").values_list("updated_at", flat=True).first())
    if key not in _term_names:
        names = []
        for pk, name, translations in terms.values_list("pk", "name", "translations"):
            for text in [name, *((translations or {}).get("name") or {}).values()]:
                names.append((pk, frozenset(stem(w) for w in words(text))))
        _term_names.clear()
        _term_names[key] = names
    return _term_names[key]


def tagged_with_named_terms(text: str, prefer: list[int] = ()) -> list[int]:
    """Records with an accepted tag whose name, in any language, has every word of `text` in some form: «пытки» finds
    what people tagged "Torture and other CID treatment", whose Russian name has «Пытки». Most matching tags first,
    then in the order of `prefer` (the semantic ranking), then by id: with RRF's small constant the first places
    weigh much, so they must not go to whichever tagged record is oldest.
    Hybrid search fuses this with the words and the meaning, so a Russian query finds tagged English records."""
    wanted = [set(stem_forms(w)) for w in words(text)]
    if not wanted:
        return []
    matched = {pk for pk, stems in _named_terms() if all(forms & stems for forms in wanted)}
    if not matched:
        return []
    counts: dict[int, int] = {}
    for rec in TagAssignment.objects.filter(term__in=matched, status=TagAssignment.Status.ACCEPTED,
                                            recommendation__isnull=False).values_list("recommendation_id", flat=True):
        counts[rec] = counts.get(rec, 0) + 1
    position = {pk: place for place, pk in enumerate(prefer)}
    return sorted(counts, key=lambda pk: (-counts[pk], position.get(pk, len(position)), pk))


def facet_generation() -> str | None:
    """Every token row the facet triggers keep (see `FacetGeneration`) in one string, which any committed change of
    facet data changes; None if there is no row (after a flush), in which case no facet index may be reused."""
    rows = FacetGeneration.objects.order_by("pk").values_list("pk", "token")
    return " ".join(f"{pk}:{token}" for pk, token in rows) or None


def similar_recommendations(*, visible: QuerySet, recommendation, limit: int = 5) -> list:
    """Recommendations closest in meaning to this one (within `visible`), each with `.similarity`."""
    own = RecommendationEmbedding.objects.filter(pk=recommendation.pk).values_list("vector", flat=True).first()
    if own is None:
        return []
    hits = dict(engine.nearest(RecommendationEmbedding, own, limit * 4, exclude=recommendation.pk))
    found = {r.pk: r for r in visible.filter(pk__in=hits).select_related("source_document__mechanism")}
    ordered = [found[pk] for pk in hits if pk in found][:limit]
    for rec in ordered:
        rec.similarity = hits[rec.pk]
    return ordered


def measures_that_may_answer(*, visible: QuerySet, recommendation, limit: int = 5) -> list:
    """Measures (within `visible`) closest in meaning to the recommendation and not yet linked to it."""
    own = RecommendationEmbedding.objects.filter(pk=recommendation.pk).values_list("vector", flat=True).first()
    if own is None:
        return []
    hits = dict(engine.nearest(MeasureEmbedding, own, limit * 4))
    found = {m.pk: m for m in visible.filter(pk__in=hits).exclude(recommendations=recommendation)
             .select_related("version__plan")}
    ordered = [found[pk] for pk in hits if pk in found][:limit]
    for measure in ordered:
        measure.similarity = hits[measure.pk]
    return ordered


def duplicate_groups(*, threshold: float | None = None, margin: float = 0.015) -> list[tuple[list[int], float]]:
    """Groups of recommendations from different source documents whose texts are near-duplicates.

    Pairs at cosine similarity >= threshold, and within `margin` of each end's best match, are linked;
    each connected group comes with the lowest similarity among its links, most similar groups first.
    """
    threshold = threshold if threshold is not None else _setting("SEARCH_DUPLICATE_THRESHOLD", 0.935)
    rows = list(RecommendationEmbedding.objects.order_by("pk").values_list("pk", "vector"))
    if len(rows) < 2:
        return []
    ids = np.array([pk for pk, _v in rows])
    vectors = np.vstack([np.asarray(v, np.float32) for _pk, v in rows])
    documents = dict(Recommendation.objects.filter(pk__in=ids.tolist()).values_list("pk", "source_document_id"))
    doc = np.array([documents.get(int(pk), -1) for pk in ids])
    # Each record's best similarity to another document: a link must be close to the best of both ends,
    # which stops single-linkage chaining through loosely related texts.
    best = np.zeros(len(ids), np.float32)
    candidates = []
    for start in range(0, len(ids), 1024):  # blocks keep memory at 1024 x n similarities
        block = vectors[start:start + 1024] @ vectors.T
        block[doc[start:start + 1024, None] == doc[None, :]] = -1.0
        best[start:start + len(block)] = block.max(axis=1)
        for i, j in zip(*np.nonzero(block >= threshold)):
            if start + int(i) < j:
                candidates.append((start + int(i), int(j), float(block[i, j])))
    links = [(a, b, s) for a, b, s in candidates if s >= max(best[a], best[b]) - margin]
    if not links:
        return []
    a, b, scores = (np.array(column) for column in zip(*links))
    graph = coo_matrix((np.ones(len(links)), (a, b)), shape=(len(ids), len(ids)))
    _count, label = connected_components(graph, directed=False)
    lowest: dict[int, float] = {}
    for component, score in zip(label[a].tolist(), scores.tolist()):
        lowest[component] = min(lowest.get(component, 1.0), score)
    groups: dict[int, list[int]] = {}
    for pk, component in zip(ids.tolist(), label.tolist()):
        if component in lowest:
            groups.setdefault(component, []).append(pk)
    return sorted(((members, lowest[component]) for component, members in groups.items()), key=lambda g: (-g[1], g[0]))


def cluster_suggestion_list(*, user, status: str = ClusterSuggestion.Status.SUGGESTED) -> QuerySet:
    """Cluster suggestions in a state, with their members (internal users only reach this page)."""
    return (ClusterSuggestion.objects.filter(status=status)
            .prefetch_related("recommendations__source_document__mechanism", "recommendations__cluster"))
