"""Recommendations of a report that are already recorded under an annotation id (a UHRI export, the demo's
`KAZ-UPR1-95.3`): a row of the report that is one of them takes that record's key and its stored values, so
importing the report shows them as already imported (unchanged) instead of colliding with their paragraphs.

A row is such a record when the record belongs to the same document (symbol) and
1. has the row's paragraph and nearly the same text (90 % similar, compared without case and punctuation), or
2. has the same text, wherever its paragraph, or
3. has the paragraph the row was split from ("95.3" for "95.3a", "95.3b") and a text that contains the row's.
Rows that are one record become one row. Records without an annotation id need none of this: the import already
keys them by (document, paragraph).
"""

import difflib
import re

from rightstrack.recommendations.models import Recommendation

_SPLIT = re.compile(r"^(.*\d)[a-z]$")  # "95.3b" -> "95.3"


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.replace("\u2019", "'").casefold()).split())


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


def _recorded(symbol: str) -> list[dict]:
    """The document's recommendations that have an annotation id, with the values a report row carries."""
    found = []
    for rec in (Recommendation.objects.filter(source_document__symbol=symbol).exclude(external_id="")
                .prefetch_related("recommending_states").order_by("pk")):
        found.append({"norm": _norm(rec.text), "values": {
            "external_id": rec.external_id, "paragraph": rec.paragraph, "text": rec.text, "language": rec.language,
            "recommending_states": "\n".join(sorted(c.name for c in rec.recommending_states.all())),
            "response": rec.response, "response_comment": rec.response_comment}})
    return found


def _match(row: dict, records: list[dict]) -> dict | None:
    text = _norm(row["text"])
    base = match.group(1) if (match := _SPLIT.match(row["paragraph"])) else None
    for test in (lambda r: r["values"]["paragraph"] == row["paragraph"] and _similar(r["norm"], text),
                 lambda r: r["norm"] == text,
                 lambda r: base and r["values"]["paragraph"] == base and text in r["norm"]):
        if found := next((r for r in records if test(r)), None):
            return found
    return None


def as_recorded(symbol: str, rows: list[dict]) -> list[dict]:
    """The rows, each one that is an already recorded recommendation replaced by that record's values."""
    records = _recorded(symbol)
    if not records:
        return rows
    out, taken = [], set()
    for row in rows:
        record = _match(row, records)
        if record is None:
            out.append(row)
        elif record["values"]["external_id"] not in taken:
            taken.add(record["values"]["external_id"])
            out.append({**row, **record["values"]})
    return out
