"""Reference terms and small UHRI-shaped files in every encoding and layout the importer accepts."""

import csv
import io

import pytest
from openpyxl import Workbook

from rightstrack.taxonomy.models import Term, Vocabulary

UHRI_HEADERS = ["Text", "Countries Concerned", "Reccomending Body", "Document Symbol", "Themes", "Affected Persons",
                "Sdgs", "Document Publication Date", "UPR Reccomending States", "UPR Position", "Type",
                "OHCHR Annotation Id", "UPR Session", "Regions Concerned", "Recommending Regions",
                "Date of publication on UHRI"]


def uhri_row(n: int, text: str | None = None, **overrides) -> dict:
    row = {
        "Text": text or f"Рекомендация {n}: abolish the death penalty and ratify the Second Optional Protocol",
        "Countries Concerned": "Kazakhstan", "Reccomending Body": "UPR", "Document Symbol": "A/HRC/43/10",
        "Themes": "- Death penalty", "Affected Persons": "- Children\n- Women",
        "Sdgs": "- 16.3 – Promote the rule of law at the national and international levels",
        "Document Publication Date": "43831", "UPR Reccomending States": "- France\n- Germany",
        "UPR Position": "Supported", "Type": "Recommendation",
        "OHCHR Annotation Id": f"6f1c2b7e-0000-4000-8000-{n:012d}", "UPR Session": "34",
        "Regions Concerned": "Asia-Pacific", "Recommending Regions": "WEOG", "Date of publication on UHRI": "",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: list[dict], headers=UHRI_HEADERS, encoding="utf-8", delimiter=",") -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=headers, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode(encoding)


def xlsx_bytes(rows: list[dict], headers=UHRI_HEADERS, serial_dates=True) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        values = [row.get(h, "") for h in headers]
        if serial_dates and "Document Publication Date" in headers:
            index = headers.index("Document Publication Date")
            values[index] = int(values[index]) if str(values[index]).isdigit() else values[index]
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def terms(world):
    def term(vocabulary, code, name, **extra):
        return Term.objects.get_or_create(vocabulary=vocabulary, code=code, defaults={"name": name, **extra})[0]

    theme = term(Vocabulary.THEME, "Death penalty", "Death penalty")
    term(Vocabulary.THEME, "D23", "Death penalty")  # the legacy coded twin must not make the label ambiguous
    children = term(Vocabulary.GROUP, "Children", "Children")
    women = term(Vocabulary.GROUP, "Women", "Women")
    goal = term(Vocabulary.SDG_GOAL, "16", "Peace, justice")
    target = term(Vocabulary.SDG_TARGET, "16.3", "Promote the rule of law", parent=goal)
    return {"theme": theme, "children": children, "women": women, "sdg": target}
