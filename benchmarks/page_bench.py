"""Per-request cost of the pages users hit most: SQL queries, wall and CPU milliseconds, over the demo data.

    RIGHTSTRACK_DATA_DIR=DIR rightstrack demo --no-serve     # once; for PostgreSQL: --load into an empty database
    HF_HUB_OFFLINE=1 PYTHONPATH=src nice -n 5 .venv/bin/python benchmarks/page_bench.py --data-dir DIR \
        [--database-url postgres://...] [--repeat 15] [--baseline-src /path/to/other/checkout/src]

Each page is requested through Django's test client (the whole middleware, view and template), signed in as the
demo coordinator, or anonymously for the public portal: once to warm the caches a long-running worker holds (the
facet index, the bridge word list, the query embedder), then `--repeat` times. It prints per page the number of
SQL queries and the median wall and CPU time (this process's CPU: on SQLite it includes the database's work, on
PostgreSQL the server's share is not in it). With `--baseline-src` the same pages are measured, in the same run and
interleaved, in a second process importing that source tree (e.g. a checkout of main), and each page gets the
ratio baseline/this. The last line is one JSON object.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = [  # name, path, signed in
    ("home", "/", True),
    ("dashboard", "/dashboards/", True),
    ("list", "/recommendations/", True),
    ("list_fulltext", "/recommendations/?q=torture&mode=fulltext", True),
    ("list_hybrid", "/recommendations/?q=torture+prevention", True),
    ("list_semantic", "/recommendations/?q=torture+prevention&mode=semantic", True),
    ("list_hybrid_ru", "/recommendations/?q=%D0%BF%D1%8B%D1%82%D0%BA%D0%B8", True),
    ("recommendation", "/recommendations/{recommendation}/", True),
    ("measure", "/plans/measures/{measure}/", True),
    ("portal", "/public/", False),
    ("portal_list", "/public/recommendations/", False),
    ("portal_search", "/public/recommendations/?q=torture", False),
]


def load() -> None:
    """Load the demo set into an empty database (as `rightstrack demo` does for SQLite), with its search index."""
    import django

    django.setup()
    from django.core.management import call_command

    from rightstrack.demo.kazakhstan import load_institutions, load_kazakhstan
    from rightstrack.demo.people import create_demo_accounts
    from rightstrack.search.signals import embedding_deferred
    from rightstrack.taxonomy.reference import load_taxonomies

    call_command("migrate", interactive=False, verbosity=0)
    load_taxonomies()
    with embedding_deferred():
        load_institutions(actor=None)
        people = create_demo_accounts()
        load_kazakhstan(actor=people["admin"], people=people)
    call_command("reindex")


def child(repeat: int) -> None:
    """In this process's source tree: measure every page and print one JSON object."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from rightstrack.accounts.models import User
    from rightstrack.planning.models import Measure
    from rightstrack.recommendations.models import Recommendation

    ids = {"recommendation": Recommendation.objects.filter(measures__isnull=False).order_by("pk").first().pk,
           "measure": Measure.objects.filter(recommendations__isnull=False).order_by("pk").first().pk}
    signed_in, anonymous = Client(), Client()
    signed_in.force_login(User.objects.get(username="coordinator"))
    results = {}
    for name, path, auth in PAGES:
        client, url = (signed_in if auth else anonymous), path.format(**ids)
        first = time.perf_counter()
        assert client.get(url).status_code == 200, url
        first_ms = (time.perf_counter() - first) * 1000
        walls, cpus = [], []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started, started_cpu = time.perf_counter(), time.process_time()
                client.get(url)
                walls.append((time.perf_counter() - started) * 1000)
                cpus.append((time.process_time() - started_cpu) * 1000)
        results[name] = {"queries": len(queries), "wall_ms": round(statistics.median(walls), 1),
                         "cpu_ms": round(statistics.median(cpus), 1), "first_ms": round(first_ms, 1)}
    print(json.dumps(results))


def _env(src: Path, args) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src), "RIGHTSTRACK_DATA_DIR": str(args.data_dir), "HF_HUB_OFFLINE": "1",
           "DJANGO_SETTINGS_MODULE": "rightstrack.settings"}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    return env


def measure(src: Path, args) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", "--repeat", str(args.repeat)], env=_env(src, args),
                         stdout=subprocess.PIPE, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="the demo's data directory (its SQLite database, models)")
    parser.add_argument("--database-url", default="", help="PostgreSQL holding the demo data instead of SQLite")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs of this tree and the baseline")
    parser.add_argument("--baseline-src", type=Path, help="another source tree to compare against")
    parser.add_argument("--load", action="store_true", help="load the demo into --database-url (empty) and exit")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-load", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_load:
        return load()
    if args.child:
        return child(args.repeat)
    if args.load:
        return subprocess.run([sys.executable, __file__, "--child-load"], env=_env(REPO / "src", args), check=True)

    trees = {"this": REPO / "src"} | ({"baseline": args.baseline_src} if args.baseline_src else {})
    runs = {name: [] for name in trees}
    for _ in range(args.rounds):  # interleaved, so both trees see the same machine load
        for name, src in trees.items():
            runs[name].append(measure(src, args))
    summary = {name: {page: {"queries": rounds[0][page]["queries"],
                             **{k: statistics.median(r[page][k] for r in rounds) for k in ("wall_ms", "cpu_ms")}}
                      for page, _, _ in PAGES} for name, rounds in runs.items()}
    header = f"{'page':<16}{'queries':>8}{'wall ms':>9}{'CPU ms':>8}"
    if "baseline" in summary:
        header += f"{'base q':>8}{'base wall':>10}{'base CPU':>9}{'CPU ×':>7}"
    print(header)
    for page, _, _ in PAGES:
        row = summary["this"][page]
        line = f"{page:<16}{row['queries']:>8}{row['wall_ms']:>9.1f}{row['cpu_ms']:>8.1f}"
        if "baseline" in summary:
            base = summary["baseline"][page]
            line += (f"{base['queries']:>8}{base['wall_ms']:>10.1f}{base['cpu_ms']:>9.1f}"
                     f"{base['cpu_ms'] / max(row['cpu_ms'], 0.1):>7.2f}")
        print(line)
    print(json.dumps({"benchmark": "pages", "database": "postgresql" if args.database_url else "sqlite",
                      "repeat": args.repeat, "rounds": args.rounds, **summary}))


if __name__ == "__main__":
    main()
