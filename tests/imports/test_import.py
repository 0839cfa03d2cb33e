"""Importing files: every format and encoding, the three keys, idempotency, history and all-or-nothing."""

import datetime as dt
import json

import pytest

from rightstrack.imports.readers import UnusableInput
from rightstrack.imports.services import import_file
from rightstrack.planning.models import Measure
from rightstrack.recommendations.models import Recommendation, SourceDocument
from rightstrack.search.indexing import index_documents
from rightstrack.search.models import SearchDocument
from rightstrack.search.selectors import recommendation_search
from rightstrack.taxonomy.models import TagAssignment
from tests.imports.conftest import csv_bytes, uhri_row, xlsx_bytes
from tests.search.test_facet_index import _from_rows, _page
from tests.snapshot import database_fingerprint


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_uhri_csv_creates_recommendations_with_document_states_and_tags(tmp_path, terms, world):
    path = _write(tmp_path, "uhri.csv", csv_bytes([uhri_row(1), uhri_row(2, "Ratify OP-CAT", Themes="")]))
    result = import_file(path=path, actor=world.users["coordinator"], format_name="uhri")
    assert result.summary_line() == "created=2 updated=0 unchanged=0 rejected=0"
    rec = Recommendation.objects.get(external_id="6f1c2b7e-0000-4000-8000-000000000001")
    assert rec.source_document.symbol == "A/HRC/43/10" and rec.source_document.date == dt.date(2020, 1, 1)
    assert rec.source_document.session == "34" and rec.source_document.mechanism.code == "UPR"
    assert rec.response == "supported"
    assert sorted(rec.recommending_states.values_list("name", flat=True)) == ["France", "Germany"]
    tags = {(t.vocabulary, t.term_id, t.status) for t in rec.tags.all()}
    assert tags == {("theme", terms["theme"].pk, "accepted"), ("group", terms["children"].pk, "accepted"),
                    ("group", terms["women"].pk, "accepted"), ("sdg_target", terms["sdg"].pk, "accepted")}
    assert rec.history.count() == 1 and rec.history.first().history_user == world.users["coordinator"]
    assert set(result.ignored_columns) >= {"Countries Concerned", "Type"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_every_encoding_and_delimiter_reads_the_same_text(tmp_path, terms, encoding, delimiter):
    text = "Отменить смертную казнь; обеспечить\nдоступ к правосудию, «полностью»"
    path = _write(tmp_path, "r.csv", csv_bytes([uhri_row(1, text)], encoding=encoding, delimiter=delimiter))
    result = import_file(path=path, actor=None, format_name="uhri")
    assert (result.created, result.rejected) == (1, 0), result.problems
    assert Recommendation.objects.get(external_id__startswith="6f1c").text == text


def test_xlsx_with_excel_serial_and_iso_dates(tmp_path, terms):
    path = _write(tmp_path, "r.xlsx", xlsx_bytes([uhri_row(1), uhri_row(2, **{"Document Symbol": "CCPR/C/KAZ/CO/2",
                                                                                "Document Publication Date": "2016-08-09",
                                                                                "Reccomending Body": "CCPR"})]))
    result = import_file(path=path, actor=None)  # the format is recognised from the columns
    assert result.created == 2, result.problems
    assert SourceDocument.objects.get(symbol="A/HRC/43/10").date == dt.date(2020, 1, 1)
    ccpr = SourceDocument.objects.get(symbol="CCPR/C/KAZ/CO/2")
    assert ccpr.date == dt.date(2016, 8, 9) and ccpr.mechanism.kind == "treaty_body"


def test_reimporting_the_same_file_changes_nothing(tmp_path, terms):
    path = _write(tmp_path, "r.csv", csv_bytes([uhri_row(n) for n in range(1, 6)]))
    assert import_file(path=path, actor=None).created == 5
    before = database_fingerprint()
    again = import_file(path=path, actor=None)
    assert again.summary_line() == "created=0 updated=0 unchanged=5 rejected=0"
    assert database_fingerprint() == before


def test_an_edited_row_is_updated_and_the_change_is_in_history(tmp_path, terms, world):
    rows = [uhri_row(1), uhri_row(2)]
    import_file(path=_write(tmp_path, "a.csv", csv_bytes(rows)), actor=None)
    rows[1] = uhri_row(2, "Corrected text", **{"UPR Position": "Noted", "Affected Persons": "- Children"})
    result = import_file(path=_write(tmp_path, "b.csv", csv_bytes(rows)), actor=world.users["coordinator"])
    assert result.summary_line() == "created=0 updated=1 unchanged=1 rejected=0"
    rec = Recommendation.objects.get(external_id__endswith="000000000002")
    assert (rec.text, rec.response) == ("Corrected text", "noted")
    latest, previous = rec.history.all()[:2]
    assert latest.history_user == world.users["coordinator"] and latest.history_change_reason == "import: b.csv"
    assert {c.field for c in latest.diff_against(previous).changes} >= {"text", "response"}
    assert not rec.tags.filter(term=terms["women"]).exists()
    assert TagAssignment.history.filter(term=terms["women"], history_type="-").exists()


def test_unknown_label_rejects_the_row_with_a_suggestion_and_writes_nothing(tmp_path, terms):
    before = database_fingerprint()
    path = _write(tmp_path, "r.csv", csv_bytes([uhri_row(1), uhri_row(2, Themes="- Death penalti")]))
    result = import_file(path=path, actor=None)
    assert result.summary_line() == "created=0 updated=0 unchanged=0 rejected=1" and not result.written
    [problem] = result.problems
    assert (problem.row, problem.column) == (3, "Themes")
    assert "unknown theme 'Death penalti'" in problem.reason and "did you mean 'death penalty'" in problem.reason
    assert database_fingerprint() == before


def test_partial_imports_the_valid_rows_and_reports_the_rest(tmp_path, terms):
    rows = [uhri_row(1), uhri_row(2, **{"Document Publication Date": "soon"}), uhri_row(3)]
    result = import_file(path=_write(tmp_path, "r.csv", csv_bytes(rows)), actor=None, partial=True)
    assert result.summary_line() == "created=2 updated=0 unchanged=0 rejected=1"
    assert result.problems[0].row == 3 and "not a date: 'soon'" in result.problems[0].reason
    assert Recommendation.objects.filter(external_id__startswith="6f1c").count() == 2


def test_duplicate_rows_in_one_file_are_reported(tmp_path, terms):
    rows = [uhri_row(1), uhri_row(2), uhri_row(1, "Same id, other text")]
    result = import_file(path=_write(tmp_path, "r.csv", csv_bytes(rows)), actor=None, partial=True)
    assert result.created == 2 and result.rejected == 1
    assert result.problems[0].row == 4 and "duplicate of row 2" in result.problems[0].reason


@pytest.mark.parametrize("batch", [2, 3, 1000])
def test_duplicates_are_found_across_batches_and_point_at_the_first_row(tmp_path, terms, monkeypatch, batch):
    monkeypatch.setattr("rightstrack.imports.services.BATCH", batch)
    rows = [uhri_row(1), uhri_row(2), uhri_row(3), uhri_row(2, "again"), uhri_row(4), uhri_row(1, "and again"),
            uhri_row(2, "a third time")]
    result = import_file(path=_write(tmp_path, "r.csv", csv_bytes(rows)), actor=None, partial=True)
    assert (result.created, result.rejected) == (4, 3)
    assert sorted((p.row, p.reason.split(":")[0]) for p in result.problems) == [
        (5, "duplicate of row 3"), (7, "duplicate of row 2"), (8, "duplicate of row 3")]


def test_dry_run_counts_exactly_but_writes_nothing(tmp_path, terms):
    path = _write(tmp_path, "r.csv", csv_bytes([uhri_row(1), uhri_row(2)]))
    before = database_fingerprint()
    result = import_file(path=path, actor=None, dry_run=True)
    assert result.summary_line() == "created=2 updated=0 unchanged=0 rejected=0" and not result.written
    assert database_fingerprint() == before


TABULAR = ["document", "mechanism", "paragraph", "text", "recommending_states", "response"]


def test_tabular_rows_are_keyed_by_document_and_paragraph_then_by_text(tmp_path, world):
    rows = [{"document": "A/HRC/99/1", "mechanism": "UPR", "paragraph": "124.1", "text": "Ratify CED",
             "recommending_states": "France", "response": "Accepted"},
            {"document": "A/HRC/99/1", "mechanism": "UPR", "paragraph": "", "text": "Abolish  the Death penalty",
             "recommending_states": "", "response": ""}]
    path = _write(tmp_path, "t.csv", csv_bytes(rows, headers=TABULAR, delimiter=";"))
    assert import_file(path=path, actor=None, format_name="tabular").created == 2
    rows[0]["text"] = "Ratify the CED"
    rows[1]["text"] = "abolish the death   penalty"  # same normalised text: same key, a changed text
    result = import_file(path=_write(tmp_path, "t2.csv", csv_bytes(rows, headers=TABULAR)), actor=None,
                         format_name="tabular")
    assert result.summary_line() == "created=0 updated=2 unchanged=0 rejected=0"
    imported = Recommendation.objects.filter(source_document__symbol="A/HRC/99/1")
    assert imported.get(paragraph="124.1").text == "Ratify the CED"
    assert imported.get(paragraph="").response == "pending"


def test_a_mapping_names_the_columns_of_any_table(tmp_path, db):
    headers = ["Документ", "Орган", "Текст рекомендации"]
    path = _write(tmp_path, "ru.csv", csv_bytes([{"Документ": "E/C.12/KAZ/CO/2", "Орган": "CESCR",
                                                  "Текст рекомендации": "Повысить минимальную зарплату"}],
                                                headers=headers, encoding="cp1251", delimiter=";"))
    mapping = {"Документ": "document", "Орган": "mechanism", "Текст рекомендации": "text"}
    assert import_file(path=path, actor=None, format_name="tabular", mapping=mapping).created == 1
    with pytest.raises(UnusableInput, match="missing required column"):
        import_file(path=path, actor=None, format_name="tabular", mapping={"Документ": "document"})
    with pytest.raises(UnusableInput, match="unknown field"):
        import_file(path=path, actor=None, format_name="tabular", mapping={"Документ": "symbol"})


def test_upr_info_csv(tmp_path, world):
    headers = ["Recommendation", "Recommending State", "SuR", "Session", "Response", "Issue", "Action"]
    rows = [{"Recommendation": "Consider abolishing the death penalty", "Recommending State": "Italy",
             "SuR": "Kazakhstan", "Session": "7", "Response": "Noted", "Issue": "", "Action": ""}]
    path = _write(tmp_path, "upr.csv", csv_bytes(rows, headers=headers))
    result = import_file(path=path, actor=None)
    assert result.created == 1, result.problems
    rec = Recommendation.objects.get(source_document__symbol="UPR Info: Kazakhstan session 7")
    assert rec.source_document.mechanism.code == "UPR" and rec.response == "noted"
    assert import_file(path=path, actor=None, format_name="upr-info").unchanged == 1


PLAN = ["plan", "version", "key", "number", "text", "lead_institution", "deadline", "status", "recommendations"]


def test_plan_measures_import_and_reimport(tmp_path, world):
    rows = [{"plan": "Plan 2024", "version": "1", "key": "M1", "number": "1", "text": "Train judges (HELP)",
             "lead_institution": "MIA", "deadline": "31.12.2025", "status": "In progress",
             "recommendations": f"{world.document.symbol} ¶{world.recommendation.paragraph}"}]
    path = _write(tmp_path, "plan.csv", csv_bytes(rows, headers=PLAN))
    assert import_file(path=path, actor=None, format_name="plan").created == 1
    measure = Measure.objects.get(key="M1", version__plan__title="Plan 2024")
    assert measure.deadline == dt.date(2025, 12, 31) and measure.lead_institution == world.mia
    assert list(measure.recommendations.all()) == [world.recommendation]
    assert import_file(path=path, actor=None).unchanged == 1
    rows[0]["lead_institution"] = "Ministry of Nowhere"
    result = import_file(path=_write(tmp_path, "p2.csv", csv_bytes(rows, headers=PLAN)), actor=None)
    assert result.rejected == 1 and "unknown institution 'Ministry of Nowhere'" in result.problems[0].reason


@pytest.mark.parametrize("content,message", [
    (b"", "is empty"),
    (b"PK\x03\x04broken zip", "not a readable XLSX"),
    (b"Text,Document Symbol\nabc,A/1\n", "missing required column(s): Reccomending Body, OHCHR Annotation Id"),
])
def test_unusable_files_give_one_clear_reason(tmp_path, db, content, message):
    path = _write(tmp_path, "bad.csv", content)
    with pytest.raises(UnusableInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_file(path=path, actor=None, format_name="uhri")


def test_a_file_over_the_size_limit_is_refused(tmp_path, db, monkeypatch):
    monkeypatch.setattr("rightstrack.imports.readers.MAX_BYTES", 100)
    path = _write(tmp_path, "big.csv", csv_bytes([uhri_row(1)]))
    with pytest.raises(UnusableInput, match="the limit is"):
        import_file(path=path, actor=None)


def test_only_managers_import(tmp_path, world, terms):
    from django.core.exceptions import PermissionDenied

    path = _write(tmp_path, "r.csv", csv_bytes([uhri_row(1)]))
    with pytest.raises(PermissionDenied):
        import_file(path=path, actor=world.users["focal_point"])
    assert not Recommendation.objects.filter(external_id__startswith="6f1c").exists()


def test_mapping_json_on_the_command_line(tmp_path, db, capsys):
    from django.core.management import call_command

    path = _write(tmp_path, "m.csv", csv_bytes([{"Doc": "A/1", "Body": "UPR", "Txt": "Hello"}],
                                               headers=["Doc", "Body", "Txt"]))
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"Doc": "document", "Body": "mechanism", "Txt": "text"}))
    call_command("import", str(path), "--format", "tabular", "--mapping", str(mapping))
    assert capsys.readouterr().out.strip().splitlines()[-1] == "created=1 updated=0 unchanged=0 rejected=0"


def test_status_labels_read_the_same_in_any_interface_language(tmp_path):
    from django.utils import translation

    from rightstrack.core.models import ImplementationStatus
    from rightstrack.imports.values import parse_choice

    with translation.override("kk"):
        assert parse_choice("In progress", ImplementationStatus.choices) == "in_progress"
    with translation.override("en"):
        assert parse_choice("Выполняется", ImplementationStatus.choices) == "in_progress"


def test_a_created_recommendations_history_lists_its_recommending_states(tmp_path, terms):
    import_file(path=_write(tmp_path, "r.csv", csv_bytes([uhri_row(1)])), actor=None)
    rec = Recommendation.objects.get(external_id__endswith="000000000001")
    [created] = rec.history.all()
    assert created.history_type == "+"
    assert sorted(s.country.name for s in created.recommending_states.all()) == ["France", "Germany"]
    assert {t.history_type for t in TagAssignment.history.filter(recommendation_id=rec.pk)} == {"+"}


def test_imported_rows_are_indexed_as_a_reindex_would_index_them(tmp_path, terms):
    # The import builds full-text rows from the values in hand, not by reading the records back: they must be
    # the rows the index's own rebuild makes, and be found by their text, Russian stem, States and symbol.
    rows = [uhri_row(1), uhri_row(2, "Protect journalists", **{"UPR Reccomending States": "- Norway\n- Brazil",
                                                               "Document Symbol": "CCPR/C/KAZ/CO/2"})]
    import_file(path=_write(tmp_path, "r.csv", csv_bytes(rows)), actor=None)
    ids = sorted(Recommendation.objects.filter(external_id__startswith="6f1c").values_list("pk", flat=True))
    imported = _full_text_rows(ids)
    assert "brazil norway" in imported[ids[1]][0] and "ccpr c kaz co 2" in imported[ids[1]][0]  # stems, lower case
    index_documents(ids)
    assert _full_text_rows(ids) == imported
    found = {text: set(recommendation_search(Recommendation.objects.filter(pk__in=ids), text)[0].values_list(
        "pk", flat=True))
             for text in ("journalists", "рекомендации", "Norway", "France", '"A/HRC/43/10"')}
    assert found == {"journalists": {ids[1]}, "рекомендации": {ids[0]}, "Norway": {ids[1]}, "France": {ids[0]},
                     '"A/HRC/43/10"': {ids[0]}}


def test_new_rows_are_queued_for_embedding_once_the_import_commits(tmp_path, terms, django_capture_on_commit_callbacks,
                                                                    monkeypatch):
    from django_tasks_db.models import DBTaskResult

    from rightstrack.search import signals

    monkeypatch.setattr(signals, "EMBED_CHUNK", 2)
    path = _write(tmp_path, "r.csv", csv_bytes([uhri_row(n) for n in (1, 2, 3)]))
    with django_capture_on_commit_callbacks(execute=True):
        import_file(path=path, actor=None, format_name="uhri", dry_run=True)
    assert not DBTaskResult.objects.exists()  # a dry run commits nothing, so it queues nothing
    with django_capture_on_commit_callbacks(execute=True):
        import_file(path=path, actor=None, format_name="uhri")
    ids = sorted(Recommendation.objects.filter(external_id__startswith="6f1c").values_list("pk", flat=True))
    queued = sorted((task.task_path.rsplit(".", 1)[1], task.args_kwargs["args"]) for task in DBTaskResult.objects.all())
    assert queued == [("embed_range_task", [ids[0], ids[1]]), ("embed_range_task", [ids[2], ids[2]])]


def _full_text_rows(ids) -> dict:
    from django.db import connection

    if connection.vendor == "postgresql":
        return {d.pk: (d.body, str(d.vector)) for d in SearchDocument.objects.filter(pk__in=ids)}
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid, body FROM search_fts")
        fts = dict(cursor.fetchall())
    return {d.pk: (d.body, fts[d.pk]) for d in SearchDocument.objects.filter(pk__in=ids)}


def test_a_row_whose_states_alone_changed_is_updated_with_history(tmp_path, terms):
    import_file(path=_write(tmp_path, "a.csv", csv_bytes([uhri_row(1)])), actor=None)
    changed = uhri_row(1, **{"UPR Reccomending States": "- France\n- Brazil"})
    result = import_file(path=_write(tmp_path, "b.csv", csv_bytes([changed])), actor=None)
    assert result.summary_line() == "created=0 updated=1 unchanged=0 rejected=0"
    rec = Recommendation.objects.get(external_id__endswith="000000000001")
    assert sorted(rec.recommending_states.values_list("name", flat=True)) == ["Brazil", "France"]
    latest = rec.history.first()
    assert sorted(s.country.name for s in latest.recommending_states.all()) == ["Brazil", "France"]


def test_problems_stream_to_the_error_report_and_only_the_first_are_kept(tmp_path, terms, monkeypatch):
    import csv

    monkeypatch.setattr("rightstrack.imports.services.KEPT_PROBLEMS", 2)
    rows = [uhri_row(n, **{"UPR Position": "Maybe"}) for n in range(1, 6)]
    report = tmp_path / "errors.csv"
    result = import_file(path=_write(tmp_path, "r.csv", csv_bytes(rows)), actor=None, error_report=report)
    assert (result.rejected, result.problem_count, len(result.problems)) == (5, 5, 2)
    assert [r["row"] for r in csv.DictReader(report.open(encoding="utf-8-sig"))] == ["2", "3", "4", "5", "6"]


def test_a_clean_file_writes_no_error_report(tmp_path, terms):
    report = tmp_path / "errors.csv"
    import_file(path=_write(tmp_path, "r.csv", csv_bytes([uhri_row(1)])), actor=None, error_report=report)
    assert not report.exists()


def test_new_rows_hold_what_a_model_save_would_store_for_the_fields_the_file_leaves_out(tmp_path, terms):
    """Bulk inserts send the fields a file does not give as their defaults, once per statement; a paragraph and a
    publication flag the file does give derive the paragraph key and publication time, as `save` would."""
    import_file(path=_write(tmp_path, "u.csv", csv_bytes([uhri_row(1)])), actor=None, format_name="uhri")
    rec = Recommendation.objects.get(external_id__endswith="000000000001")
    given = {"id", "source_document_id", "text", "external_id", "language", "response", "created_at", "updated_at"}
    left_out = {f.attname: f.get_default() for f in Recommendation._meta.concrete_fields if f.attname not in given}
    assert {name: getattr(rec, name) for name in left_out} == left_out
    history = rec.history.get()
    assert {name: getattr(history, name) for name in left_out} == left_out

    rows = [{"document": "A/HRC/99/1", "mechanism": "UPR", "paragraph": "95.10", "text": "Ratify CED",
             "published": "yes"}]
    import_file(path=_write(tmp_path, "t.csv", csv_bytes(rows, headers=list(rows[0]))), actor=None,
                format_name="tabular")
    rec = Recommendation.objects.get(source_document__symbol="A/HRC/99/1")
    assert rec.paragraph_key == "0000000095.0000000010" and rec.is_published and rec.published_at is not None
    assert rec.history.get().paragraph_key == rec.paragraph_key


def test_importing_a_measure_moves_the_recommendations_it_answers(tmp_path, world):
    rows = [{"plan": "Plan 2024", "version": "1", "key": "M1", "number": "1", "text": "Train judges (HELP)",
             "lead_institution": "MoH", "deadline": "31.12.2025", "status": "Implemented",
             "recommendations": f"{world.document.symbol} ¶{world.hidden_recommendation.paragraph}"}]
    assert import_file(path=_write(tmp_path, "plan.csv", csv_bytes(rows, headers=PLAN)), actor=None,
                       format_name="plan").created == 1
    rec = Recommendation.objects.get(pk=world.hidden_recommendation.pk)
    assert (rec.status, rec.derived_status, rec.lead_institution) == ("implemented", "implemented", world.moh)


def test_an_imported_status_is_kept_as_an_override_and_a_reimport_changes_nothing(tmp_path, world):
    headers = [*TABULAR, "status"]
    rows = [{"document": "A/HRC/99/1", "mechanism": "UPR", "paragraph": "124.1", "text": "Ratify CED",
             "recommending_states": "France", "response": "Accepted", "status": "Implemented"},
            {"document": "A/HRC/99/1", "mechanism": "UPR", "paragraph": "124.2", "text": "Ratify OP-CAT",
             "recommending_states": "France", "response": "Accepted", "status": "Not started"}]
    path = _write(tmp_path, "s.csv", csv_bytes(rows, headers=headers))
    assert import_file(path=path, actor=None, format_name="tabular").created == 2
    stated = Recommendation.objects.get(paragraph="124.1", source_document__symbol="A/HRC/99/1")
    assert (stated.status, stated.derived_status, stated.status_override) == ("implemented", "not_started",
                                                                              "implemented")
    assert "imported file" in stated.status_override_reason
    plain = Recommendation.objects.get(paragraph="124.2", source_document__symbol="A/HRC/99/1")
    assert (plain.status, plain.status_override) == ("not_started", "")
    assert import_file(path=path, actor=None, format_name="tabular").unchanged == 2


def test_the_lists_facet_counts_include_what_an_import_created(tmp_path, terms, world, settings):
    settings.SEARCH_FACET_INDEX_WAIT = 0  # the next page view after a write rebuilds the facet index
    coordinator = world.users["coordinator"]
    before = _page(coordinator, {})  # builds and keeps the facet index
    import_file(path=_write(tmp_path, "r.csv", csv_bytes([uhri_row(1), uhri_row(2)])), actor=coordinator)
    after = _page(coordinator, {})
    assert after == _from_rows(coordinator, {})  # the index the page used agrees with counts made in SQL
    assert after[0] == before[0] + 2 and after[1] != before[1]
