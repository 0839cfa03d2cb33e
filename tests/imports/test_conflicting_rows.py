"""Rows of one file that state a shared record differently are a problem naming the rows, not a silent last-row-wins
(finding 13); each document is then written once."""

import time

from simple_history.utils import get_history_model_for_model

from rightstrack.imports.services import import_file
from rightstrack.recommendations.models import SourceDocument
from tests.imports.conftest import csv_bytes, uhri_row
from tests.snapshot import database_fingerprint


JAN_2020, FEB_2020 = "43831", "43862"  # spreadsheet serial dates, as UHRI exports them


def _file(tmp_path, rows):
    path = tmp_path / "uhri.csv"
    path.write_bytes(csv_bytes(rows))
    return path


def test_one_document_with_two_publication_dates_is_reported_with_both_rows(tmp_path, world, terms):
    rows = [uhri_row(1), uhri_row(2), uhri_row(3, **{"Document Publication Date": FEB_2020}), uhri_row(4)]
    before = database_fingerprint()
    result = import_file(path=_file(tmp_path, rows), actor=None, format_name="uhri")
    assert not result.written and result.rejected == 1
    problem = result.problems[0]
    assert problem.row == 4 and problem.column == "Document Publication Date"
    assert "A/HRC/43/10" in problem.reason and "2020-02-01" in problem.reason
    assert "2020-01-01 in row 2" in problem.reason
    assert database_fingerprint() == before


def test_a_partial_import_writes_the_document_once_with_the_agreed_date(tmp_path, world, terms):
    rows = [uhri_row(n, **({"Document Publication Date": FEB_2020} if n % 2 else {})) for n in range(1, 41)]
    result = import_file(path=_file(tmp_path, rows), actor=None, format_name="uhri", partial=True)
    assert result.written and result.rejected == 20 and result.created == 20
    document = SourceDocument.objects.get(symbol="A/HRC/43/10")
    assert document.date.isoformat() == "2020-02-01"  # row 2 stated it first; no row changed it afterwards
    assert get_history_model_for_model(SourceDocument).objects.filter(id=document.pk).count() == 1


def test_rows_that_agree_on_their_document_import_as_before(tmp_path, world, terms):
    rows = [uhri_row(n) for n in range(1, 201)]
    started = time.monotonic()
    result = import_file(path=_file(tmp_path, rows), actor=None, format_name="uhri")
    assert result.written and result.created == 200 and result.rejected == 0
    assert time.monotonic() - started < 30
