"""Property tests: whatever the bytes, the tabular parser never raises an unexpected error or half-writes."""

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightstrack.imports.readers import Table, UnusableInput
from rightstrack.imports.services import import_file
from rightstrack.recommendations.models import Recommendation
from tests.snapshot import database_fingerprint

CELL = st.text(alphabet=st.sampled_from(list("ab Яж,;\t\"'\n\r=-+@0123456789.:/¶–\ufeff")), max_size=25)
FIELDS = ["document", "mechanism", "paragraph", "text", "response", "status", "deadline", "published", "themes"]
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])


def _check(tmp_path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    before, recommendations = database_fingerprint(), Recommendation.objects.count()
    try:
        result = import_file(path=path, actor=None, format_name="tabular")
    except UnusableInput as error:
        assert str(error) and "\n" not in str(error)
        assert database_fingerprint() == before
        return
    rows = [number for number, _row in Table(path).rows()]  # the non-blank data rows, by their row numbers
    if result.rejected:
        # Nothing is written, and each rejected row is a row of the file with at least one reason given.
        assert not result.written and database_fingerprint() == before
        assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
        assert 0 < result.rejected <= len(rows) and result.problem_count >= result.rejected
        assert result.problems and all(p.reason for p in result.problems)
        assert {p.row for p in result.problems} <= set(rows)
    else:
        # Every row is accounted for exactly once, and each one counted as created is a new recommendation.
        assert result.written and not result.problems
        assert result.created + result.updated + result.unchanged == len(rows)
        assert Recommendation.objects.count() == recommendations + result.created
        assert (database_fingerprint() == before) == (result.created + result.updated == 0)


@FUZZ
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=len(FIELDS) + 2), max_size=6),
       headers=st.permutations(FIELDS), delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251"]))
def test_structured_tables_never_crash_or_half_write(db, tmp_path, rows, headers, delimiter, encoding):
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    _check(tmp_path, text.getvalue().encode(encoding, errors="replace"))


@FUZZ
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(db, tmp_path, data):
    _check(tmp_path, b"document,mechanism,text\n" + data)


PLAUSIBLE_ROW = st.fixed_dictionaries({
    "document": st.sampled_from(["A/HRC/14/10", "A/HRC/28/10", "A/HRC/43/10"]),
    "mechanism": st.sampled_from(["UPR", ""]),
    "paragraph": st.from_regex(r"\A[1-9][0-9]?\.[1-9][0-9]?\Z"),
    "text": st.lists(st.sampled_from(["Ratify", "the", "convention", "against", "torture", "Защищать", "права",
                                      "детей", "журналистов", "schools", "press"]),
                     min_size=1, max_size=8).map(" ".join),
})


@FUZZ
@given(rows=st.lists(PLAUSIBLE_ROW, min_size=1, max_size=6), encoding=st.sampled_from(["utf-8", "utf-8-sig",
                                                                                          "cp1251"]))
def test_plausible_rows_are_each_counted_once_and_written_all_or_nothing(db, tmp_path, rows, encoding):
    """Mostly importable rows (repeats and clashes among them are rejected), so the written path is fuzzed too."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=["document", "mechanism", "paragraph", "text"])
    writer.writeheader()
    writer.writerows(rows)
    _check(tmp_path, text.getvalue().encode(encoding))
