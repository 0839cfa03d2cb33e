"""An XLSX whose shared strings or sheets inflate far beyond their compressed size is refused before parsing."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from rightstrack.imports.readers import Table, UnusableInput
from tests.factories import PASSWORD
from tests.snapshot import database_fingerprint

MB = 1024 * 1024


def _workbook() -> bytes:
    book = Workbook()
    book.active.append(["Document", "Paragraph", "Text"])
    book.active.append(["A/HRC/28/10", "124.1", "Ratify the Optional Protocol"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _bomb(path, part: str, megabytes: int):
    """A real workbook with `part` replaced by `megabytes` MB of highly compressible XML (a few hundred KB zipped)."""
    with zipfile.ZipFile(io.BytesIO(_workbook())) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            if entry.filename == part:
                continue
            out.writestr(entry, source.read(entry.filename))
        with out.open(part, "w") as handle:
            handle.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
            for _ in range(megabytes):
                handle.write(b"A" * MB)
            handle.write(b"</t></si></sst>")
    return path


@pytest.mark.parametrize("part,megabytes", [("xl/sharedStrings.xml", 100), ("xl/worksheets/sheet1.xml", 120)])
def test_an_xlsx_bomb_is_refused_quickly_and_in_little_memory(tmp_path, part, megabytes):
    path = _bomb(tmp_path / "bomb.xlsx", part, megabytes)
    assert path.stat().st_size < 2 * MB
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(UnusableInput, match="expands to more than the import accepts"):
            Table(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 2
    assert peak < 5 * MB


def test_an_ordinary_workbook_still_reads(tmp_path):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(_workbook())
    assert Table(path).headers == ["Document", "Paragraph", "Text"]


@pytest.mark.django_db
def test_an_uploaded_bomb_is_refused_on_the_form_and_changes_nothing(client, world, tmp_path):
    client.login(username="coord", password=PASSWORD)
    data = _bomb(tmp_path / "bomb.xlsx", "xl/sharedStrings.xml", 100).read_bytes()
    before = database_fingerprint()
    response = client.post(reverse("imports:import_create"), {"file": SimpleUploadedFile("bomb.xlsx", data)})
    assert response.status_code in (200, 400)
    assert "expands to more than the import accepts" in response.content.decode()
    assert database_fingerprint() == before
