"""Export, backup and restore speed on an imported UHRI-shaped database, each against the naive way in the same run.

    .venv/bin/python benchmarks/export_backup_bench.py [--rows 5000]

Imports a generated file (as `import_bench.py` makes them) into a fresh SQLite database, then times:
- the CSV export of every recommendation, against the naive export: model instances with their relations
  prefetched (`prefetch_related`), one row formatted from each;
- `backup_create`, against Django's own serialization of the same tables (`serializers.serialize` per row with
  natural keys, as `dumpdata` does);
- `backup_restore` into a second fresh database, against a restore that saves each deserialized row
  (`DeserializedObject.save`, as `loaddata` does).
Both restores must give back the same data (the backup taken after each has the same checksum). CPU seconds
are the process's; the last line is one JSON object.
"""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import import_bench  # noqa: E402


def _timed(function, *args, **kwargs) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _naive_export() -> int:
    """Every recommendation as ORM instances, relations prefetched, one CSV row each."""
    import csv

    from django.db.models import Prefetch

    from rightstrack.recommendations.models import Recommendation
    from rightstrack.taxonomy.models import TagAssignment

    out, n = csv.writer(io.StringIO()), 0
    tags = Prefetch("tags", queryset=TagAssignment.objects.filter(status="accepted").select_related("term"))
    qs = Recommendation.objects.select_related("source_document__mechanism", "lead_institution", "cluster")
    for rec in qs.prefetch_related("recommending_states", "co_executors", tags).iterator(chunk_size=2000):
        out.writerow([rec.external_id, rec.source_document.mechanism.code, rec.source_document.symbol, rec.text,
                      "\n".join(sorted(s.name for s in rec.recommending_states.all())),
                      "\n".join(sorted(i.abbreviation for i in rec.co_executors.all())),
                      "\n".join(sorted(t.term.name for t in rec.tags.all())), rec.is_published])
        n += 1
    return n


def _naive_backup(path: Path) -> int:
    """What `dumpdata --natural-foreign` does: each table's rows through Django's serializer."""
    from django.core import serializers

    from rightstrack.backup.services import backed_up_models

    n = 0
    with open(path, "w", encoding="utf-8") as handle:
        for model in backed_up_models():
            for obj in model._base_manager.order_by("pk").iterator(chunk_size=2000):
                data = serializers.serialize("python", [obj], use_natural_foreign_keys=True)[0]
                handle.write(json.dumps(data, default=str) + "\n")
                n += 1
    return n


def _naive_restore(archive: Path) -> int:
    """What `loaddata` does: every deserialized row saved on its own (the many-to-many rows with it)."""
    from django.core import serializers
    from django.db import connection, transaction

    n = 0
    with zipfile.ZipFile(archive) as zipped, zipped.open("data.jsonl") as data, transaction.atomic(), \
            connection.constraint_checks_disabled():
        for line in data:
            for obj in serializers.deserialize("python", [json.loads(line)]):
                obj.save()
                n += 1
    return n


def _fresh(data_dir: Path) -> None:
    """Django on an empty, migrated SQLite database (no taxonomies: a restore brings its own)."""
    os.environ["RIGHTSTRACK_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "rightstrack.settings"
    os.environ.pop("DATABASE_URL", None)
    data_dir.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _figures(wall: float, cpu: float, rows: int) -> dict:
    return {"seconds": wall, "cpu_seconds": cpu, "rows": rows}


def export_and_backup(data_dir: Path, source: Path, archive: Path) -> dict:
    import_bench._setup_django(data_dir)
    from django.http import QueryDict

    from rightstrack.backup.services import backup_create
    from rightstrack.core.spreadsheets import csv_lines
    from rightstrack.exports.services import export_rows
    from rightstrack.exports.system import ConsoleOperator
    from rightstrack.imports.services import import_file

    imported = import_file(path=source, actor=None, format_name="uhri")

    def export() -> int:
        headers, total, rows = export_rows(kind="recommendations", user=ConsoleOperator(), params=QueryDict())
        for _line in csv_lines(headers, rows):
            pass
        return total

    wall, cpu, rows = _timed(export)
    figures = {"imported": imported.summary_line(), "export": _figures(wall, cpu, rows)}
    wall, cpu, rows = _timed(_naive_export)
    figures["naive_export"] = _figures(wall, cpu, rows)
    wall, cpu, manifest = _timed(backup_create, path=archive)
    figures["backup"] = _figures(wall, cpu, sum(manifest["counts"].values()))
    figures["checksum"] = manifest["data_sha256"]
    wall, cpu, rows = _timed(_naive_backup, archive.with_suffix(".naive.jsonl"))
    figures["naive_backup"] = _figures(wall, cpu, rows)
    return figures


def restore(data_dir: Path, archive: Path, naive: bool) -> dict:
    from rightstrack.backup.services import backup_create, backup_restore

    _fresh(data_dir)
    if naive:
        wall, cpu, _rows = _timed(_naive_restore, archive)
    else:
        wall, cpu, _manifest = _timed(backup_restore, path=archive)
    again = backup_create(path=data_dir / "again.zip")
    return {"restore": _figures(wall, cpu, sum(again["counts"].values())), "checksum": again["data_sha256"]}


def _run_child(*args) -> dict:
    output = subprocess.run([sys.executable, __file__, *map(str, args)], capture_output=True, text=True)
    if output.returncode:
        sys.exit(output.stderr[-3000:])
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--child", choices=["export-backup", "restore", "naive-restore"])
    parser.add_argument("--data-dir")
    parser.add_argument("--source")
    parser.add_argument("--archive")
    args = parser.parse_args()
    if args.child == "export-backup":
        print(json.dumps(export_and_backup(Path(args.data_dir), Path(args.source), Path(args.archive))))
        return
    if args.child:
        print(json.dumps(restore(Path(args.data_dir), Path(args.archive), naive=args.child == "naive-restore")))
        return
    with tempfile.TemporaryDirectory(prefix="export-backup-bench-") as tmp:
        tmp = Path(tmp)
        import_bench._setup_django(tmp / "labels")
        source, archive = tmp / "uhri.csv", tmp / "backup.zip"
        import_bench.generate(source, args.rows, import_bench._labels())
        made = _run_child("--child", "export-backup", "--data-dir", tmp / "a", "--source", source, "--archive", archive)
        restored = _run_child("--child", "restore", "--data-dir", tmp / "b", "--archive", archive)
        naive = _run_child("--child", "naive-restore", "--data-dir", tmp / "c", "--archive", archive)
    figures = {"recommendations": args.rows, "load_average": os.getloadavg()[0],
               "same_data_after_restore": restored["checksum"] == made["checksum"],
               "same_data_after_naive_restore": naive["checksum"] == made["checksum"]}
    for name, ours, theirs in (("export", made["export"], made["naive_export"]),
                               ("backup", made["backup"], made["naive_backup"]),
                               ("restore", restored["restore"], naive["restore"])):
        figures[name] = {"rows": ours["rows"], "rows_per_s": round(ours["rows"] / ours["seconds"]),
                         "naive_rows_per_s": round(theirs["rows"] / theirs["seconds"]),
                         "ratio": round(theirs["seconds"] / ours["seconds"], 1),
                         "ratio_cpu": round(theirs["cpu_seconds"] / ours["cpu_seconds"], 1)}
        print(f"{name}: {figures[name]['rows_per_s']} rows/s, naive {figures[name]['naive_rows_per_s']} rows/s: "
              f"{figures[name]['ratio']}x wall, {figures[name]['ratio_cpu']}x CPU ({ours['rows']} rows)")
    print(f"same data after restore: {figures['same_data_after_restore']} (naive: "
          f"{figures['same_data_after_naive_restore']}); load average {figures['load_average']:.1f}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
