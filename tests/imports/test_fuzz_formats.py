"""Property tests for every importer: the UHRI, UPR Info and UPR-report layouts, action-plan measures (CSV and
XLSX) and the PDF report extractor. Whatever the cells, an import refuses the file, rejects rows with reasons and
writes nothing, or writes every row once; it never raises anything else."""

import csv
import io

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightstrack.imports.formats import FORMATS, MEASURE_FIELDS
from rightstrack.imports.pdf.report import lines_extract
from rightstrack.imports.readers import UnusableInput
from rightstrack.imports.services import import_file
from rightstrack.planning.models import Measure
from rightstrack.recommendations.models import Recommendation
from tests.snapshot import database_fingerprint

NOISE = st.text(alphabet=st.sampled_from(list("ab Яж,;\t\"'\n=-+@0123456789.:/()–\ufeff")), max_size=20)
PLAUSIBLE = st.sampled_from(["A/HRC/28/10", "UPR", "Kazakhstan", "2014-12-10", "10/12/2014", "31.12.2024", "Supported",
                             "Noted", "supported/noted", "124.1", "1", "Ratify OPCAT", "- Torture\n- Death penalty",
                             "Action Plan on Human Rights", "MIA", "MIA, MoH", "yes", "no", "2", "28", "x" * 400,
                             "99999999999999999999", "-1", "0", "2022"])
CELL = st.one_of(PLAUSIBLE, NOISE)
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
LAYOUTS = {name: list(dict.fromkeys(fmt.columns)) for name, fmt in FORMATS.items()} | {"plan": list(MEASURE_FIELDS)}


def _import_and_check(path, format_name: str) -> None:
    model = Measure if format_name == "plan" else Recommendation
    before, count = database_fingerprint(), model.objects.count()
    try:
        result = import_file(path=path, actor=None, format_name=format_name)
    except UnusableInput as error:
        assert str(error) and database_fingerprint() == before
        return
    if result.rejected:
        assert not result.written and database_fingerprint() == before
        assert result.problems and all(problem.reason for problem in result.problems)
    else:
        assert result.written and not result.problems
        assert model.objects.count() == count + result.created
        assert (database_fingerprint() == before) == (result.created + result.updated == 0)


def _rows(data, headers):
    return [[data.draw(CELL) for _ in headers] for _ in range(data.draw(st.integers(0, 5)))]


@FUZZ
@given(data=st.data(), format_name=st.sampled_from(sorted(LAYOUTS)))
def test_every_csv_layout_refuses_rejects_or_writes_whole(db, tmp_path, data, format_name):
    headers = data.draw(st.permutations(LAYOUTS[format_name]))
    headers = headers[:data.draw(st.integers(1, len(headers)))]  # some columns missing, in any order
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(headers)
    writer.writerows(_rows(data, headers))
    path = tmp_path / f"{format_name}.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    _import_and_check(path, format_name)


@FUZZ
@given(data=st.data(), format_name=st.sampled_from(sorted(LAYOUTS)))
def test_every_xlsx_layout_refuses_rejects_or_writes_whole(db, tmp_path, data, format_name):
    headers = LAYOUTS[format_name]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in _rows(data, headers):
        # Spreadsheet cells are also numbers and dates, not only text.
        sheet.append([data.draw(st.one_of(st.just(cell), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                                          st.dates())) for cell in row])
    path = tmp_path / f"{format_name}.xlsx"
    workbook.save(path)
    _import_and_check(path, format_name)


PAGE_WORDS = st.sampled_from(["Conclusions and recommendations", "Conclusions and/or recommendations", "124.",
                              "124.1", "Ratify the Optional Protocol", "(Denmark);", "(France)", "Kazakhstan",
                              "A/HRC/28/10", "Distr.: General", "10 December 2014", "Original: English", "\n",
                              "Выводы и/или рекомендации", "1.", "(a)", "GE.14-", "*", "¹", "Twenty-eighth session"])


@settings(max_examples=60, deadline=None)
@given(pages=st.lists(st.lists(st.one_of(PAGE_WORDS, NOISE), max_size=40).map(" ".join), max_size=4))
def test_the_report_extractor_finds_recommendations_or_says_why_not(pages):
    try:
        report = lines_extract(pages, "fuzz.pdf")
    except UnusableInput as error:
        assert "fuzz.pdf" in str(error)
        return
    assert report.recommendations and all(item.text for item in report.recommendations)
