"""Reads behind the dashboards and reports: chart filters, status breakdowns, status over time.

Every function starts from a visibility-aware queryset (recommendation_list, measure_list, ...),
so anonymous visitors only ever count published records.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Min, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.accounts.models import Institution
from rightstrack.accounts.permissions import is_internal, is_manager
from rightstrack.core.models import ImplementationStatus, marked
from rightstrack.planning.models import ActionPlan, Measure
from rightstrack.recommendations.models import Recommendation
from rightstrack.reports.models import Report, ReportTemplate
from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary

LIST_FILTERS = ("mechanism", "cycle", "theme", "issue", "institution", "sdg", "status")
NO_INSTITUTION = "none"  # the institution filter's value for records without a lead institution


@dataclass
class ChartFilters:
    """The filters a chart or report accepts; built from a query string or CLI options."""

    mechanism: list[str] = field(default_factory=list)
    cycle: list[int] = field(default_factory=list)
    theme: list[str] = field(default_factory=list)
    issue: list[str] = field(default_factory=list)
    institution: list[str] = field(default_factory=list)
    sdg: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    period_from: date | None = None
    period_to: date | None = None
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_params(cls, params) -> "ChartFilters":
        """Parse `?mechanism=UPR&cycle=2&theme=D23&period_from=2020-01-01`; bad values become `errors`, not a 500."""
        filters = cls(**{key: [v for v in params.getlist(key) if v] for key in LIST_FILTERS if key != "cycle"})
        for value in params.getlist("cycle"):
            if value:
                if value.isdigit():
                    filters.cycle.append(int(value))
                else:
                    filters.errors.append(_("Cycle must be a number: %(value)s") % {"value": value})
        valid = {v for v, _label in ImplementationStatus.choices}
        for value in [s for s in filters.status if s not in valid]:
            filters.errors.append(_("Unknown status: %(value)s") % {"value": value})
            filters.status.remove(value)
        for key in ("period_from", "period_to"):
            if params.get(key):
                try:
                    setattr(filters, key, date.fromisoformat(params.get(key)))
                except ValueError:
                    filters.errors.append(_("Not a date (YYYY-MM-DD): %(value)s") % {"value": params.get(key)})
        return filters

    def query_string(self) -> str:
        """The filters as a query string, so dashboard links and report requests keep them."""
        from django.http import QueryDict

        q = QueryDict(mutable=True)
        for key in LIST_FILTERS:
            q.setlist(key, [str(v) for v in getattr(self, key)])
        for key in ("period_from", "period_to"):
            if getattr(self, key):
                q[key] = getattr(self, key).isoformat()
        return q.urlencode()


def _term_q(prefix: str, vocabulary: str, values: list[str]) -> Q:
    """Accepted tags of one vocabulary, matched by term id or code."""
    ids = [int(v) for v in values if v.isdigit()]
    codes = [v for v in values if not v.isdigit()]
    terms = Term.objects.filter(Q(pk__in=ids) | Q(code__in=codes), vocabulary=vocabulary)
    return Q(id__in=TagAssignment.objects.filter(status=TagAssignment.Status.ACCEPTED, term__in=terms)
             .values(f"{prefix}_id"))


def _institution_q(values: list[str]) -> Q:
    """Led or co-executed by one of the institutions (id or abbreviation); NO_INSTITUTION: without a lead."""
    ids = [int(v) for v in values if v.isdigit()]
    names = [v for v in values if not v.isdigit() and v != NO_INSTITUTION]
    condition = (Q(lead_institution__in=ids) | Q(co_executors__in=ids) | Q(lead_institution__abbreviation__in=names)
                 | Q(co_executors__abbreviation__in=names))
    return condition | Q(lead_institution__isnull=True) if NO_INSTITUTION in values else condition


def filter_recommendations(qs: QuerySet, f: ChartFilters) -> QuerySet:
    """Recommendations (current or historical `as_of` querysets) matching the filters; period = document date."""
    return _filtered(qs, f, kind="recommendation", model=Recommendation, document="source_document",
                     period="source_document__date")


def filter_measures(qs: QuerySet, f: ChartFilters) -> QuerySet:
    """Measures matching the filters (mechanism and cycle through the recommendations they answer; period = deadline)."""
    return _filtered(qs, f, kind="measure", model=Measure, document="recommendations__source_document",
                     period="deadline")


def _filtered(qs: QuerySet, f: ChartFilters, *, kind: str, model, document: str, period: str) -> QuerySet:
    """Each active filter narrows `qs`; a condition across a to-many relation goes through a subquery of `model`,
    so that every row is counted once."""
    def within(condition: Q) -> Q:
        return Q(id__in=model.objects.filter(condition).values("pk"))

    def on_document(lookup: str, values: list) -> Q:
        condition = Q(**{f"{document}__{lookup}__in": values})
        return within(condition) if document.startswith("recommendations__") else condition

    conditions = [
        f.mechanism and on_document("mechanism__code", f.mechanism),
        f.cycle and on_document("cycle", f.cycle),
        f.theme and _term_q(kind, Vocabulary.THEME, f.theme),
        f.issue and _term_q(kind, Vocabulary.UPR_ISSUE, f.issue),
        f.sdg and _term_q(kind, Vocabulary.SDG_GOAL, f.sdg),
        f.institution and within(_institution_q(f.institution)),
        f.status and Q(status__in=f.status),
        f.period_from and Q(**{f"{period}__gte": f.period_from}),
        f.period_to and Q(**{f"{period}__lte": f.period_to}),
    ]
    for condition in conditions:
        if condition:
            qs = qs.filter(condition)
    return qs


def _rows(pairs, labels=None, limit: int | None = None, empty: str = "—") -> list[tuple[str, dict[str, int]]]:
    """[(group, status, n)] → [(label, {status: n})], biggest groups first; rows without a group are `empty`."""
    groups: dict = {}
    for group, status, n in pairs:
        groups.setdefault(group, {})[status] = n
    ordered = sorted(groups.items(), key=lambda kv: (-sum(kv[1].values()), str(kv[0])))[:limit]
    return [((labels or {}).get(g, g) if g not in (None, "") else empty, counts) for g, counts in ordered]


TAG_DIMENSIONS = {"theme": Vocabulary.THEME, "issue": Vocabulary.UPR_ISSUE, "sdg": Vocabulary.SDG_GOAL}


def _empty_labels() -> dict[str, str]:
    return {"institution": _("No lead institution"), "cluster": _("No cluster"), "section": _("No section")}


def status_by(qs: QuerySet, dimension: str, *, limit: int = 12) -> list[tuple[str, dict[str, int]]]:
    """Counts per implementation status for each mechanism, institution, cluster, section, theme, UPR Info
    issue or SDG; records without a lead institution (cluster, section) are a row of their own."""
    paths = {"mechanism": "source_document__mechanism__code", "institution": "lead_institution__abbreviation",
             "cluster": "cluster__name", "section": "section"}
    if dimension in paths:
        pairs = qs.order_by().values_list(paths[dimension], "status").annotate(n=Count("pk", distinct=True))
        return _rows(pairs, limit=limit, empty=_empty_labels().get(dimension, "—"))
    target = "recommendation" if qs.model._meta.model_name == "recommendation" else "measure"
    pairs = (TagAssignment.objects.filter(status=TagAssignment.Status.ACCEPTED, vocabulary=TAG_DIMENSIONS[dimension],
                                          **{f"{target}__in": qs.values("pk")})
             .order_by().values_list("term", f"{target}__status").annotate(n=Count(target, distinct=True)))
    pairs = list(pairs)
    labels = {t.pk: marked(t) for t in Term.objects.filter(pk__in={p[0] for p in pairs})}
    return _rows(pairs, labels, limit)


def tagged_dimensions(qs: QuerySet) -> list[str]:
    """The tag dimensions (theme, UPR Info issue, SDG) that accepted tags of `qs` actually use, in that order."""
    target = "recommendation" if qs.model._meta.model_name == "recommendation" else "measure"
    used = set(TagAssignment.objects.filter(status=TagAssignment.Status.ACCEPTED, **{f"{target}__in": qs.values("pk")},
                                            vocabulary__in=TAG_DIMENSIONS.values())
               .order_by().values_list("vocabulary", flat=True).distinct())
    return [d for d in TAG_DIMENSIONS if TAG_DIMENSIONS[d] in used]


def status_totals(qs: QuerySet) -> dict[str, int]:
    """{status: n} for a queryset of recommendations or measures."""
    return dict(qs.order_by().values_list("status").annotate(n=Count("pk")))


def _month_ends(start: date, end: date) -> list[date]:
    points, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        nxt = date(year + month // 12, month % 12 + 1, 1)
        points.append(min(date.fromordinal(nxt.toordinal() - 1), end))
        year, month = nxt.year, nxt.month
    return points


def status_over_time(qs: QuerySet, *, start: date, end: date, max_points: int = 24) -> list[tuple[date, dict]]:
    """Counts per status at each month end between start and end (the last point is `end`), replayed from the
    history tables: a record counts from its first history row, in the status its rows had at that moment.

    Month ends before the first record existed are left out, so the line starts where the records do instead
    of lying flat at zero.
    """
    months = _month_ends(start, end)
    if not months:
        return []
    # A long window keeps every k-th month end, counted back from `end`, so the whole span shows in max_points.
    months = months[::-1][::-(-len(months) // max_points)][::-1]
    ids = set(qs.values_list("pk", flat=True))
    history = (qs.model.history.filter(id__in=ids, history_date__lte=_end_of(months[-1]))
               .order_by("history_date", "history_id").values_list("id", "status", "history_date", "history_type"))
    current: dict[int, str] = {}
    rows, events = [], iter(history)
    pending = next(events, None)
    for month_end in months:
        limit = _end_of(month_end)
        while pending is not None and pending[2] <= limit:
            pk, status, _when, kind = pending
            if kind == "-":
                current.pop(pk, None)
            else:
                current[pk] = status
            pending = next(events, None)
        counts: dict[str, int] = {}
        for status in current.values():
            counts[status] = counts.get(status, 0) + 1
        if counts or rows:
            rows.append((month_end, counts))
    return rows


def first_recorded(qs: QuerySet) -> date | None:
    """The day the earliest of these records was first recorded in history (the start of their story)."""
    first = qs.model.history.filter(id__in=qs.values("pk")).aggregate(first=Min("history_date"))["first"]
    return timezone.localdate(first) if first else None


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def report_list(*, user, kind: str = "", requested_by: str = "") -> QuerySet[Report]:
    """Reports built, with their jobs: every one for coordinators and administrators, one's own for other staff,
    none for anonymous visitors. Filter by kind and by the requester's id."""
    qs = Report.objects.select_related("requested_by").prefetch_related("jobs")
    if not is_internal(user):
        return qs.none()
    if not is_manager(user):
        qs = qs.filter(requested_by=user)
    if kind:
        qs = qs.filter(kind=kind)
    if requested_by.isdigit():
        qs = qs.filter(requested_by_id=int(requested_by))
    return qs


def report_template_list(*, user) -> QuerySet:
    """The report templates a user saved (empty for anonymous visitors)."""
    return ReportTemplate.objects.filter(owner_id=user.pk) if is_internal(user) else ReportTemplate.objects.none()


def report_requests_in_words(items) -> dict[int, str]:
    """What each report or template asked for, in words ("Mechanism: UPR, cycle 2"), by pk.

    Names are looked up once for the whole list, in the active language."""
    parsed = []
    for item in items:
        params = getattr(item, "params", None) or getattr(item, "parameters", {})
        filters = ChartFilters.from_params(QueryDict(params.get("query", "")))
        parsed.append((item, filters, params.get("options") or {}))
    institutions = Institution.objects.in_bulk({int(v) for _i, f, _o in parsed for v in f.institution if v.isdigit()})
    terms = {t.code: t for t in Term.objects.filter(vocabulary=Vocabulary.THEME,
                                                     code__in={c for _i, f, _o in parsed for c in f.theme})}
    plans = ActionPlan.objects.in_bulk({int(o["plan"]) for _i, _f, o in parsed if str(o.get("plan") or "").isdigit()})
    words = {}
    for item, f, options in parsed:
        parts = []
        if f.mechanism:
            parts.append(_("Mechanism: %(value)s") % {"value": ", ".join(f.mechanism)})
        if f.cycle:
            parts.append(_("cycle %(cycle)s") % {"cycle": ", ".join(str(c) for c in f.cycle)})
        if f.theme:
            parts.append(_("Theme: %(value)s") % {"value": ", ".join(
                f"{c} — {terms[c].tr('name')}" if c in terms and terms[c].tr("name") != c else c for c in f.theme)})
        if f.institution:
            parts.append(_("Institution: %(value)s") % {"value": ", ".join(
                institutions[int(v)].tr("name") if v.isdigit() and int(v) in institutions else v
                for v in f.institution)})
        plan = plans.get(int(options["plan"])) if str(options.get("plan") or "").isdigit() else None
        if plan and item.kind in ("plan", "plan-diff"):
            parts.append(_("Plan: %(value)s") % {"value": plan.tr("title")})
        if item.kind == "plan-diff" and options.get("from"):
            parts.append(_("versions %(old)s → %(new)s") % {"old": options["from"], "new": options["to"]})
        if f.status:
            parts.append(_("status: %(value)s") % {"value": ", ".join(
                str(ImplementationStatus(s).label) for s in f.status)})
        if f.period_from or f.period_to:
            parts.append(_("period %(start)s – %(end)s") % {
                "start": f.period_from.isoformat() if f.period_from else "…",
                "end": f.period_to.isoformat() if f.period_to else "…"})
        words[item.pk] = ", ".join(parts) or "—"
    return words
