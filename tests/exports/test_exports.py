"""Exports: same visibility and filters as the list pages, formula-safe cells, and an exact round trip."""

import io
import json

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.urls import reverse
from openpyxl import load_workbook

from rightstrack.core.spreadsheets import safe_cell, unsafe_cell
from rightstrack.exports.services import export_rows
from rightstrack.exports.system import ConsoleOperator
from rightstrack.imports.services import import_file
from rightstrack.recommendations.interchange import RECOMMENDATION_FIELDS
from rightstrack.recommendations.models import Recommendation
from tests.factories import PASSWORD


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_cells_that_look_like_formulas_are_neutralised_and_restored(value):
    assert safe_cell(value).startswith("'") and unsafe_cell(safe_cell(value)) == value
    assert safe_cell("Ratify the Convention") == "Ratify the Convention"


def test_anonymous_export_holds_published_records_only(client, world):
    for fmt in ("csv", "jsonl"):
        body = _body(client.get(reverse("exports:export", args=["recommendations", fmt]))).decode()
        assert "Secret draft recommendation text" not in body
        assert world.recommendation.text.splitlines()[0][:30] in body
    client.login(username="viewer", password=PASSWORD)
    body = _body(client.get(reverse("exports:export", args=["recommendations", "csv"]))).decode()
    assert "Secret draft recommendation text" in body


def test_export_honours_the_list_filters(client, world):
    url = reverse("exports:export", args=["recommendations", "jsonl"])
    client.login(username="viewer", password=PASSWORD)
    wanted = world.recommendation.response
    rows = [json.loads(line) for line in _body(client.get(url, {"response": wanted})).decode().splitlines()]
    assert rows and all(r["response"] == wanted for r in rows)
    assert len(rows) < Recommendation.objects.count()
    assert list(rows[0]) == RECOMMENDATION_FIELDS


@pytest.mark.parametrize("kind", ["recommendations", "measures", "plans", "legal-acts", "progress-reports"])
def test_every_list_exports_as_xlsx(client, world, kind):
    client.login(username="coord", password=PASSWORD)
    response = client.get(reverse("exports:export", args=[kind, "xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(_body(response)), read_only=True).active
    assert next(sheet.iter_rows(values_only=True))[0]


def test_unknown_kind_or_format_is_404(client, world):
    assert client.get(reverse("exports:export", args=["users", "csv"])).status_code == 404
    assert client.get(reverse("exports:export", args=["measures", "pdf"])).status_code == 404


def test_formula_text_is_safe_in_csv_and_xlsx(client, world, tmp_path):
    Recommendation.objects.filter(pk=world.recommendation.pk).update(text="=cmd|' /C calc'!A0")
    csv_body = _body(client.get(reverse("exports:export", args=["recommendations", "csv"]))).decode()
    assert ",'=cmd|" in csv_body
    sheet = load_workbook(io.BytesIO(_body(client.get(reverse("exports:export", args=["recommendations", "xlsx"])))),
                          read_only=True).active
    assert "'=cmd|' /C calc'!A0" in [c for row in sheet.iter_rows(values_only=True) for c in row]


def _export(kind, fmt, path):
    call_command("export", kind, "--format", fmt, "--output", str(path))
    return path


def _wipe_domain():
    """A fresh database for the round trip: no recommendations, measures, plans or documents."""
    from rightstrack.planning.models import ActionPlan
    from rightstrack.recommendations.models import Assessment, SourceDocument

    Assessment.objects.all().delete()
    ActionPlan.objects.all().delete()
    Recommendation.objects.all().delete()
    SourceDocument.objects.all().delete()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_export_import_export_is_identical(world, terms, tmp_path, fmt):
    rec = world.recommendation
    rec.tags.create(term=terms["sdg"], status="accepted")
    rec.recommending_states.create(name="Côte d'Ivoire")
    Recommendation.objects.filter(pk=world.hidden_recommendation.pk).update(text="-5 ways to =improve\nline two")
    first = _export("recommendations", fmt, tmp_path / f"first.{fmt}")
    measures_first = _export("measures", fmt, tmp_path / f"m1.{fmt}")
    _wipe_domain()
    assert import_file(path=first, actor=None, format_name="tabular").rejected == 0
    assert import_file(path=measures_first, actor=None, format_name="plan").rejected == 0
    second = _export("recommendations", fmt, tmp_path / f"second.{fmt}")
    measures_second = _export("measures", fmt, tmp_path / f"m2.{fmt}")
    if fmt == "csv":
        assert first.read_bytes() == second.read_bytes()
        assert measures_first.read_bytes() == measures_second.read_bytes()
    else:  # XLSX files carry their creation time; their cells must be identical
        for a, b in ((first, second), (measures_first, measures_second)):
            assert ([r for r in load_workbook(a).active.iter_rows(values_only=True)]
                    == [r for r in load_workbook(b).active.iter_rows(values_only=True)])


def _open_data(client, dataset: str, path):
    path.write_bytes(b"".join(client.get(f"/api/v1/export/{dataset}.csv").streaming_content))
    return path


def test_open_data_csv_re_imports_to_the_same_records(client, world, terms, tmp_path):
    """/api/v1/export/*.csv has the interchange columns: it imports back with no mapping, and the records it
    makes export to the same bytes."""
    world.recommendation.tags.create(term=terms["sdg"], status="accepted")
    Recommendation.objects.filter(pk=world.recommendation.pk).update(text="=1+1 is no formula\nline two")
    first = _open_data(client, "recommendations", tmp_path / "first.csv")
    measures_first = _open_data(client, "measures", tmp_path / "m1.csv")
    assert first.read_text("utf-8-sig").splitlines()[0] == ",".join(RECOMMENDATION_FIELDS)
    assert "'=1+1 is no formula" in first.read_text("utf-8-sig")
    assert len(measures_first.read_text("utf-8-sig").splitlines()) > 1
    published = sorted(Recommendation.objects.filter(is_published=True).values_list("text", flat=True))
    _wipe_domain()
    assert import_file(path=first, actor=None, format_name="tabular").rejected == 0
    assert import_file(path=measures_first, actor=None, format_name="plan").rejected == 0
    assert sorted(Recommendation.objects.values_list("text", flat=True)) == published
    assert _open_data(client, "recommendations", tmp_path / "second.csv").read_bytes() == first.read_bytes()
    # A measures file does not say whether its plan is published (the imported plan is a draft), so the
    # measures are compared through the CLI's export, which sees drafts: the same columns and writer.
    assert _export("measures", "csv", tmp_path / "m2.csv").read_bytes() == measures_first.read_bytes()


def test_cli_export_filters_and_public_flag(world, tmp_path):
    everything = _export("recommendations", "jsonl", tmp_path / "all.jsonl").read_text().splitlines()
    call_command("export", "recommendations", "--format", "jsonl", "--public", "--output", str(tmp_path / "p.jsonl"))
    public = (tmp_path / "p.jsonl").read_text().splitlines()
    assert len(public) < len(everything)
    call_command("export", "recommendations", "status=implemented", "--format", "jsonl",
                 "--output", str(tmp_path / "f.jsonl"))
    assert all(json.loads(line)["status"] == "implemented" for line in (tmp_path / "f.jsonl").read_text().splitlines())


def test_console_operator_sees_what_an_administrator_sees(world):
    _, total, _rows = export_rows(kind="recommendations", user=ConsoleOperator(), params=QueryDict())
    assert total == Recommendation.objects.count()


def test_a_recommendations_export_runs_the_same_queries_for_3_or_30_rows(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(count: int) -> int:
        Recommendation.objects.exclude(pk__in=[world.recommendation.pk, world.hidden_recommendation.pk]).delete()
        for n in range(count - 2):
            Recommendation.objects.create(source_document=world.document, paragraph=f"900.{n}", text=f"Extra {n}")
        with CaptureQueriesContext(connection) as captured:
            _headers, total, rows = export_rows(kind="recommendations", user=ConsoleOperator(), params=QueryDict())
            assert len(list(rows)) == total == count
        return len(captured)

    assert queries_for(3) == queries_for(30)
