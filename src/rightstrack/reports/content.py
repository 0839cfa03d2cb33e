"""What a report says, independent of its file format: cover, summary, sections with rows, charts.

`build_report()` reads through a Snapshot, which is either the current state or the state
`as_of` a moment, replayed from django-simple-history, always restricted to what the reader may see.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import prefetch_related_objects
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rightstrack.accounts.models import Institution, Role
from rightstrack.accounts.permissions import is_internal
from rightstrack.core.models import ImplementationStatus, marked
from rightstrack.planning.models import (
    ActionPlan,
    ActionPlanVersion,
    Measure,
    ProgressReport,
)
from rightstrack.planning.selectors import (
    deadline_state,
    indicator_list,
    measure_list,
    plan_list,
    progress_report_list,
)
from rightstrack.recommendations.models import Cluster, Recommendation
from rightstrack.recommendations.selectors import recommendation_list
from rightstrack.reminders.selectors import deadline_items
from rightstrack.reports import charts
from rightstrack.reports.charts import Chart
from rightstrack.reports.diff import plan_version_diff
from rightstrack.reports.figures import (
    DIMENSION_TITLES,
    indicator_chart,
    progress_chart,
)
from rightstrack.reports.selectors import (
    ChartFilters,
    filter_measures,
    filter_recommendations,
)
from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary

KINDS = ("mechanism", "plan", "institution", "theme", "plan-diff")
Progress = Callable[[int, int, str], None]


class ReportError(ValueError):
    """A report that cannot be built as asked (unknown plan, mechanism without data, ...)."""


class ReportReader:
    """The reader of a CLI report: a signed-in viewer (sees unpublished records, approved reports only)."""

    is_authenticated = is_active = True
    is_superuser = False
    role = Role.VIEWER
    institution_ids: set[int] = set()


@dataclass
class Section:
    """One part of a report: a table (one xlsx sheet) and its charts."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    # Columns from this index on hold counts (written as numbers in xlsx); None: all text.
    counts_from: int | None = None
    # Indexes of rows that sit under the row before them (a recommendation's measures), shown indented.
    detail_rows: set[int] = field(default_factory=set)


@dataclass
class Report:
    """A built report, ready for any of the formats."""

    kind: str
    title: str
    language: str
    as_of: datetime | None
    generated_at: datetime
    cover: list[tuple[str, str]]
    summary: Section
    sections: list[Section]
    charts: list[Chart]

    @property
    def filename_stem(self) -> str:
        return f"rightstrack-{self.kind}-{self.generated_at:%Y%m%d}"


class Snapshot:
    """Records as they are now, or as they were at `as_of`, limited to what `user` may read."""

    def __init__(self, *, user, as_of: datetime | None):
        self.user, self.as_of = user, as_of
        self.public = not is_internal(user)

    def recommendations(self):
        """Recommendations (model instances; historical ones when as_of is set)."""
        return recommendation_list(user=self.user, as_of=self.as_of)

    def measures(self):
        """Measures of every version the reader may see."""
        return measure_list(user=self.user, as_of=self.as_of)

    def narratives(self, target: str, ids: set[int]) -> dict[int, str]:
        """The latest approved progress narrative per item, among the reports the reader may see."""
        qs = progress_report_list(user=self.user, as_of=self.as_of).filter(
            state=ProgressReport.State.APPROVED, **{f"{target}_id__in": ids})
        latest: dict[int, tuple] = {}
        for report in qs:
            key = getattr(report, f"{target}_id")
            if key not in latest or (report.period_end, report.id) > latest[key][0]:
                latest[key] = ((report.period_end, report.id), report.tr("narrative"))
        return {k: v[1] for k, v in latest.items()}

    def tags(self, target: str, vocabulary: str, ids: set[int]) -> dict[int, list[Term]]:
        """Accepted tags of one vocabulary per item."""
        qs = TagAssignment.objects if self.as_of is None else TagAssignment.history.as_of(self.as_of)
        qs = qs.filter(status=TagAssignment.Status.ACCEPTED, vocabulary=vocabulary, **{f"{target}_id__in": ids})
        pairs = [(getattr(t, f"{target}_id"), t.term_id) for t in qs]
        terms = Term.objects.in_bulk({term for _item, term in pairs})
        result: dict[int, list[Term]] = {}
        for item, term in pairs:
            result.setdefault(item, []).append(terms[term])
        return result

    @property
    def day(self) -> date:
        return timezone.localdate(self.as_of) if self.as_of else timezone.localdate()


def _status_label(value: str) -> str:
    return str(dict(ImplementationStatus.choices).get(value, value))


def _counts(groups: dict[str, list]) -> list[tuple[str, dict[str, int]]]:
    rows = []
    for name, items in groups.items():
        counts: dict[str, int] = {}
        for item in items:
            counts[item.status] = counts.get(item.status, 0) + 1
        rows.append((name, counts))
    return rows


def _status_series() -> list[tuple[str, str]]:
    return [(v, str(label)) for v, label in ImplementationStatus.choices]


def _summary(groups: dict[str, list], first: str) -> Section:
    columns = [first, _("Total"), *[str(label) for _v, label in ImplementationStatus.choices]]
    rows = [[name, str(len(items)), *[str(sum(1 for i in items if i.status == v))
                                      for v, _l in ImplementationStatus.choices]] for name, items in groups.items()]
    everything = [i for items in groups.values() for i in items]
    rows.append([_("All"), str(len({id(i) for i in everything})),
                 *[str(len({id(i) for i in everything if i.status == v})) for v, _l in ImplementationStatus.choices]])
    return Section(_("Summary"), columns, rows, counts_from=1)


def _bars(title: str, groups: dict[str, list]) -> Chart:
    rows = _counts(groups)
    return Chart(title, charts.stacked_bars(title, rows, _status_series()), rows)


def _recommendation_rows(recs, narratives, measures: "LinkedMeasures | None" = None
                         ) -> tuple[list[list[str]], set[int]]:
    """One row per recommendation; with `measures`, its measures follow it as detail rows."""
    rows, details = [], set()
    for rec in recs:
        symbol = rec.source_document.symbol
        rows.append([f"{symbol} ¶{rec.paragraph}" if rec.paragraph else symbol, rec.tr("text"),
                     str(rec.get_response_display()), _status_label(rec.status),
                     rec.lead_institution.abbreviation if rec.lead_institution_id else "—",
                     narratives.get(rec.id, "")])
        for m in measures.of(rec.id) if measures else []:
            details.add(len(rows))
            rows.append([f"↳ {_('Measure')} {m.number}", m.tr("text"), "", _status_label(m.status),
                         m.lead_institution.abbreviation if m.lead_institution_id else "—",
                         measures.narratives.get(m.id, "")])
    return rows, details


class LinkedMeasures:
    """The measures (of each plan's current version) that answer each recommendation, with their latest
    approved progress, as the snapshot's reader sees them."""

    def __init__(self, snapshot: "Snapshot", rec_ids: set[int]):
        links = Measure.recommendations.through.objects.filter(recommendation_id__in=rec_ids)
        pairs = list(links.values_list("recommendation_id", "measure_id"))
        current = set(_current_version_ids().values())
        visible = [m for m in snapshot.measures().filter(id__in={m for _r, m in pairs}) if m.version_id in current]
        by_id = {m.id: m for m in _related(visible, "lead_institution")}
        self.by_recommendation: dict[int, list] = {}
        for rec_id, measure_id in pairs:
            if measure_id in by_id:
                self.by_recommendation.setdefault(rec_id, []).append(by_id[measure_id])
        for items in self.by_recommendation.values():
            items.sort(key=lambda m: (m.number.zfill(8), m.id))
        self.narratives = snapshot.narratives("measure", set(by_id))

    def of(self, rec_id: int) -> list:
        return self.by_recommendation.get(rec_id, [])


def _recommendation_columns() -> list[str]:
    return [_("Recommendation"), _("Text"), _("Response"), _("Status"), _("Lead institution"),
            _("Latest approved progress")]


def _progress(snapshot: Snapshot, model, ids: set[int], start: date | None) -> Chart:
    end = snapshot.day
    start = start if start and start < end else date(end.year - 2, end.month, 1)
    return progress_chart(model.objects.filter(pk__in=ids), start=start, end=end)


def _grouped_recommendations(snapshot, recs, group_by: str) -> dict[str, list]:
    groups: dict[str, list] = {}
    if group_by == "theme":
        tags = snapshot.tags("recommendation", Vocabulary.THEME, {r.id for r in recs})
        for rec in recs:
            for term in tags.get(rec.id, []) or [None]:
                groups.setdefault(marked(term) if term else _("No theme"), []).append(rec)
    else:
        clusters = Cluster.objects.in_bulk({r.cluster_id for r in recs if r.cluster_id})
        for rec in recs:
            name = (marked(clusters[rec.cluster_id], clusters[rec.cluster_id].tr("name")) if rec.cluster_id in clusters
                    else _("No cluster"))
            groups.setdefault(name, []).append(rec)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] in (_("No theme"), _("No cluster")), kv[0])))


def _related(objs: list, *lookups: str) -> list:
    """Load the related rows of a list in one query per relation (historical `as_of` rows have no select_related)."""
    prefetch_related_objects(objs, *lookups)
    return objs


def _recommendation_report(snapshot, recs, *, group_by, progress: Progress, with_measures: bool = False):
    """Summary, one section per cluster or theme, charts: shared by the mechanism and theme reports.

    With `with_measures`, each recommendation is followed by its measures (the mechanism report)."""
    recs = _related(recs, "source_document__mechanism", "lead_institution")
    recs = sorted(recs, key=lambda r: (r.source_document.symbol, r.paragraph.zfill(12), r.id))
    groups = _grouped_recommendations(snapshot, recs, group_by)
    narratives = snapshot.narratives("recommendation", {r.id for r in recs})
    measures = LinkedMeasures(snapshot, {r.id for r in recs}) if with_measures else None
    sections = []
    for i, (name, items) in enumerate(groups.items()):
        progress(i + 1, len(groups) + 1, name)
        rows, details = _recommendation_rows(items, narratives, measures)
        sections.append(Section(name, _recommendation_columns(), rows, detail_rows=details))
    figures = [_bars(str(DIMENSION_TITLES["theme" if group_by == "theme" else "cluster"]), groups)]
    by_response: dict[str, list] = {}
    for rec in recs:
        by_response.setdefault(str(rec.get_response_display()), []).append(rec)
    figures.append(_bars(_("Implementation status by response"), by_response))
    dates = [r.source_document.date for r in recs if r.source_document.date]
    figures.append(_progress(snapshot, Recommendation, {r.id for r in recs}, min(dates) if dates else None))
    return _summary(groups, _("Theme") if group_by == "theme" else _("Cluster")), sections, figures


def _mechanism(snapshot, filters: ChartFilters, options, progress):
    if not filters.mechanism:
        raise ReportError(_("A mechanism report needs --mechanism (e.g. UPR)."))
    recs = list(filter_recommendations(snapshot.recommendations(), filters))
    if not recs:
        raise ReportError(_("No recommendation matches these filters."))
    summary, sections, figures = _recommendation_report(
        snapshot, recs, group_by=options.get("group_by") or "cluster", progress=progress, with_measures=True)
    cycle = ", ".join(str(c) for c in filters.cycle)
    title = _("Implementation of the recommendations of %(mechanism)s") % {"mechanism": ", ".join(filters.mechanism)}
    if cycle:
        title += " — " + _("cycle %(cycle)s") % {"cycle": cycle}
    cover = [(_("Mechanism"), ", ".join(filters.mechanism)), (_("Cycle"), cycle or _("all")),
             (_("Recommendations"), str(len(recs)))]
    return title, cover, summary, sections, figures


def _theme(snapshot, filters: ChartFilters, options, progress):
    if not filters.theme:
        raise ReportError(_("A theme report needs --theme (a term code such as D23)."))
    recs = list(filter_recommendations(snapshot.recommendations(), filters))
    terms = Term.objects.filter(vocabulary=Vocabulary.THEME, code__in=filters.theme) | Term.objects.filter(
        vocabulary=Vocabulary.THEME, pk__in=[int(t) for t in filters.theme if t.isdigit()])
    names = ", ".join(marked(t) for t in terms) or ", ".join(filters.theme)
    summary, sections, figures = _recommendation_report(snapshot, recs, group_by="cluster", progress=progress)
    measures = _related(list(filter_measures(snapshot.measures(), filters)), "lead_institution")
    if measures:
        sections.append(_measure_section(_("Measures"), snapshot, measures))
    if not recs and not measures:
        raise ReportError(_("Nothing is tagged with this theme."))
    cover = [(_("Theme"), names), (_("Recommendations"), str(len(recs))), (_("Measures"), str(len(measures)))]
    return _("Theme report: %(theme)s") % {"theme": names}, cover, summary, sections, figures


def _measure_section(title, snapshot, measures) -> Section:
    narratives = snapshot.narratives("measure", {m.id for m in measures})
    rows = [[m.number, m.tr("text"), m.lead_institution.abbreviation if m.lead_institution_id else "—",
             m.deadline.isoformat() if m.deadline else m.deadline_text, _status_label(m.status),
             {"overdue": _("Overdue"), "due_soon": _("Due soon")}.get(
                 deadline_state(m.deadline, m.status, snapshot.day), ""),
             narratives.get(m.id, "")] for m in measures]
    return Section(title, [_("No."), _("Measure"), _("Lead institution"), _("Deadline"), _("Status"),
                           _("Deadline state"), _("Latest approved progress")], rows)


def _plan(snapshot, filters, options, progress):
    plan = _get_plan(snapshot, options)
    versions = ActionPlanVersion.objects.filter(plan=plan)
    if snapshot.as_of:
        versions = versions.filter(created_at__lte=snapshot.as_of)
    version = versions.order_by("-number").first()
    if version is None:
        raise ReportError(_("This plan had no version at that date."))
    measures = sorted(_related(list(filter_measures(snapshot.measures().filter(version_id=version.pk), filters)),
                               "lead_institution"), key=lambda m: (m.section, m.number.zfill(8), m.id))
    groups: dict[str, list] = {}
    for m in measures:
        groups.setdefault(m.section or _("Measures"), []).append(m)
    sections = []
    for i, (name, items) in enumerate(groups.items()):
        progress(i + 1, len(groups) + 1, name)
        sections.append(_measure_section(name, snapshot, items))
    by_institution: dict[str, list] = {}
    for m in measures:
        by_institution.setdefault(m.lead_institution.abbreviation if m.lead_institution_id else "—", []).append(m)
    figures = [_bars(_("Implementation status by lead institution"), by_institution),
               _progress(snapshot, Measure, {m.id for m in measures}, version.adopted_on)]
    indicators = indicator_list(user=snapshot.user).filter(measures__version=version).distinct()
    figures += [indicator_chart(i) for i in indicators]
    cover = [(_("Plan"), plan.tr("title")), (_("Version"), f"v{version.number} — {version.tr('label')}"),
             (_("Measures"), str(len(measures)))]
    return plan.tr("title"), cover, _summary(groups, _("Section")), sections, figures


def _get_plan(snapshot, options) -> ActionPlan:
    try:
        return plan_list(user=snapshot.user).get(pk=int(options.get("plan") or 0))
    except (ActionPlan.DoesNotExist, ValueError):
        raise ReportError(_("Give an existing plan with --plan ID.")) from None


def _institution(snapshot, filters, options, progress):
    if len(filters.institution) != 1:
        raise ReportError(_("An institution report needs one --institution (abbreviation or id)."))
    value = filters.institution[0]
    institution = Institution.objects.filter(pk=int(value) if value.isdigit() else None).first() or \
        Institution.objects.filter(abbreviation=value).first()
    if institution is None:
        raise ReportError(_("Unknown institution: %(value)s") % {"value": value})
    filters.institution = [str(institution.pk)]
    recs = _related(list(filter_recommendations(snapshot.recommendations(), filters)),
                    "source_document__mechanism", "lead_institution")
    progress(1, 3, _("Recommendations"))
    current = set(_current_version_ids().values())
    measures = _related([m for m in filter_measures(snapshot.measures(), filters) if m.version_id in current],
                        "lead_institution")
    progress(2, 3, _("Measures"))
    narratives = snapshot.narratives("recommendation", {r.id for r in recs})
    sections = [Section(_("Recommendations"), _recommendation_columns(), _recommendation_rows(recs, narratives)[0]),
                _measure_section(_("Measures"), snapshot, measures)]
    if snapshot.as_of is None:
        items = deadline_items(user=snapshot.user, institution_ids={institution.pk})
        sections.append(Section(_("Overdue and due soon"), [_("Item"), _("Due"), _("State")],
                                [[i.label, i.due.isoformat(), _("Overdue") if i.state == "overdue" else _("Due soon")]
                                 for i in items]))
    groups = {_("Recommendations"): recs, _("Measures"): measures}
    by_mechanism: dict[str, list] = {}
    for rec in recs:
        by_mechanism.setdefault(rec.source_document.mechanism.code, []).append(rec)
    figures = [_bars(_("Implementation status by mechanism"), by_mechanism), _bars(_("Status"), groups)]
    cover = [(_("Institution"), marked(institution)), (_("Recommendations"), str(len(recs))),
             (_("Measures"), str(len(measures)))]
    return marked(institution), cover, _summary(groups, _("Items")), sections, figures


def _current_version_ids() -> dict[int, int]:
    latest: dict[int, tuple[int, int]] = {}
    for pk, plan_id, number in ActionPlanVersion.objects.values_list("pk", "plan_id", "number"):
        if plan_id not in latest or number > latest[plan_id][1]:
            latest[plan_id] = (pk, number)
    return {plan: pk for plan, (pk, _n) in latest.items()}


def _plan_diff(snapshot, filters, options, progress):
    plan = _get_plan(snapshot, options)
    versions = {v.number: v for v in plan.versions.all()}
    try:
        old, new = versions[int(options.get("from") or 0)], versions[int(options.get("to") or 0)]
    except (KeyError, ValueError):
        raise ReportError(_("Give two existing version numbers with --from and --to (this plan has %(numbers)s).")
                          % {"numbers": ", ".join(str(n) for n in sorted(versions)) or "—"}) from None
    diff = plan_version_diff(old_version=old, new_version=new, measures=measure_list(user=snapshot.user))
    progress(1, 1, _("Compare"))
    measure_columns = [_("Key"), _("No."), _("Measure"), _("Lead institution"), _("Deadline")]

    def measure_rows(items):
        return [[m.key, m.number, m.tr("text"), m.lead_institution.abbreviation if m.lead_institution_id else "—",
                 m.deadline.isoformat() if m.deadline else m.deadline_text] for m in items]

    changed = [[c.key, c.new.number, f.label, f.before, f.after] for c in diff.changed for f in c.changes]
    sections = [Section(_("Added"), measure_columns, measure_rows(diff.added)),
                Section(_("Removed"), measure_columns, measure_rows(diff.removed)),
                Section(_("Changed"), [_("Key"), _("No."), _("Field"), _("Before"), _("After")], changed)]
    summary = Section(_("Summary"), [_("Change"), _("Measures")],
                      [[_("Added"), str(len(diff.added))], [_("Removed"), str(len(diff.removed))],
                       [_("Changed"), str(len(diff.changed))], [_("Unchanged"), str(diff.unchanged)]],
                      counts_from=1)
    cover = [(_("Plan"), plan.tr("title")), (_("From"), f"v{old.number} — {old.tr('label')}"),
             (_("To"), f"v{new.number} — {new.tr('label')}")]
    return _("Changes to %(plan)s") % {"plan": plan.tr("title")}, cover, summary, sections, []


BUILDERS = {"mechanism": _mechanism, "plan": _plan, "institution": _institution, "theme": _theme,
            "plan-diff": _plan_diff}


def as_of_moment(day: date | None) -> datetime | None:
    """The end of a day in the server time zone: 'as of 31 Dec' includes everything recorded that day."""
    return timezone.make_aware(datetime.combine(day, time.max)) if day else None


def build_report(*, kind: str, user, filters: ChartFilters, language: str = "en", as_of: date | None = None,
                 options: dict | None = None, progress: Progress | None = None) -> Report:
    """Build a report of one kind in one language, for what `user` may read, optionally as of a date."""
    if kind not in BUILDERS:
        raise ReportError(_("Unknown report kind: %(kind)s") % {"kind": kind})
    if filters.errors:
        raise ReportError("; ".join(filters.errors))
    progress = progress or (lambda done, total, label: None)
    snapshot = Snapshot(user=user, as_of=as_of_moment(as_of))
    with translation.override(language):
        title, cover, summary, sections, figures = BUILDERS[kind](snapshot, filters, options or {}, progress)
        cover = [*cover, (_("State as of"), (as_of or snapshot.day).isoformat()),
                 (_("Language"), language), (_("Generated"), timezone.localtime().strftime("%Y-%m-%d %H:%M"))]
        if snapshot.public:
            cover.append((_("Audience"), _("Public: published records only")))
    return Report(kind, title, language, snapshot.as_of, timezone.localtime(), cover, summary, sections, figures)


def report_check(*, kind: str, user, filters: ChartFilters, as_of: date | None = None,
                 options: dict | None = None) -> None:
    """The cheap checks of `build_report`, run before a job is queued: a request that cannot be built raises
    ReportError here, so it never becomes a failed job."""
    if kind not in BUILDERS:
        raise ReportError(_("Unknown report kind: %(kind)s") % {"kind": kind})
    if filters.errors:
        raise ReportError("; ".join(filters.errors))
    options = options or {}
    snapshot = Snapshot(user=user, as_of=as_of_moment(as_of))
    if kind in ("plan", "plan-diff"):
        plan = _get_plan(snapshot, options)
        numbers = set(plan.versions.values_list("number", flat=True))
        if kind == "plan-diff" and not {_int(options.get("from")), _int(options.get("to"))} <= numbers:
            raise ReportError(_("Give two existing version numbers with --from and --to (this plan has %(numbers)s).")
                              % {"numbers": ", ".join(str(n) for n in sorted(numbers)) or "—"})
    elif kind == "mechanism":
        if not filters.mechanism:
            raise ReportError(_("A mechanism report needs --mechanism (e.g. UPR)."))
        if not filter_recommendations(snapshot.recommendations(), filters).exists():
            raise ReportError(_("No recommendation matches these filters."))
    elif kind == "theme":
        if not filters.theme:
            raise ReportError(_("A theme report needs --theme (a term code such as D23)."))
        if not (filter_recommendations(snapshot.recommendations(), filters).exists()
                or filter_measures(snapshot.measures(), filters).exists()):
            raise ReportError(_("Nothing is tagged with this theme."))
    elif kind == "institution":
        value = filters.institution[0] if len(filters.institution) == 1 else ""
        if len(filters.institution) != 1:
            raise ReportError(_("An institution report needs one --institution (abbreviation or id)."))
        if not Institution.objects.filter(pk=_int(value)).exists() and \
                not Institution.objects.filter(abbreviation=value).exists():
            raise ReportError(_("Unknown institution: %(value)s") % {"value": value})


def _int(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None
