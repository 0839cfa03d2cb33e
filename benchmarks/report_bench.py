"""Report build speed: a mechanism report over generated recommendations, now and `--as-of`, in every format.

    .venv/bin/python benchmarks/report_bench.py [--recommendations 3000] [--clusters 30]

Builds in a fresh SQLite database. The baseline, measured in the same run, is the naive way to
gather the same rows: one query per recommendation for its latest approved narrative (N+1). The
last line is one JSON object.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def _setup(data_dir: Path) -> None:
    os.environ["RIGHTSTRACK_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "rightstrack.settings"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _generate(n: int, clusters: int) -> None:
    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    from rightstrack.accounts.models import Institution
    from rightstrack.planning.models import ProgressReport
    from rightstrack.recommendations.models import Cluster, Mechanism, Recommendation, SourceDocument

    rng = random.Random(7)
    upr = Mechanism.objects.create(code="UPR", name="Universal Periodic Review", kind="upr")
    doc = SourceDocument.objects.create(symbol="A/HRC/43/10", mechanism=upr, cycle=3, date=date(2020, 1, 1))
    groups = [Cluster.objects.create(name=f"Cluster {i:02d}") for i in range(clusters)]
    mia = Institution.objects.create(abbreviation="MIA", name="Ministry of Internal Affairs")
    statuses = ["not_started", "in_progress", "partially_implemented", "implemented"]
    recs = [Recommendation(source_document=doc, paragraph=f"145.{i}", text=f"Recommendation {i} " * 8,
                           cluster=rng.choice(groups), lead_institution=mia, response="supported",
                           status="not_started", is_published=True) for i in range(n)]
    bulk_create_with_history(recs, Recommendation, batch_size=500,
                             default_date=timezone.now() - timedelta(days=365))
    recs = list(Recommendation.objects.all())
    for rec in recs[: n // 3]:
        rec.status = rng.choice(statuses)
    bulk_update_with_history(recs[: n // 3], Recommendation, ["status"], batch_size=500)
    ProgressReport.objects.bulk_create([
        ProgressReport(recommendation=rec, institution=mia, period_end=date(2024, 6, 30), narrative=f"Done {rec.pk}",
                       proposed_status="in_progress", state="approved") for rec in recs[::2]])


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recommendations", type=int, default=3000)
    parser.add_argument("--clusters", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _setup(Path(tmp))
        _generate(args.recommendations, args.clusters)
        from django.http import QueryDict

        from rightstrack.planning.models import ProgressReport
        from rightstrack.recommendations.models import Recommendation
        from rightstrack.reports.content import ReportReader, build_report
        from rightstrack.reports.formats import write_report
        from rightstrack.reports.selectors import ChartFilters

        filters = ChartFilters.from_params(QueryDict("mechanism=UPR"))
        reader = ReportReader()

        def baseline():
            rows = []
            for rec in Recommendation.objects.select_related("source_document", "cluster", "lead_institution"):
                latest = (ProgressReport.objects.filter(recommendation=rec, state="approved")
                          .order_by("-period_end", "-id").first())
                rows.append((rec.cluster.name, rec.paragraph, rec.status, latest.narrative if latest else ""))
            return rows

        _rows, t_base = _timed(baseline)
        report, t_build = _timed(lambda: build_report(kind="mechanism", user=reader, filters=filters))
        _r, t_as_of = _timed(lambda: build_report(kind="mechanism", user=reader, filters=filters,
                                                 as_of=date.today() - timedelta(days=30)))
        figures = {"baseline_rows_s": round(t_base, 3), "build_s": round(t_build, 3), "build_as_of_s": round(t_as_of, 3)}
        for fmt in ("csv", "xlsx", "docx", "html", "pdf"):
            _p, seconds = _timed(lambda fmt=fmt: write_report(report, fmt, Path(tmp) / f"r.{fmt}"))
            figures[f"write_{fmt}_s"] = round(seconds, 3)
        rows = sum(len(s.rows) for s in report.sections)
        print(f"{args.recommendations} recommendations in {len(report.sections)} sections ({rows} rows)")
        for key, value in figures.items():
            print(f"  {key:>18}: {value:8.3f} s")
        ratio = round(t_base / t_build, 2) if t_build else None
        print(f"  build vs naive N+1 row gathering: {ratio}x faster (build also makes 3 charts)")
        print(json.dumps({"recommendations": args.recommendations, "sections": len(report.sections), "rows": rows,
                          **figures, "speedup_vs_baseline": ratio}))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
