"""Import speed and memory: a generated UHRI-shaped CSV imported into a fresh database (SQLite, or PostgreSQL).

    .venv/bin/python benchmarks/import_bench.py [--rows 100000] [--baseline-rows 3000]
        [--database-url postgres://postgres@127.0.0.1:5432/rightstrack_bench]

With `--database-url`, each run gets a fresh PostgreSQL database named after that URL's (with a suffix), dropped
at the end; the SQLite-only ceiling below is then skipped.

Prints rows/s and peak RSS for the real import (each run in its own process, in a fresh database), a re-import
of the same file (every row unchanged), and a naive baseline measured in the same run: one ORM save per row
(with its history, States and tags). It also measures what SQLite alone needs to store what the import stored:
every row the import added, copied into a fresh database with the same schema (indexes and triggers included) by
`INSERT ... SELECT` from the imported one, in one transaction, with no Python per row. That is a ceiling for any
importer of this data on this machine. Peak RSS is also measured for a file a fifth of the size, to show that
memory does not grow with the file. CPU time is the whole process's (on a shared machine it depends much less
on the neighbours than wall time does). The last line is one JSON object.
"""

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HEADERS = ["Text", "Countries Concerned", "Reccomending Body", "Document Symbol", "Themes", "Affected Persons",
           "Sdgs", "Document Publication Date", "UPR Reccomending States", "UPR Position", "Type",
           "OHCHR Annotation Id", "UPR Session", "Regions Concerned", "Recommending Regions",
           "Date of publication on UHRI"]
WORDS = ("ensure guarantee adopt legislation prevent torture detention independent judiciary women children "
         "persons disabilities discrimination freedom expression assembly association religion belief media "
         "journalists human rights defenders investigate prosecute allegations police custody access justice "
         "effective remedy national preventive mechanism ratify optional protocol convention strengthen "
         "implementation action plan consultation civil society gender equality domestic violence").split()
STATES = ["France", "Germany", "Norway", "Brazil", "Japan", "Canada", "Chile", "India", "Kenya", "Mexico", "Spain",
          "Italy", "Poland", "Sweden", "Ghana", "Peru", "Nepal", "Qatar", "Egypt", "Ukraine"]


def _fresh_postgres(url: str, suffix: str, *, drop_only: bool = False) -> str:
    """The URL of an empty PostgreSQL database named after `url`'s with `suffix` (dropped first if it exists)."""
    import psycopg

    base, name = url.rsplit("/", 1)
    fresh = f"{name}_{suffix}".replace("-", "_")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        if not drop_only:
            admin.execute(f'CREATE DATABASE "{fresh}"')
    return f"{base}/{fresh}"


def _setup_django(data_dir: Path, database_url: str | None = None) -> None:
    os.environ["RIGHTSTRACK_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "rightstrack.settings"
    if database_url:
        os.environ["DATABASE_URL"] = _fresh_postgres(database_url, data_dir.name)
    else:
        os.environ.pop("DATABASE_URL", None)
    data_dir.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from rightstrack.taxonomy.reference import load_taxonomies

    load_taxonomies()


def _labels():
    from rightstrack.taxonomy.models import Term

    themes = list(Term.objects.filter(vocabulary="theme").exclude(code__regex=r"^[A-Z]\d").values_list("name", flat=True))
    groups = list(Term.objects.filter(vocabulary="group").values_list("name", flat=True))
    targets = [f"{c} – {n[:60]}" for c, n in Term.objects.filter(vocabulary="sdg_target").values_list("code", "name")]
    return themes, groups, targets


def generate(path: Path, rows: int, labels) -> None:
    """A UHRI-shaped CSV: 40–120-word texts, newline-separated '- ' multi-value cells, Excel serial dates."""
    themes, groups, targets = labels
    rng = random.Random(42)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n in range(rows):
            doc = n % 60
            writer.writerow([
                " ".join(rng.choices(WORDS, k=rng.randint(40, 120))).capitalize() + ".",
                "Kazakhstan", "UPR", f"A/HRC/{20 + doc}/10",
                "\n".join("- " + t for t in rng.sample(themes, rng.randint(1, 3))),
                "\n".join("- " + g for g in rng.sample(groups, rng.randint(0, 2))),
                "\n".join("- " + t for t in rng.sample(targets, rng.randint(0, 2))),
                str(40000 + doc * 30), "\n".join("- " + s for s in rng.sample(STATES, rng.randint(1, 3))),
                rng.choice(["Supported", "Noted"]), "Recommendation", str(uuid.UUID(int=rng.getrandbits(128))),
                str(20 + doc), "Asia-Pacific", "WEOG", "",
            ])


def child_import(path: Path, data_dir: Path, reimport: bool, database_url: str | None) -> dict:
    """Run in a fresh process: import (and optionally import again) and report speed and peak RSS."""
    _setup_django(data_dir, database_url)
    from rightstrack.imports.services import import_file

    start, cpu = time.perf_counter(), time.process_time()
    result = import_file(path=path, actor=None, format_name="uhri")
    elapsed = time.perf_counter() - start
    out = {"rows": result.created + result.updated + result.unchanged + result.rejected, "seconds": elapsed,
           "cpu_seconds": time.process_time() - cpu, "summary": result.summary_line()}
    if reimport:
        start, cpu = time.perf_counter(), time.process_time()
        again = import_file(path=path, actor=None, format_name="uhri")
        out.update(reimport_seconds=time.perf_counter() - start, reimport_cpu_seconds=time.process_time() - cpu,
                   reimport_summary=again.summary_line())
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def child_baseline(path: Path, data_dir: Path, rows: int, database_url: str | None) -> dict:
    """The naive way: read the CSV and save each recommendation with the ORM, one row at a time."""
    _setup_django(data_dir, database_url)
    from rightstrack.recommendations.models import Country, Mechanism, Recommendation, SourceDocument
    from rightstrack.taxonomy.models import TagAssignment, Term

    mechanism = Mechanism.objects.create(code="UPR", name="UPR", kind="upr")
    start, cpu = time.perf_counter(), time.process_time()
    with open(path, encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle)):
            if n >= rows:
                break
            doc, _ = SourceDocument.objects.get_or_create(symbol=row["Document Symbol"],
                                                          defaults={"mechanism": mechanism})
            rec = Recommendation(source_document=doc, text=row["Text"], external_id=row["OHCHR Annotation Id"])
            rec.save()
            rec.recommending_states.set([Country.objects.get_or_create(name=s[2:])[0]
                                         for s in row["UPR Reccomending States"].split("\n")])
            for label in row["Themes"].split("\n"):
                term = Term.objects.filter(vocabulary="theme", name=label[2:], code=label[2:]).first()
                TagAssignment.objects.create(recommendation=rec, term=term, status="accepted")
    return {"rows": rows, "seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu}


def child_floor(imported: Path, data_dir: Path) -> dict:
    """SQLite alone: copy every row the import added into a fresh database (migrated, taxonomies loaded, as the
    import's was before it ran), table by table inside SQLite, in one transaction."""
    import sqlite3

    _setup_django(data_dir)
    from django.db import connection

    connection.close()
    db = sqlite3.connect(data_dir / "rightstrack.sqlite3", isolation_level=None)
    db.execute("ATTACH DATABASE ? AS imported", [str(imported / "rightstrack.sqlite3")])
    tables = [name for (name,) in db.execute(
        "SELECT name FROM imported.sqlite_master WHERE type = 'table' AND name NOT GLOB 'sqlite_*' "
        "AND name NOT GLOB 'search_fts_*'")]  # FTS5's own tables fill through search_fts
    start, cpu, copied = time.perf_counter(), time.process_time(), 0
    db.execute("BEGIN IMMEDIATE")
    for table in tables:
        columns = "rowid, body" if table == "search_fts" else "*"
        into = f'"{table}" (rowid, body)' if table == "search_fts" else f'"{table}"'
        copied += db.execute(f'INSERT INTO main.{into} SELECT {columns} FROM imported."{table}" WHERE rowid > '
                             f'(SELECT coalesce(max(rowid), 0) FROM main."{table}")').rowcount
    db.execute("COMMIT")
    return {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu, "rows_copied": copied}


def _run_child(*args) -> dict:
    output = subprocess.run([sys.executable, __file__, *map(str, args)], capture_output=True, text=True)
    if output.returncode:
        sys.exit(output.stderr)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--baseline-rows", type=int, default=3000)
    parser.add_argument("--child", choices=["import", "baseline", "floor"])
    parser.add_argument("--imported")
    parser.add_argument("--path")
    parser.add_argument("--data-dir")
    parser.add_argument("--reimport", action="store_true")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    url = args.database_url or None
    if args.child == "import":
        print(json.dumps(child_import(Path(args.path), Path(args.data_dir), args.reimport, url)))
        return
    if args.child == "floor":
        print(json.dumps(child_floor(Path(args.imported), Path(args.data_dir))))
        return
    if args.child == "baseline":
        print(json.dumps(child_baseline(Path(args.path), Path(args.data_dir), args.baseline_rows, url)))
        return
    try:
        figures = _measure(args, url)
    finally:
        if url:
            for suffix in ("labels", "big", "small", "naive"):
                _fresh_postgres(url, suffix, drop_only=True)
    print(json.dumps(figures))


def _measure(args, url: str | None) -> dict:
    with_url = ["--database-url", url] if url else []

    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        tmp = Path(tmp)
        _setup_django(tmp / "labels", url)
        labels = _labels()
        from django.db import connection

        connection.close()
        big, small = tmp / "uhri-big.csv", tmp / "uhri-small.csv"
        generate(big, args.rows, labels)
        generate(small, args.rows // 5, labels)
        print(f"generated {args.rows} rows ({big.stat().st_size / 1e6:.0f} MB) and {args.rows // 5} rows")
        fast = _run_child("--child", "import", "--path", big, "--data-dir", tmp / "big", "--reimport", *with_url)
        floor = None if url else _run_child("--child", "floor", "--imported", tmp / "big", "--data-dir", tmp / "floor")
        smaller = _run_child("--child", "import", "--path", small, "--data-dir", tmp / "small", *with_url)
        naive = _run_child("--child", "baseline", "--path", big, "--data-dir", tmp / "naive",
                           "--baseline-rows", args.baseline_rows, *with_url)
    rate = fast["rows"] / fast["seconds"]
    naive_rate = naive["rows"] / naive["seconds"]
    cpu_rate, naive_cpu_rate = fast["rows"] / fast["cpu_seconds"], naive["rows"] / naive["cpu_seconds"]
    figures = {
        "rows": fast["rows"], "import_rows_per_s": round(rate), "import_seconds": round(fast["seconds"], 1),
        # On a shared machine wall time depends on the neighbours; CPU time of the process does not (much).
        "import_rows_per_cpu_s": round(cpu_rate), "baseline_rows_per_cpu_s": round(naive_cpu_rate),
        "ratio_vs_baseline_cpu": round(cpu_rate / naive_cpu_rate, 1), "load_average": os.getloadavg()[0],
        "summary": fast["summary"], "reimport_rows_per_s": round(fast["rows"] / fast["reimport_seconds"]),
        "reimport_rows_per_cpu_s": round(fast["rows"] / fast["reimport_cpu_seconds"]),
        "reimport_summary": fast["reimport_summary"], "baseline_rows_per_s": round(naive_rate),
        "baseline_rows": naive["rows"], "ratio_vs_baseline": round(rate / naive_rate, 1),
        "peak_rss_mb": round(fast["peak_rss_mb"]), "peak_rss_mb_fifth_size": round(smaller["peak_rss_mb"]),
        "database": "postgresql" if url else "sqlite",
    }
    if floor:
        figures.update(sqlite_floor_seconds=round(floor["seconds"], 1), sqlite_floor_rows_copied=floor["rows_copied"],
                       sqlite_floor_rows_per_s=round(fast["rows"] / floor["seconds"]),
                       share_of_floor=round(floor["seconds"] / fast["seconds"], 2))
    print(f"import: {figures['import_rows_per_s']} rows/s wall, {figures['import_rows_per_cpu_s']} rows per CPU "
          f"second ({fast['summary']}; load average {figures['load_average']:.1f})")
    print(f"re-import of the same file: {figures['reimport_rows_per_s']} rows/s wall, "
          f"{figures['reimport_rows_per_cpu_s']} rows per CPU second ({fast['reimport_summary']})")
    print(f"naive baseline (one ORM save per row, {naive['rows']} rows): {figures['baseline_rows_per_s']} rows/s "
          f"wall, {figures['baseline_rows_per_cpu_s']} rows per CPU second")
    print(f"ratio: {figures['ratio_vs_baseline']}x wall, {figures['ratio_vs_baseline_cpu']}x CPU; peak RSS {figures['peak_rss_mb']} MB "
          f"({figures['peak_rss_mb_fifth_size']} MB for a file a fifth the size)")
    if floor:
        print(f"SQLite alone, storing the same {floor['rows_copied']} table rows (INSERT ... SELECT, no Python): "
              f"{floor['seconds']:.1f} s, so at most {figures['sqlite_floor_rows_per_s']} rows/s on this machine; "
              f"the import runs at {figures['share_of_floor']:.0%} of that")
    return figures


if __name__ == "__main__":
    main()
