"""`rightstrack report --kind mechanism --mechanism UPR --cycle 2 --format docx --output report.docx`."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from rightstrack.reports.content import KINDS, ReportError, ReportReader, build_report
from rightstrack.reports.formats import FORMATS, write_report
from rightstrack.reports.selectors import ChartFilters


class Command(BaseCommand):
    help = "Build a report (mechanism, plan, institution, theme, or plan-diff) as docx, xlsx, csv, html or pdf."

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=KINDS)
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--output", required=True, help="Path of the file to write.")
        parser.add_argument("--lang", default="en", choices=["en", "ru", "kk"])
        parser.add_argument("--as-of", dest="as_of", help="Reproduce the state at the end of this day (YYYY-MM-DD).")
        for name in ("mechanism", "cycle", "theme", "institution", "sdg", "status"):
            parser.add_argument(f"--{name}", action="append", default=[], help="Filter; repeat for several values.")
        parser.add_argument("--period-from", dest="period_from")
        parser.add_argument("--period-to", dest="period_to")
        parser.add_argument("--group-by", dest="group_by", choices=["cluster", "theme"], default="cluster")
        parser.add_argument("--plan", help="Plan id (plan and plan-diff reports).")
        parser.add_argument("--from", dest="from_version", help="Older version number (plan-diff).")
        parser.add_argument("--to", dest="to_version", help="Newer version number (plan-diff).")
        parser.add_argument("--public", action="store_true", help="Only what anonymous visitors may read.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **o):
        params = QueryDict(mutable=True)
        for name in ("mechanism", "cycle", "theme", "institution", "sdg", "status"):
            params.setlist(name, o[name])
        for name in ("period_from", "period_to"):
            if o[name]:
                params[name] = o[name]
        try:
            as_of = date.fromisoformat(o["as_of"]) if o["as_of"] else None
        except ValueError:
            raise CommandError(f"--as-of must be a date (YYYY-MM-DD), not {o['as_of']!r}") from None
        bar = None if o["no_progress"] else _Bar(self.stderr)
        try:
            report = build_report(kind=o["kind"], user=None if o["public"] else ReportReader(),
                                  filters=ChartFilters.from_params(params), language=o["lang"], as_of=as_of,
                                  options={"plan": o["plan"], "from": o["from_version"], "to": o["to_version"],
                                           "group_by": o["group_by"]},
                                  progress=bar.update if bar else None)
            if bar:
                bar.update(1, 1, f"writing {o['format']}")
            path = write_report(report, o["format"], o["output"])
        except ReportError as error:
            raise CommandError(str(error)) from None
        finally:
            if bar:
                bar.close()
        self.stdout.write(f"Wrote {path}")


class _Bar:
    """A tqdm bar on stderr whose total follows the builder's own count of steps."""

    def __init__(self, stream):
        from tqdm import tqdm

        self.bar = tqdm(total=1, file=stream._out, unit="step", leave=False)

    def update(self, done: int, total: int, label: str) -> None:
        self.bar.total = max(total, 1)
        self.bar.n = min(done, self.bar.total)
        self.bar.set_description(str(label)[:30])
        self.bar.refresh()

    def close(self) -> None:
        self.bar.close()
