"""The interchange schema: the columns of every record list that leaves or enters as a file.

Exports write these columns (`exports.services`), and the importer's `tabular` and `plan` formats read the same
field names (`imports.formats`), so an export re-imports with no mapping. A column is a header plus a function of
one record that returns text. Multi-value cells hold one value per line, as UHRI writes them; recommendations are
named by their record keys (`recommendations.keys`).

It lives with the recommendations because they are what the format is about: UHRI's records, and the plans,
measures, acts and reports that answer them name a recommendation by `recommendation_ref`. Its columns read
attributes only, so it imports no planning or legislation model and adds no dependency to this app.
"""

from collections.abc import Callable
from dataclasses import dataclass

from rightstrack.recommendations.keys import recommendation_ref
from rightstrack.taxonomy.models import Vocabulary


@dataclass(frozen=True)
class Column:
    """One exported column: its header and how to read it from a record (a model instance, or for
    recommendations the plain values of `RECOMMENDATION_VALUES`)."""

    name: str
    get: Callable[[object], str]


def _date(value) -> str:
    return value.isoformat() if value else ""


def _lines(values) -> str:
    return "\n".join(sorted(str(v) for v in values))


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _tags(vocabulary: str, attr: str = "name") -> Callable:
    def get(rec: dict) -> str:
        return _lines(term[attr] for term in rec["tags"].get(vocabulary, ()))
    return get


# A recommendation is exported from plain values (see `exports.services`), not a model instance: the fields and
# related fields below, plus "recommending_states" and "co_executors" (names) and "tags" (accepted tags:
# vocabulary -> [{"name": ..., "code": ...}]).
RECOMMENDATION_VALUES = ("external_id", "source_document__mechanism__code", "source_document__symbol",
                         "source_document__date", "source_document__session", "paragraph", "text", "language",
                         "response", "response_comment", "status", "deadline", "lead_institution__abbreviation",
                         "cluster__name", "is_published")

RECOMMENDATION_COLUMNS = [
    Column("external_id", lambda r: r["external_id"]),
    Column("mechanism", lambda r: r["source_document__mechanism__code"]),
    Column("document", lambda r: r["source_document__symbol"]),
    Column("document_date", lambda r: _date(r["source_document__date"])),
    Column("session", lambda r: r["source_document__session"]),
    Column("paragraph", lambda r: r["paragraph"]),
    Column("text", lambda r: r["text"]),
    Column("language", lambda r: r["language"]),
    Column("recommending_states", lambda r: _lines(r["recommending_states"])),
    Column("response", lambda r: r["response"]),
    Column("response_comment", lambda r: r["response_comment"]),
    Column("status", lambda r: r["status"]),
    Column("deadline", lambda r: _date(r["deadline"])),
    Column("lead_institution", lambda r: r["lead_institution__abbreviation"] or ""),
    Column("co_executors", lambda r: _lines(r["co_executors"])),
    Column("cluster", lambda r: r["cluster__name"] or ""),
    Column("themes", _tags(Vocabulary.THEME)),
    Column("groups", _tags(Vocabulary.GROUP)),
    Column("sdg_targets", _tags(Vocabulary.SDG_TARGET, "code")),
    Column("upr_issues", _tags(Vocabulary.UPR_ISSUE)),
    Column("action_categories", _tags(Vocabulary.ACTION_CATEGORY, "code")),
    Column("published", lambda r: _yes(r["is_published"])),
]

MEASURE_COLUMNS = [
    Column("plan", lambda m: m.version.plan.title),
    Column("version", lambda m: str(m.version.number)),
    Column("key", lambda m: m.key),
    Column("number", lambda m: m.number),
    Column("section", lambda m: m.section),
    Column("text", lambda m: m.text),
    Column("expected_result", lambda m: m.expected_result),
    Column("completion_form", lambda m: m.completion_form),
    Column("lead_institution", lambda m: m.lead_institution.abbreviation if m.lead_institution else ""),
    Column("co_executors", lambda m: _lines(i.abbreviation for i in m.co_executors.all())),
    Column("deadline", lambda m: _date(m.deadline)),
    Column("deadline_text", lambda m: m.deadline_text),
    Column("status", lambda m: m.status),
    Column("recommendations", lambda m: _lines(recommendation_ref(r) for r in m.recommendations.all())),
    Column("published", lambda m: _yes(m.is_published)),
]

PLAN_COLUMNS = [
    Column("title", lambda p: p.title),
    Column("description", lambda p: p.description),
    Column("versions", lambda p: str(len(p.versions.all()))),
    Column("current_version", lambda p: max((v.label for v in p.versions.all() if v.number == max(
        x.number for x in p.versions.all())), default="")),
    Column("published", lambda p: _yes(p.is_published)),
]

LEGAL_ACT_COLUMNS = [
    Column("kind", lambda a: a.kind),
    Column("number", lambda a: a.number),
    Column("title", lambda a: a.title),
    Column("date", lambda a: _date(a.date)),
    Column("url", lambda a: a.url),
    Column("amendments", lambda a: str(len(a.amendments.all()))),
    Column("measures", lambda a: _lines(f"{m.version.plan.title} {m.key}" for m in a.measures.all())),
    Column("published", lambda a: _yes(a.is_published)),
]

PROGRESS_REPORT_COLUMNS = [
    Column("target", lambda p: (f"measure {p.measure.version.plan.title} {p.measure.key}" if p.measure_id
                                else f"recommendation {recommendation_ref(p.recommendation)}")),
    Column("institution", lambda p: p.institution.abbreviation),
    Column("period_end", lambda p: _date(p.period_end)),
    Column("state", lambda p: p.state),
    Column("proposed_status", lambda p: p.proposed_status),
    Column("narrative", lambda p: p.narrative),
    Column("published", lambda p: _yes(p.is_published)),
]

ASSESSMENT_COLUMNS = [
    Column("target", lambda a: (f"measure {a.measure.version.plan.title} {a.measure.key}" if a.measure_id
                                else f"recommendation {recommendation_ref(a.recommendation)}")),
    Column("organisation", lambda a: a.organisation.abbreviation),
    Column("rating", lambda a: a.rating),
    Column("rationale", lambda a: a.rationale),
    Column("evidence_url", lambda a: a.evidence_url),
    Column("published", lambda a: _yes(a.is_published)),
]

RECOMMENDATION_FIELDS = [c.name for c in RECOMMENDATION_COLUMNS]
MEASURE_FIELDS = [c.name for c in MEASURE_COLUMNS]
