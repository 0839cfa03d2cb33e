"""Open-data bulk export of everything published, as CSV or JSON Lines.

The CSV has the interchange schema's columns (`recommendations.interchange`), the same file as /exports/, so it
imports back with no mapping; JSON Lines carries the API's output objects (with their ids and translations).
Always the anonymous view: a token does not widen an open-data file.
"""

import json
from typing import Literal

from django.http import QueryDict, StreamingHttpResponse
from ninja import Router

from rightstrack.accounts.permissions import ANONYMOUS
from rightstrack.api.legislation import LegalActOut, legal_acts_published
from rightstrack.api.planning import (
    MeasureOut,
    PlanOut,
    ProgressReportOut,
    measures_published,
    plans_published,
    reports_published,
)
from rightstrack.api.recommendations import (
    AssessmentOut,
    RecommendationOut,
    recommendations_published,
)
from rightstrack.core.spreadsheets import csv_lines
from rightstrack.exports.services import export_rows
from rightstrack.recommendations.selectors import assessment_list

router = Router(tags=["open data"])

DATASETS = {
    "recommendations": (recommendations_published, RecommendationOut),
    "measures": (measures_published, MeasureOut),
    "plans": (plans_published, PlanOut),
    "legal-acts": (legal_acts_published, LegalActOut),
    "progress-reports": (reports_published, ProgressReportOut),
    "assessments": (lambda: assessment_list(user=ANONYMOUS).order_by("pk"), AssessmentOut),
}
CHUNK = 500


def _rows(dataset: str):
    queryset, schema = DATASETS[dataset]
    for obj in queryset().iterator(chunk_size=CHUNK):
        yield schema.from_orm(obj).model_dump(mode="json")


def as_jsonl(dataset: str):
    """One JSON object per line."""
    for row in _rows(dataset):
        yield json.dumps(row, ensure_ascii=False) + "\n"


def as_csv(dataset: str):
    """The interchange columns of every published record: the rows and the writer of /exports/ for an anonymous
    reader (`exports.services.export_rows`, `core.spreadsheets.CsvWriter`), formula-like cells neutralised."""
    headers, _total, rows = export_rows(kind=dataset, user=ANONYMOUS, params=QueryDict())
    return csv_lines(headers, rows)


@router.get("/export/{dataset}.{fmt}", auth=None, url_name="export",
            openapi_extra={"responses": {200: {"description": "The file", "content": {
                "text/csv": {"schema": {"type": "string"}}, "application/x-ndjson": {"schema": {"type": "string"}}}}}})
def export(request, dataset: Literal[tuple(DATASETS)], fmt: Literal["csv", "jsonl"]):
    """Download a whole published data set (no authentication)."""
    if fmt == "csv":
        response = StreamingHttpResponse(as_csv(dataset), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(as_jsonl(dataset), content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rightstrack-{dataset}.{fmt}"'
    return response
