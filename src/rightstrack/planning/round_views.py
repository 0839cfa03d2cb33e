"""Pages for reporting rounds: the list, a new round, a round's answers, closing it. Coordinators only."""

import logging
from datetime import date
from smtplib import SMTPException

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rightstrack.accounts.permissions import manager_required
from rightstrack.core.forms import ConfirmForm
from rightstrack.core.history import history_entries
from rightstrack.core.views import run_service
from rightstrack.planning import rounds
from rightstrack.planning.forms import ReportingRoundForm, RoundFilterForm
from rightstrack.reminders.services import reporting_round_mails_send

logger = logging.getLogger(__name__)


@manager_required
def round_list(request):
    today = date.today()
    progress = [rounds.reporting_round_progress(round=r, today=today)
                for r in rounds.reporting_round_list(user=request.user)]
    return render(request, "planning/round_list.html", {"progress": progress, "today": today})


def _open_and_notify(request, values):
    """Open the round, then mail the focal points; a mail failure leaves the round open for the daily job."""
    rnd = rounds.reporting_round_create(actor=request.user, **values)
    try:
        sent = reporting_round_mails_send(rounds=[rnd])
    except (OSError, SMTPException):
        logger.exception("Mailing reporting round %s failed", rnd.pk)
        messages.warning(request, _("The round is open, but the e-mails could not be sent now; "
                                    "the daily mail job will send them."))
    else:
        messages.success(request, ngettext("The round is open; %(n)d focal point was notified by e-mail.",
                                           "The round is open; %(n)d focal points were notified by e-mail.",
                                           sent) % {"n": sent})
    return rnd


@manager_required
def round_create(request):
    filters = RoundFilterForm(request.GET or None)
    narrowed = filters.cleaned_data if filters.is_valid() else {}
    measures, recommendations = rounds.round_candidates(user=request.user, **{k: v for k, v in narrowed.items() if v})
    form = ReportingRoundForm(request.POST or None, measures=measures, recommendations=recommendations)
    return run_service(request, form, lambda values: _open_and_notify(request, values),
                       success_url=lambda r: r.get_absolute_url(), template="planning/round_form.html",
                       context={"title": _("New reporting round"), "filters": filters,
                                "measure_count": measures.count(), "recommendation_count": recommendations.count()})


@manager_required
def round_detail(request, pk):
    rnd = get_object_or_404(rounds.reporting_round_list(user=request.user), pk=pk)
    today = date.today()
    progress = rounds.reporting_round_progress(round=rnd, today=today)
    return render(request, "planning/round_detail.html", {
        "object": rnd, "progress": progress, "today": today, "close_form": ConfirmForm(),
        "answer_states": rounds.ANSWER_STATES, "history": history_entries(rnd)})


@manager_required
@require_POST
def round_close(request, pk):
    rnd = get_object_or_404(rounds.reporting_round_list(user=request.user), pk=pk)
    return run_service(request, ConfirmForm(request.POST),
                       lambda values: rounds.reporting_round_close(actor=request.user, round=rnd),
                       success_url=rnd.get_absolute_url(), success_message=_("Round closed."),
                       context={"title": _("Close the round"), "object": rnd})
