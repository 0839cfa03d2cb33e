"""Reporting rounds: a coordinator asks institutions for progress reports on chosen items by a deadline.

The answer rule, in one place: an institution has answered a round item when it has a progress report
on that item, submitted or approved, whose 'as of' date (period_end) is on or after the round's.
"""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.accounts.permissions import is_manager, require
from rightstrack.core.services import record_save
from rightstrack.planning.models import Measure, ProgressReport, ReportingRound
from rightstrack.planning.selectors import DONE, measure_list
from rightstrack.recommendations.selectors import recommendation_list

ANSWER_STATES = (ProgressReport.State.SUBMITTED, ProgressReport.State.APPROVED)


@dataclass
class RoundItem:
    """One measure or recommendation asked of one institution in a round, with its answer if any."""

    round: ReportingRound
    institution: object
    target: object
    answer: ProgressReport | None = None

    @property
    def kind(self) -> str:
        return "measure" if isinstance(self.target, Measure) else "recommendation"

    @property
    def answered(self) -> bool:
        return self.answer is not None

    def late(self, today: date) -> bool:
        """Still unanswered after the deadline."""
        return not self.answered and today > self.round.deadline

    def state(self, today: date) -> str:
        """'answered', 'late' or 'due'."""
        return "answered" if self.answered else "late" if self.late(today) else "due"

    @property
    def report_url(self) -> str:
        """The progress report form for this item, with the institution and 'as of' date filled in."""
        query = urlencode({"institution": self.institution.pk, "period_end": self.round.period_end.isoformat()})
        return f"{reverse('planning:progress_report_create', args=[self.kind, self.target.pk])}?{query}"


@dataclass
class InstitutionRow:
    """An institution's line in a round's table: its items and how many it has answered."""

    institution: object
    items: list[RoundItem]
    today: date

    @property
    def asked(self) -> int:
        return len(self.items)

    @property
    def answered(self) -> int:
        return sum(item.answered for item in self.items)

    @property
    def late(self) -> int:
        return sum(item.late(self.today) for item in self.items)

    @property
    def percent(self) -> int:
        return _percent(self.answered, self.asked)


@dataclass
class RoundProgress:
    """A round's answers by institution, with the totals behind its progress bar."""

    round: ReportingRound
    rows: list[InstitutionRow]

    @property
    def asked(self) -> int:
        return sum(row.asked for row in self.rows)

    @property
    def answered(self) -> int:
        return sum(row.answered for row in self.rows)

    @property
    def late(self) -> int:
        return sum(row.late for row in self.rows)

    @property
    def percent(self) -> int:
        return _percent(self.answered, self.asked)


def _percent(answered: int, asked: int) -> int:
    return round(100 * answered / asked) if asked else 0


@transaction.atomic
def reporting_round_create(*, actor, title: str, deadline: date, period_end: date, measures=(),
                           recommendations=(), instructions: str = "", translations: dict | None = None
                           ) -> ReportingRound:
    """Open a round on the given measures and recommendations (coordinators only)."""
    require(is_manager(actor), _("Only coordinators open reporting rounds."))
    measures, recommendations = list(measures), list(recommendations)
    if not measures and not recommendations:
        raise ValidationError(_("Choose at least one measure or recommendation."))
    if deadline < period_end:
        raise ValidationError({"deadline": _("The deadline cannot fall before the 'as of' date of the reports.")})
    obj = ReportingRound(title=title, instructions=instructions, deadline=deadline, period_end=period_end,
                         created_by=actor, translations=translations or {})
    return record_save(obj=obj, actor=actor, m2m={"measures": measures, "recommendations": recommendations})


@transaction.atomic
def reporting_round_close(*, actor, round: ReportingRound) -> ReportingRound:
    """Close a round: it leaves the focal points' task lists and no more reminders go out."""
    require(is_manager(actor), _("Only coordinators close reporting rounds."))
    require(round.state == ReportingRound.State.OPEN, _("This round is already closed."))
    return record_save(obj=round, actor=actor, values={"state": ReportingRound.State.CLOSED,
                                                       "closed_at": timezone.now()}, reason="closed")


def reporting_round_list(*, user) -> QuerySet[ReportingRound]:
    """Rounds a user may follow on the rounds pages: coordinators and administrators see all."""
    qs = ReportingRound.objects.select_related("created_by")
    return qs if is_manager(user) else qs.none()


def round_items(*, rounds, institution_ids: set[int] | None = None) -> list[RoundItem]:
    """Every (item, asked institution) pair of the rounds, with its answer; optionally for some institutions."""
    items = []
    for rnd in rounds:
        targets = [*rnd.measures.select_related("lead_institution").prefetch_related("co_executors"),
                   *rnd.recommendations.select_related("lead_institution", "source_document")
                   .prefetch_related("co_executors")]
        answers = _answers(rnd, targets)
        for target in targets:
            asked = ([target.lead_institution] if target.lead_institution_id else []) + list(target.co_executors.all())
            for institution in dict.fromkeys(asked):  # a lead also listed as co-executor is asked once
                if institution_ids is None or institution.pk in institution_ids:
                    key = (institution.pk, type(target).__name__, target.pk)
                    items.append(RoundItem(rnd, institution, target, answers.get(key)))
    return items


def _answers(rnd: ReportingRound, targets) -> dict:
    """The latest answering report per (institution, target), by the rule in the module docstring."""
    measure_ids = [t.pk for t in targets if isinstance(t, Measure)]
    recommendation_ids = [t.pk for t in targets if not isinstance(t, Measure)]
    reports = (ProgressReport.objects.filter(state__in=ANSWER_STATES, period_end__gte=rnd.period_end)
               .filter(Q(measure__in=measure_ids) | Q(recommendation__in=recommendation_ids))
               .order_by("period_end", "pk"))
    answers = {}
    for report in reports:  # later reports overwrite earlier ones
        kind, pk = ("Measure", report.measure_id) if report.measure_id else ("Recommendation", report.recommendation_id)
        answers[(report.institution_id, kind, pk)] = report
    return answers


def reporting_round_progress(*, round: ReportingRound, today: date | None = None) -> RoundProgress:
    """A round's table: one row per asked institution (by abbreviation) with its items and answers."""
    today = today or date.today()
    rows: dict[int, InstitutionRow] = {}
    for item in round_items(rounds=[round]):
        rows.setdefault(item.institution.pk, InstitutionRow(item.institution, [], today)).items.append(item)
    return RoundProgress(round, sorted(rows.values(), key=lambda row: row.institution.abbreviation))


def focal_point_round_items(*, user) -> list[RoundItem]:
    """The items of open rounds asked of the user's institutions, earliest deadline first."""
    if not user.institution_ids:
        return []
    rounds = ReportingRound.objects.filter(state=ReportingRound.State.OPEN).filter(
        Q(measures__lead_institution__in=user.institution_ids)
        | Q(measures__co_executors__in=user.institution_ids)
        | Q(recommendations__lead_institution__in=user.institution_ids)
        | Q(recommendations__co_executors__in=user.institution_ids)).distinct()
    items = round_items(rounds=rounds, institution_ids=user.institution_ids)
    return sorted(items, key=lambda item: (item.answered, item.round.deadline, item.round.pk))


def round_candidates(*, user, version=None, institution=None, q: str = "") -> tuple[QuerySet, QuerySet]:
    """Measures and recommendations a new round may ask about, narrowed by plan version, institution and text.

    Without a version, the measures of each plan's current version; recommendations only once assigned.
    """
    measures = measure_list(user=user, current_only=version is None)
    if version is not None:
        measures = measures.filter(version=version)
    recommendations = recommendation_list(user=user).filter(lead_institution__isnull=False).exclude(status__in=DONE)
    if institution is not None:
        responsible = Q(lead_institution=institution) | Q(co_executors=institution)
        measures, recommendations = measures.filter(responsible), recommendations.filter(responsible)
    if q:
        measures = measures.filter(Q(text__icontains=q) | Q(number=q) | Q(section__icontains=q))
        recommendations = recommendations.filter(Q(text__icontains=q) | Q(paragraph=q))
    return (measures.select_related("lead_institution").distinct().order_by("version", "id"),
            recommendations.select_related("lead_institution", "source_document").distinct())
