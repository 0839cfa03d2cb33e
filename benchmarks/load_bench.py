"""Load: gunicorn (4 workers) on PostgreSQL on loopback, driven by wrk, against a hello-world Django view in the
same run.

    make wrk  # once: installs wrk from Debian (apt-get)
    nice -n 5 .venv/bin/python benchmarks/load_bench.py [--duration 45] [--clients 32] [--rows 3000]

Loads the demo data (the Kazakhstan set, one account per role) into a fresh PostgreSQL database
(`--database`, dropped and created again), starts gunicorn with 4 sync workers and persistent database
connections (CONN_MAX_AGE=60), then runs one wrk scenario after another, each `--duration` seconds with
`--clients` connections:

- hello: a Django view returning "Hello, world" through the same middleware stack (the baseline);
- list pages and detail pages, signed in as a coordinator (session cookie);
- API reads with a token; API writes with a token (POST /api/v1/progress-reports, each a new draft report);
- list pages again while `rightstrack import` writes a `--rows`-row UHRI file into the same database.

Each scenario prints requests/s (and its ratio to hello), p50/p95/p99 latency, socket errors, non-2xx/3xx and
5xx responses. The API throttles are raised for the run (they would answer 429 by design). The last line is one
JSON object. When imported (by gunicorn) this module is the application: rightstrack's URLs plus the baseline view.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent

if __name__ != "__main__":  # imported by gunicorn: rightstrack's URLs plus the hello-world baseline
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from django.http import HttpResponse

    settings.ROOT_URLCONF = __name__
    application = get_wsgi_application()

    from django.urls import include, path  # rightstrack's URLs import models: after the setup above

    def hello(request):
        return HttpResponse("Hello, world")

    urlpatterns = [path("bench/hello/", hello), path("", include("rightstrack.urls"))]

LUA = r"""
local paths = {%(paths)s}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) s5xx = 0; s4xx = 0; idx = math.random(#paths) end
request = function()
  idx = idx %% #paths + 1
  return wrk.format(%(method)s, paths[idx], %(headers)s, %(body)s)
end
response = function(status, headers, body)
  if status >= 500 then s5xx = s5xx + 1 elseif status >= 400 then s4xx = s4xx + 1 end
end
done = function(summary, latency, requests)
  local a5, a4 = 0, 0
  for _, t in ipairs(threads) do a5 = a5 + t:get("s5xx"); a4 = a4 + t:get("s4xx") end
  io.write(string.format('RESULT {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p95_us": %%d, ' ..
    '"p99_us": %%d, "socket_errors": %%d, "timeouts": %%d, "non_2xx_3xx": %%d, "s5xx": %%d, "s4xx": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout,
    summary.errors.status, a5, a4))
end
"""


def _lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid Lua string literal for these ASCII values


def setup_child() -> None:
    """In its own process, on the bench database: migrate, load the demo, and print what the scenarios need."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from rightstrack.api.models import api_token_create
    from rightstrack.demo.kazakhstan import load_institutions, load_kazakhstan
    from rightstrack.demo.people import create_demo_accounts
    from rightstrack.planning.models import Measure
    from rightstrack.recommendations.models import Recommendation
    from rightstrack.search.signals import embedding_deferred
    from rightstrack.taxonomy.reference import load_taxonomies

    call_command("migrate", interactive=False, verbosity=0)
    load_taxonomies()
    with embedding_deferred():  # search is not what this measures
        load_institutions(actor=None)
        people = create_demo_accounts()
        load_kazakhstan(actor=people["admin"], people=people)
    client = Client()
    client.force_login(people["coordinator"])
    measure = Measure.objects.exclude(lead_institution=None).order_by("pk").first()
    sys.path.insert(0, str(BENCH_DIR))
    import import_bench

    csv_path = Path(os.environ["RIGHTSTRACK_DATA_DIR"]) / "uhri-load.csv"
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    import_bench.generate(csv_path, int(os.environ["LOAD_BENCH_ROWS"]), import_bench._labels())
    print(json.dumps({
        "session": client.cookies["sessionid"].value,
        "token": api_token_create(user=people["coordinator"], name="load bench")[1],
        "recommendations": list(Recommendation.objects.order_by("pk").values_list("pk", flat=True)[:100]),
        "measures": list(Measure.objects.order_by("pk").values_list("pk", flat=True)[:100]),
        "report": {"measure_id": measure.pk, "institution_id": measure.lead_institution_id,
                   "period_end": "2025-06-30", "narrative": "Load bench report", "proposed_status": "in_progress"},
        "csv": str(csv_path),
    }))


def recreate_database(name: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def wrk(base: str, paths: list[str], *, clients: int, duration: int, work: Path, method="GET", headers=None,
        body=None) -> dict:
    script = work / "scenario.lua"
    script.write_text(LUA % {
        "paths": ", ".join(_lua_string(p) for p in paths), "method": _lua_string(method),
        "headers": "{" + ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in (headers or {}).items()) + "}",
        "body": _lua_string(body) if body is not None else "nil"})
    out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{duration}s", "--timeout", "30s", "-s", str(script), base],
                         capture_output=True, text=True, check=True).stdout
    result = json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[7:])
    seconds = result["duration_us"] / 1e6
    return {"rps": round(result["requests"] / seconds, 1), "requests": result["requests"],
            "p50_ms": round(result["p50_us"] / 1000, 1), "p95_ms": round(result["p95_us"] / 1000, 1),
            "p99_ms": round(result["p99_us"] / 1000, 1), "socket_errors": result["socket_errors"],
            "timeouts": result["timeouts"], "non_2xx_3xx": result["non_2xx_3xx"], "s4xx": result["s4xx"],
            "s5xx": result["s5xx"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=45, help="seconds per scenario")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--rows", type=int, default=3000, help="rows of the file imported during the last scenario")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--database", default="rightstrack_load")
    parser.add_argument("--setup-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup_child:
        return setup_child()

    work = Path(tempfile.mkdtemp(prefix="load-bench-"))
    env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
           "RIGHTSTRACK_DATA_DIR": str(work / "data"), "RIGHTSTRACK_ENV": "demo", "CONN_MAX_AGE": "60",
           "API_TOKEN_RATE": "100000000/m", "API_ANONYMOUS_RATE": "100000000/m", "HF_HUB_OFFLINE": "1",
           "DJANGO_SETTINGS_MODULE": "rightstrack.settings", "LOAD_BENCH_ROWS": str(args.rows),
           "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(BENCH_DIR), os.environ.get("PYTHONPATH", "")])}
    started = time.monotonic()
    recreate_database(args.database)
    prepared = json.loads(subprocess.run([sys.executable, __file__, "--setup-child"], env=env, stdout=subprocess.PIPE,
                                         text=True, check=True).stdout.strip().splitlines()[-1])
    print(f"Demo data loaded into PostgreSQL database {args.database} in {time.monotonic() - started:.0f} s")

    if not args.port:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "load_bench:application", "--workers", "4",
                               "--bind", f"127.0.0.1:{args.port}", "--log-level", "warning"], env=env, cwd=BENCH_DIR)
    try:
        for _ in range(120):
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited with {server.returncode}")
            try:
                urllib.request.urlopen(f"{base}/bench/hello/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        session = {"Cookie": f"sessionid={prepared['session']}"}
        token = {"Authorization": f"Bearer {prepared['token']}"}
        recs, measures = prepared["recommendations"], prepared["measures"]
        scenarios = {
            "hello": dict(paths=["/bench/hello/"]),
            "list_pages": dict(paths=["/recommendations/", "/plans/measures/", "/legal-acts/", "/plans/",
                                      "/recommendations/?response=supported", "/recommendations/?page=3"],
                               headers=session),
            "detail_pages": dict(paths=[f"/recommendations/{pk}/" for pk in recs[:50]]
                                 + [f"/plans/measures/{pk}/" for pk in measures[:50]], headers=session),
            "api_reads": dict(paths=["/api/v1/recommendations?limit=50", "/api/v1/measures?limit=50"]
                              + [f"/api/v1/recommendations/{pk}" for pk in recs[:20]]
                              + [f"/api/v1/measures/{pk}" for pk in measures[:20]], headers=token),
            "api_writes": dict(paths=["/api/v1/progress-reports"], method="POST",
                               headers={**token, "Content-Type": "application/json"},
                               body=json.dumps(prepared["report"])),
        }
        wrk(base, ["/bench/hello/", "/recommendations/"], clients=4, duration=3, work=work, headers=session)  # warm
        results = {}
        for name, scenario in scenarios.items():
            results[name] = wrk(base, clients=args.clients, duration=args.duration, work=work, **scenario)
            print(f"{name}: {results[name]}", flush=True)
        importer = subprocess.Popen([sys.executable, "-m", "rightstrack.cli", "import", prepared["csv"], "--format",
                                     "uhri"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        import_started = time.monotonic()
        results["list_pages_during_import"] = wrk(base, clients=args.clients, duration=args.duration, work=work,
                                                  **scenarios["list_pages"])
        output, _ = importer.communicate(timeout=1800)
        results["import"] = {"rows": args.rows, "exit_code": importer.returncode,
                             "seconds": round(time.monotonic() - import_started, 1),
                             "summary": output.strip().splitlines()[-1:]}
        print(f"list_pages_during_import: {results['list_pages_during_import']}")
        print(f"import: {results['import']}")
    finally:
        server.terminate()
        server.wait(30)

    hello = results["hello"]["rps"]
    print(f"\n{'scenario':<26}{'req/s':>9}{'×hello':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'5xx':>6}")
    for name, r in results.items():
        if name == "import":
            continue
        errors = r["socket_errors"] + r["timeouts"] + r["non_2xx_3xx"]
        print(f"{name:<26}{r['rps']:>9}{r['rps'] / hello:>8.3f}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['p99_ms']:>9}"
              f"{errors:>8}{r['s5xx']:>6}")
    print(json.dumps({"benchmark": "load", "clients": args.clients, "duration_s": args.duration, "workers": 4,
                      "database": "postgresql", **results}))


if __name__ == "__main__":
    main()
