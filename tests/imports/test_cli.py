"""`rightstrack import`: exit codes 0/1/2, the summary as the last line, the error report, no tracebacks."""

import csv

import pytest
from django.core.management import load_command_class

from tests.imports.conftest import csv_bytes, uhri_row


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    # run_from_argv closes every connection when it ends, which would end the test's transaction on PostgreSQL.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)


def _run(capsys, *args) -> tuple[int, str, str]:
    command = load_command_class("rightstrack.imports", "import")
    try:
        command.run_from_argv(["rightstrack", "import", *map(str, args)])
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_file_exits_0_with_the_summary_last(tmp_path, terms, capsys):
    path = tmp_path / "r.csv"
    path.write_bytes(csv_bytes([uhri_row(1)]))
    code, out, _ = _run(capsys, path)
    assert code == 0 and out.strip().splitlines()[-1] == "created=1 updated=0 unchanged=0 rejected=0"
    code, out, _ = _run(capsys, path, "--dry-run")
    assert code == 0 and out.strip().splitlines()[-1] == "created=0 updated=0 unchanged=1 rejected=0"


def test_rejected_rows_exit_1_and_go_to_the_error_report(tmp_path, terms, capsys):
    path = tmp_path / "r.csv"
    path.write_bytes(csv_bytes([uhri_row(1), uhri_row(2, **{"UPR Position": "Maybe"})]))
    report = tmp_path / "errors.csv"
    code, out, _ = _run(capsys, path, "--errors", report)
    assert code == 1 and out.strip().splitlines()[-1] == "created=0 updated=0 unchanged=0 rejected=1"
    assert "nothing was written" in out
    rows = list(csv.DictReader(report.open(encoding="utf-8-sig")))
    assert rows == [{"row": "3", "column": "UPR Position",
                     "reason": rows[0]["reason"]}] and "unknown value 'Maybe'" in rows[0]["reason"]
    code, out, _ = _run(capsys, path, "--partial", "--errors", report)
    assert code == 1 and out.strip().splitlines()[-1] == "created=1 updated=0 unchanged=0 rejected=1"


@pytest.mark.parametrize("setup,reason", [
    (lambda p: None, "cannot read"),
    (lambda p: p.write_bytes(b"\x00\x01\x02binary\x00\x00\x00\x00"), "not a text table"),
    (lambda p: p.write_bytes(csv_bytes([{"A": "1"}], headers=["A"])), "missing required column(s): Text"),
])
def test_unusable_input_exits_2_with_one_line_and_no_traceback(tmp_path, db, capsys, setup, reason):
    path = tmp_path / "in.csv"
    setup(path)
    code, out, err = _run(capsys, path, "--format", "uhri")
    assert code == 2 and reason in err and "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1


def test_a_bad_mapping_file_exits_2(tmp_path, db, capsys):
    path = tmp_path / "in.csv"
    path.write_bytes(b"a,b\n1,2\n")
    mapping = tmp_path / "m.json"
    mapping.write_text("[1, 2]")
    code, _, err = _run(capsys, path, "--format", "tabular", "--mapping", mapping)
    assert code == 2 and "must be a JSON object" in err
