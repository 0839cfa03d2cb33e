"""What each export contains: the list page's selector (same visibility, same filters) and its columns."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from rightstrack.exports import columns as c
from rightstrack.legislation.selectors import legal_act_faceted
from rightstrack.planning.selectors import measure_faceted, plan_list, progress_report_list
from rightstrack.recommendations.selectors import recommendation_faceted
from rightstrack.taxonomy.models import TagAssignment

CHUNK = 2000


@dataclass(frozen=True)
class ExportKind:
    """One exportable list: its rows for a user and a query string, its columns and what to prefetch."""

    rows: Callable[..., QuerySet]
    columns: list[c.Column]
    prefetch: tuple = ()


def _tags():
    return Prefetch("tags", queryset=TagAssignment.objects.select_related("term"))


EXPORTS = {
    "recommendations": ExportKind(lambda user, params: recommendation_faceted(user=user, params=params)[0],
                                  c.RECOMMENDATION_COLUMNS, ("recommending_states", "co_executors", _tags)),
    "measures": ExportKind(lambda user, params: measure_faceted(user=user, params=params)[0], c.MEASURE_COLUMNS,
                           ("co_executors", "recommendations__source_document")),
    "plans": ExportKind(lambda user, params: plan_list(user=user), c.PLAN_COLUMNS),
    "legal-acts": ExportKind(lambda user, params: legal_act_faceted(user=user, params=params)[0],
                             c.LEGAL_ACT_COLUMNS, ("amendments", "measures__version__plan")),
    "progress-reports": ExportKind(lambda user, params: progress_report_list(user=user), c.PROGRESS_REPORT_COLUMNS),
}


def export_rows(*, kind: str, user, params) -> tuple[list[str], int, Iterator[list[str]]]:
    """Headers, row count and a streaming iterator of text rows for the list `kind` as `user` sees it."""
    spec = EXPORTS[kind]
    qs = spec.rows(user, params).prefetch_related(*(p() if callable(p) else p for p in spec.prefetch))
    total = qs.count()

    def rows():
        for obj in qs.iterator(chunk_size=CHUNK):
            yield [column.get(obj) for column in spec.columns]

    return [column.name for column in spec.columns], total, rows()
