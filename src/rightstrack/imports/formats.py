"""File formats: how the columns of a UHRI, UPR Info, mapped tabular or action-plan file become a record.

A record is a plain dict keyed by the canonical field names of the interchange schema
(`recommendations.interchange`, the names an export writes), so an exported file imports back with the `tabular`
format and no mapping.
Cell values stay text here, except list fields, which are split; `targets` validates and resolves.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from rightstrack.core.spreadsheets import unsafe_cell
from rightstrack.imports.readers import UnusableInput
from rightstrack.recommendations.interchange import (
    MEASURE_FIELDS,
    RECOMMENDATION_FIELDS,
)

LIST_FIELDS = {"recommending_states", "co_executors", "themes", "groups", "sdg_targets", "upr_issues",
               "recommendations", "action_categories"}
_BULLETS = ("-", "•", "–")  # a bullet is one of these, then whitespace


def split_list(value: str) -> list[str]:
    """A multi-value cell: one value per line, optional '- ' bullets; blank lines dropped."""
    items = []
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    for line in value.split("\n"):
        item = line.strip()
        if item[:1] in _BULLETS and item[1:2].isspace():
            item = item[1:].strip()
        if item:
            items.append(item)
    return items


def _norm(header: str) -> str:
    return re.sub(r"\s+", " ", str(header)).strip().casefold()


@dataclass
class Format:
    """A named column layout: which file column feeds which field, and which fields are required."""

    name: str
    target: str  # "recommendation" or "measure"
    columns: dict[str, str]  # file header -> field
    required: tuple[str, ...]
    fixed: dict[str, str] = field(default_factory=dict)  # values every row gets

    def bind(self, headers: list[str]) -> "BoundFormat":
        """Match the file's headers (case- and space-insensitively); refuse missing required columns."""
        wanted = {_norm(h): f for h, f in self.columns.items()}
        mapping, ignored = {}, []
        for header in headers:
            if not header:
                continue
            name = wanted.get(_norm(header))
            if name and name not in mapping.values():
                mapping[header] = name
            else:
                ignored.append(header)
        present = set(mapping.values()) | set(self.fixed)
        missing = [f for f in self.required if f not in present]
        if missing:
            spelled = {}
            for header, name in self.columns.items():
                spelled.setdefault(name, header)  # the first spelling is the source's own (UHRI's "Reccomending")
            raise UnusableInput(_("missing required column(s): %(columns)s")
                                % {"columns": ", ".join(spelled.get(f, f) for f in missing)})
        return BoundFormat(self, mapping, ignored)


@dataclass
class BoundFormat:
    """A format matched to one file's header row."""

    format: Format
    mapping: dict[str, str]
    ignored: list[str]

    def __post_init__(self):
        self.headers = {}
        for header, name in self.mapping.items():
            self.headers.setdefault(name, header)

    def convert(self, raw: dict) -> tuple[dict, list[tuple[str, str]]]:
        """One raw row to a record, plus (column, reason) problems found at this stage."""
        problems = []
        if None in raw:
            problems.append(("", _("%(count)s more cell(s) than there are columns") % {"count": len(raw[None])}))
        record = dict(self.format.fixed)
        for header, name in self.mapping.items():
            value = raw.get(header) or ""
            if not isinstance(value, str):
                value = str(value)
            if value[:1] == "'":
                value = unsafe_cell(value)
            record[name] = split_list(value) if name in LIST_FIELDS else value.strip()
        return record, problems

    def column_of(self, name: str) -> str:
        """The file header that feeds a field (for error messages)."""
        return self.headers.get(name, name)


UHRI = Format("uhri", "recommendation", {
    "Text": "text",
    "Reccomending Body": "mechanism",
    "Recommending Body": "mechanism",
    "Document Symbol": "document",
    "Themes": "themes",
    "Affected Persons": "groups",
    "Sdgs": "sdg_targets",
    "Document Publication Date": "document_date",
    "UPR Reccomending States": "recommending_states",
    "UPR Recommending States": "recommending_states",
    "UPR Position": "response",
    "OHCHR Annotation Id": "external_id",
    "UPR Session": "session",
}, required=("text", "mechanism", "document", "external_id"))

# UPR Info's database export: one row per recommendation, no document symbol and no paragraph, so rows are
# keyed by the hash of their text within a per-session document ("UPR Info: <State> session <n>").
UPR_INFO = Format("upr-info", "recommendation", {
    "Recommendation": "text",
    "Recommending State": "recommending_states",
    "Recommending States": "recommending_states",
    "State under Review": "country",
    "SuR": "country",
    "Session": "session",
    "Response": "response",
    "Issue": "upr_issues",
    "Issues": "upr_issues",
    "Action": "action_categories",
    "Action Category": "action_categories",
}, required=("text", "session"), fixed={"mechanism": "UPR"})

# A UN report PDF read by `pdf.source.PdfTable`, whose rows already carry the field names.
UPR_REPORT = Format("upr-report", "recommendation", {name: name for name in (
    "mechanism", "document", "document_date", "session", "cycle", "paragraph", "text", "language",
    "recommending_states", "response", "response_comment", "external_id")}, required=("text", "document", "paragraph"))

FORMATS = {"uhri": UHRI, "upr-info": UPR_INFO, "upr-report": UPR_REPORT}


def tabular(target: str, mapping: dict[str, str] | None) -> Format:
    """Any CSV/XLSX: the mapping (file header -> field) or, without one, headers named like the fields."""
    fields = RECOMMENDATION_FIELDS if target == "recommendation" else MEASURE_FIELDS
    if mapping:
        unknown = sorted(set(mapping.values()) - set(fields))
        if unknown:
            raise UnusableInput(_("the mapping names unknown field(s): %(unknown)s (known: %(known)s)")
                                % {"unknown": ", ".join(unknown), "known": ", ".join(fields)})
        columns = dict(mapping)
    else:
        columns = {name: name for name in fields}
    required = ("text", "document") if target == "recommendation" else ("plan", "key", "text")
    return Format("tabular" if target == "recommendation" else "plan", target, columns, required)


def get_format(name: str, mapping: dict[str, str] | None = None) -> Format:
    """The format called `name` (uhri, upr-info, tabular, plan); unknown names are unusable input."""
    if name in FORMATS:
        return FORMATS[name]
    if name == "tabular":
        return tabular("recommendation", mapping)
    if name == "plan":
        return tabular("measure", mapping)
    raise UnusableInput(_("unknown format %(name)r; use uhri, upr-info, tabular or plan") % {"name": name})


def guess_format(headers: list[str]) -> str:
    """Pick a format from the header row when none is given."""
    names = {_norm(h) for h in headers}
    if "ohchr annotation id" in names:
        return "uhri"
    if "recommendation" in names and ("sur" in names or "state under review" in names):
        return "upr-info"
    if {"plan", "key"} <= names:
        return "plan"
    return "tabular"
