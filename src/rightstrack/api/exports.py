"""Open-data bulk export of everything published, as CSV or JSON Lines.

The columns are the API's output schemas, so the export and the API never disagree.
Always the anonymous view: a token does not widen an open-data file.
"""

import json
from typing import Literal

from django.http import StreamingHttpResponse
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


def _cell(value) -> str:
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return " | ".join(str(v) for v in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return "" if value is None else str(value)


def as_jsonl(dataset: str):
    """One JSON object per line."""
    for row in _rows(dataset):
        yield json.dumps(row, ensure_ascii=False) + "\n"


def as_csv(dataset: str):
    """A header from the schema's fields, then one line per record; lists joined with ' | '. The same writer as
    /exports/ (core.spreadsheets.CsvWriter), so formula-like cells are neutralised here too."""
    _queryset, schema = DATASETS[dataset]
    columns = list(schema.model_fields)
    return csv_lines(columns, ([_cell(row[c]) for c in columns] for row in _rows(dataset)))


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
