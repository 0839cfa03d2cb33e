"""Search latency at 100k recommendations: faceted full-text, semantic and hybrid, against a naive icontains scan.

Run: HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/search_bench.py [--n 100000] [--queries 40]
         [--databases sqlite,postgres] [--postgres postgres://postgres@127.0.0.1:5432/rightstrack_searchbench]
         [--reuse DIR]

Each database runs in its own process (settings are read once per process). It builds a throwaway database with
N synthetic recommendations (English and Russian texts from a fixed vocabulary, 3 mechanisms, 4 cycles, 40
recommending States), indexes them with the app's own indexing code, and times what the recommendation list page
does for a query: the selector with every facet count, the row count and the first page of 50 rows; the `*_sql`
figures time the same page with every facet counted in SQL by the FilterSet instead of the in-process facet index. The warm-up
pass builds the in-process facet index; its rebuild time (what the first page view after a change to facet data
pays) is reported on its own. The corpus vectors are random unit vectors (embedding 100k texts would take an
hour); each semantic/hybrid query is embedded by the real model, and that time is included in the figures (and
reported on its own); the `*_embedded` figures time the same queries with the query's vector already cached (the
search alone, as when paging through a query's results). The baseline is the same page with the old `icontains`
filter, in the same process. The loaded app is frozen for the garbage collector first, as the app's server entry
points do. Wall time and this process's CPU time are reported (on SQLite the CPU time includes the database's
work; on PostgreSQL the server's share is not in it). Prints figures; the last line is one JSON object.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")

TOPICS = [
    "torture", "detention", "prison", "police", "children", "education", "school", "women", "violence", "domestic",
    "disabilities", "health", "maternal", "poverty", "housing", "water", "journalists", "media", "expression",
    "assembly", "religion", "belief", "migrants", "refugees", "asylum", "trafficking", "labour", "employment",
    "minorities", "language", "ombudsman", "judiciary", "lawyers", "trial", "corruption", "elections", "parties",
    "death", "penalty", "protocol", "convention", "ratify", "covenant", "discrimination", "gender", "girls",
]
FILLER = ("the of and to in for with on by that all its state national measures ensure further strengthen continue "
          "take necessary effective steps adopt implement law legislation policy plan access rights human "
          "protection promote guarantee persons particular including international standards accordance "
          "framework institutions capacity resources budget public awareness training officials").split()
RUSSIAN = ("пытки пыток задержания тюрьмы полиции детей образования школ женщин насилия инвалидов здоровья "
           "бедности жилья журналистов свободы выражения собраний религии мигрантов беженцев торговли "
           "обеспечить продолжить укрепить принять меры права человека закон государство национальный").split()
# naive: the icontains filter; *_embedded: the query's vector already cached; *_sql: facets counted in SQL
MODES = ("naive", "fulltext", "fulltext_sql", "semantic", "hybrid", "hybrid_sql", "semantic_embedded",
         "hybrid_embedded")
QUERIES = [
    ("torture", {}), ("children education", {"cycle": "2"}), ("torture OR police", {"status": "in_progress"}),
    ('"death penalty"', {}), ("women -violence", {"mechanism": "UPR"}), ("journalists expression", {}),
    ("пытки", {}), ("migrants OR refugees", {"cycle": "3"}), ("ombudsman", {"response": "supported"}),
    ("health maternal", {}), ("corruption judiciary", {"state": "State 7"}), ("disabilities", {"cycle": "1"}),
]


def _text(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.2:
        return "ru", " ".join(rng.choice(RUSSIAN) for _ in range(rng.randint(12, 30)))
    words = [rng.choice(FILLER) for _ in range(rng.randint(15, 40))]
    for _ in range(rng.randint(1, 3)):
        words.insert(rng.randrange(len(words)), rng.choice(TOPICS))
    if rng.random() < 0.05:
        words[rng.randrange(len(words) - 1):][:2] = ["death", "penalty"]
    return "en", " ".join(words).capitalize()


def build(n: int) -> dict:
    """Create and index the synthetic corpus; returns timings."""
    import numpy as np
    from django.core.management import call_command
    from django.db import connection

    from rightstrack.recommendations.models import (
        Country,
        Mechanism,
        Recommendation,
        SourceDocument,
    )
    from rightstrack.search.indexing import index_documents
    from rightstrack.search.models import DIMENSIONS, RecommendationEmbedding

    call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(7)
    mechanisms = [Mechanism.objects.create(code=c, name=c, kind=k)
                  for c, k in (("UPR", "upr"), ("CCPR", "treaty_body"), ("CAT", "treaty_body"))]
    docs = [SourceDocument.objects.create(symbol=f"DOC/{m.code}/{cycle}", mechanism=m, cycle=cycle)
            for m in mechanisms for cycle in (1, 2, 3, 4)]
    states = [Country.objects.create(name=f"State {i}") for i in range(40)]
    statuses = ["not_started", "in_progress", "partially_implemented", "implemented"]
    responses = ["supported", "noted", "partially_supported"]
    started = time.perf_counter()
    recs = []
    for i in range(n):
        language, text = _text(rng)
        recs.append(Recommendation(source_document=docs[i % len(docs)], paragraph=str(i), text=text,
                                   language=language, status=rng.choice(statuses), response=rng.choice(responses),
                                   is_published=rng.random() < 0.9))
    Recommendation.objects.bulk_create(recs, batch_size=2000)
    ids = list(Recommendation.objects.order_by("pk").values_list("pk", flat=True))
    through = Recommendation.recommending_states.through
    through.objects.bulk_create([through(recommendation_id=pk, country_id=rng.choice(states).pk) for pk in ids],
                                batch_size=5000)
    timings = {"load_s": time.perf_counter() - started}
    started = time.perf_counter()
    for start in range(0, len(ids), 2000):
        index_documents(ids[start:start + 2000])
    timings["fulltext_index_s"] = time.perf_counter() - started
    started = time.perf_counter()
    vectors = np.random.default_rng(7).normal(size=(len(ids), DIMENSIONS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    postgres = connection.vendor == "postgresql"
    if postgres:  # building HNSW once after the load is much faster than growing it row by row
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX search_recommendation_embedding_hnsw")
    RecommendationEmbedding.objects.bulk_create(
        [RecommendationEmbedding(recommendation_id=pk, vector=v, text_hash="random") for pk, v in zip(ids, vectors)],
        batch_size=2000)
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute("CREATE INDEX search_recommendation_embedding_hnsw ON search_recommendationembedding "
                           "USING hnsw (vector vector_cosine_ops)")
        with connection.cursor() as cursor:  # as autovacuum would after the load (this machine's runs with it off)
            cursor.execute("VACUUM ANALYZE")
    timings["vector_index_s"] = time.perf_counter() - started
    return timings


def page(params: dict, naive: bool = False, sql_counts: bool = False):
    """What the list view computes: facet counts, row count and the first 50 rows. With `sql_counts`, the
    page's own path when no facet index is at hand: every facet counted in SQL by the FilterSet."""
    from urllib.parse import urlencode

    from django.contrib.auth.models import AnonymousUser
    from django.core.paginator import Paginator
    from django.http import QueryDict

    from rightstrack.recommendations import selectors
    from rightstrack.recommendations.filtersets import RecommendationFilterSet

    query = QueryDict(urlencode(params))
    if naive:  # the list before this feature: the FilterSet's icontains over text, paragraph, symbol and States
        filters = RecommendationFilterSet(query, selectors._facetable(AnonymousUser()))
        rows, facets = filters.qs, filters.facet_counts()
    elif sql_counts:
        kept, selectors.FACET_INDEXES.get = selectors.FACET_INDEXES.get, lambda *args, **kwargs: None
        try:
            rows, facets = selectors.recommendation_page_rows(user=AnonymousUser(), params=query)
        finally:
            selectors.FACET_INDEXES.get = kept
    else:
        rows, facets = selectors.recommendation_page_rows(user=AnonymousUser(), params=query)
    page = Paginator(rows, 50).get_page(1)  # as the list view: its count, then its rows
    return page.paginator.count, list(page), facets


def _index_build_ms() -> dict:
    """What the first list page after a change to facet data pays: rebuilding the facet index (median of 3)."""
    from django.contrib.auth.models import AnonymousUser

    from rightstrack.core.facets import FacetIndex
    from rightstrack.recommendations import selectors
    from rightstrack.recommendations.filtersets import RecommendationFilterSet

    times, cpu = [], []
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        FacetIndex(selectors._facetable(AnonymousUser()), RecommendationFilterSet.facets())
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {"wall": statistics.median(times), "cpu": statistics.median(cpu)}


def measure(queries: int) -> dict:
    """Latency per mode over `queries` runs of the query set (after one warm-up pass)."""
    from rightstrack.search.query import parse
    from rightstrack.search.selectors import embed_query

    embed_query("warm up the model")
    plans = [(q, f) for q, f in QUERIES]
    for q, facets in plans:  # warm-up: loads the vector matrix on SQLite and fills caches
        for mode in ("fulltext", "semantic", "hybrid"):
            page({"q": q, "mode": mode, **facets})
    results, hits = {}, {}
    results["facet_index_build_ms"] = _index_build_ms()
    for mode in MODES:
        times, cpu = [], []
        for i in range(queries):
            q, facets = plans[i % len(plans)]
            embed_query.cache_clear()  # every query pays for its embedding, as a new query would ...
            if mode.endswith("_embedded"):
                embed_query(parse(q).plain_text)  # ... except here: the search alone, as when paging a query
            started, started_cpu = time.perf_counter(), time.process_time()
            count, _rows, _facets = page({"q": q, "mode": {"naive": "fulltext"}.get(mode, mode.split("_")[0]),
                                          **facets}, naive=mode == "naive", sql_counts=mode.endswith("_sql"))
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            hits.setdefault(mode, []).append(count)
        # CPU time of this process: on SQLite that includes the database's work, on PostgreSQL it does not.
        results[mode] = {"p50_ms": statistics.median(times), "p95_ms": statistics.quantiles(times, n=20)[18],
                         "cpu_p50_ms": statistics.median(cpu), "cpu_p95_ms": statistics.quantiles(cpu, n=20)[18]}
    embed_times = []
    for q, _f in plans:
        started = time.perf_counter()
        embed_query(q)
        embed_times.append((time.perf_counter() - started) * 1000)
    results["query_embedding_p50_ms"] = statistics.median(embed_times)
    results["mean_hits"] = {mode: statistics.mean(v) for mode, v in hits.items()}
    return results


def worker(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from rightstrack.recommendations.models import Recommendation

    call_command("migrate", interactive=False, verbosity=0)  # a fresh --reuse directory has no tables yet
    from rightstrack.core.collector import freeze_loaded_app

    freeze_loaded_app()  # as the app's server entry points do once it is loaded (rightstrack.wsgi)
    if args.reuse and Recommendation.objects.count() == args.n:  # built by an earlier --reuse run
        timings = {"load_s": 0.0, "fulltext_index_s": 0.0, "vector_index_s": 0.0, "reused": True}
    else:
        timings = build(args.n)
    print(json.dumps({"timings": timings, **measure(args.queries)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=48)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/rightstrack_searchbench")
    parser.add_argument("--reuse", metavar="DIR", help="keep the databases (SQLite in DIR, PostgreSQL as named) and "
                        "reuse them when they hold N recommendations: for repeated runs while developing")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    summary = {"n": args.n, "queries_per_mode": args.queries}
    for database in args.databases.split(","):
        env = dict(os.environ)
        env["RIGHTSTRACK_DATA_DIR"] = (os.path.join(args.reuse, f"sqlite-{args.n}") if args.reuse
                                       else tempfile.mkdtemp(prefix="search-bench-"))
        os.makedirs(env["RIGHTSTRACK_DATA_DIR"], exist_ok=True)
        if database == "postgres" and args.reuse:
            env["DATABASE_URL"] = args.postgres
            admin = args.postgres.rsplit("/", 1)[0] + "/postgres"
            name = args.postgres.rsplit("/", 1)[1]
            subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=False,  # it may exist
                           capture_output=True)
        elif database == "postgres":
            name = args.postgres.rsplit("/", 1)[1]
            admin = args.postgres.rsplit("/", 1)[0] + "/postgres"
            subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
            subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
            env["DATABASE_URL"] = args.postgres
        else:
            env.pop("DATABASE_URL", None)
        started = time.perf_counter()
        out = subprocess.run([sys.executable, __file__, "--worker", "--n", str(args.n), "--queries",
                              str(args.queries), *(["--reuse", args.reuse] if args.reuse else [])],
                             env=env, check=True, capture_output=True, text=True).stdout
        result = json.loads(out.strip().splitlines()[-1])
        result["total_s"] = time.perf_counter() - started
        summary[database] = result
        t = result["timings"]
        print(f"\n{database}: {args.n} recommendations; load {t['load_s']:.1f} s, full-text index "
              f"{t['fulltext_index_s']:.1f} s, vector index {t['vector_index_s']:.1f} s")
        print("  query embedding (e5-small, in semantic/hybrid figures): "
              f"p50 {result['query_embedding_p50_ms']:.1f} ms")
        build = result["facet_index_build_ms"]
        print(f"  facet index rebuild (first list page after a facet change; not in the figures below): "
              f"{build['wall']:.0f} ms wall, {build['cpu']:.0f} ms CPU")
        for mode in MODES:
            r = result[mode]
            print(f"  {mode:9s} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  "
                  f"(process CPU p50 {r['cpu_p50_ms']:6.1f} ms, p95 {r['cpu_p95_ms']:6.1f} ms)  "
                  f"mean hits {result['mean_hits'][mode]:.0f}")
        result["fulltext_speedup_vs_icontains_p50"] = result["naive"]["p50_ms"] / result["fulltext"]["p50_ms"]
        result["hybrid_speedup_vs_icontains_p50"] = result["naive"]["p50_ms"] / result["hybrid"]["p50_ms"]
        result["fulltext_speedup_vs_icontains_p95"] = result["naive"]["p95_ms"] / result["fulltext"]["p95_ms"]
        result["hybrid_speedup_vs_icontains_p95"] = result["naive"]["p95_ms"] / result["hybrid"]["p95_ms"]
        result["goals_met"] = {"fulltext_p95_le_50ms": result["fulltext"]["p95_ms"] <= 50,
                               "hybrid_p95_le_150ms": result["hybrid"]["p95_ms"] <= 150,
                               "fulltext_sql_p95_le_50ms": result["fulltext_sql"]["p95_ms"] <= 50}
        result["sql_counts_over_facet_index_p50"] = result["fulltext_sql"]["p50_ms"] / result["fulltext"]["p50_ms"]
        print(f"  SQL facet counts / facet index, full text (p50): {result['sql_counts_over_facet_index_p50']:.1f}x")
        print(f"  icontains / full text (p50): {result['fulltext_speedup_vs_icontains_p50']:.1f}x; "
              f"icontains / hybrid: {result['hybrid_speedup_vs_icontains_p50']:.1f}x; goals {result['goals_met']}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
