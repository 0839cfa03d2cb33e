"""What each export contains: the list page's selector (same visibility, same filters) and its columns."""

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.db.models import QuerySet

from rightstrack.legislation.selectors import legal_act_faceted
from rightstrack.planning.selectors import (
    measure_filtered,
    plan_list,
    progress_report_list,
)
from rightstrack.recommendations import interchange as c
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.selectors import assessment_list, recommendation_faceted
from rightstrack.taxonomy.models import TagAssignment

CHUNK = 2000


def _recommendation_values(qs: QuerySet) -> Iterator[dict]:
    """The recommendations of `qs`, in its order, as the plain values their columns read, a chunk at a time: four
    queries per chunk. Model instances (the record, its document, mechanism, tags, terms and States) cost about
    1 ms a row, most of an export's time."""
    ids = qs.values_list("pk", flat=True).iterator(chunk_size=CHUNK)
    while chunk := list(islice(ids, CHUNK)):
        rows = {row["pk"]: row for row in Recommendation.objects.filter(pk__in=chunk).values("pk",
                                                                                              *c.RECOMMENDATION_VALUES)}
        states, co_executors, tags = defaultdict(list), defaultdict(list), defaultdict(lambda: defaultdict(list))
        for pk, name in Recommendation.recommending_states.through.objects.filter(
                recommendation_id__in=chunk).values_list("recommendation_id", "country__name"):
            states[pk].append(name)
        for pk, abbreviation in Recommendation.co_executors.through.objects.filter(
                recommendation_id__in=chunk).values_list("recommendation_id", "institution__abbreviation"):
            co_executors[pk].append(abbreviation)
        for pk, vocabulary, name, code in TagAssignment.objects.filter(
                recommendation_id__in=chunk, status=TagAssignment.Status.ACCEPTED).values_list(
                "recommendation_id", "vocabulary", "term__name", "term__code"):
            tags[pk][vocabulary].append({"name": name, "code": code})
        for pk in chunk:
            if pk in rows:  # else deleted since the ids were read
                yield {**rows[pk], "recommending_states": states[pk], "co_executors": co_executors[pk],
                       "tags": tags[pk]}


@dataclass(frozen=True)
class ExportKind:
    """One exportable list: its rows for a user and a query string, its columns, what to prefetch, and how its
    records are read (model instances unless said otherwise)."""

    rows: Callable[..., QuerySet]
    columns: list[c.Column]
    prefetch: tuple = ()
    records: Callable[[QuerySet], Iterator] | None = None


EXPORTS = {
    "recommendations": ExportKind(lambda user, params: recommendation_faceted(user=user, params=params)[0],
                                  c.RECOMMENDATION_COLUMNS, records=_recommendation_values),
    "measures": ExportKind(lambda user, params: measure_filtered(user=user, params=params), c.MEASURE_COLUMNS,
                           ("co_executors", "recommendations__source_document")),
    "plans": ExportKind(lambda user, params: plan_list(user=user), c.PLAN_COLUMNS),
    "legal-acts": ExportKind(lambda user, params: legal_act_faceted(user=user, params=params)[0],
                             c.LEGAL_ACT_COLUMNS, ("amendments", "measures__version__plan")),
    "progress-reports": ExportKind(lambda user, params: progress_report_list(user=user), c.PROGRESS_REPORT_COLUMNS),
    "assessments": ExportKind(lambda user, params: assessment_list(user=user).order_by("pk"), c.ASSESSMENT_COLUMNS,
                              ("recommendation__source_document", "measure__version__plan")),
}


def export_rows(*, kind: str, user, params) -> tuple[list[str], int, Iterator[list[str]]]:
    """Headers, row count and a streaming iterator of text rows for the list `kind` as `user` sees it."""
    spec = EXPORTS[kind]
    qs = spec.rows(user, params)
    total = qs.count()

    def rows():
        records = spec.records(qs) if spec.records else qs.prefetch_related(*spec.prefetch).iterator(CHUNK)
        for record in records:
            yield [column.get(record) for column in spec.columns]

    return [column.name for column in spec.columns], total, rows()
