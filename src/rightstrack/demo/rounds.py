"""The demo's reporting round: open, on four measures of the 2022 follow-up plan, with two answers in."""

from datetime import date, timedelta

from rightstrack.accounts.models import Role, User
from rightstrack.core.models import ImplementationStatus as Status
from rightstrack.planning.models import ProgressReport
from rightstrack.planning.rounds import reporting_round_create
from rightstrack.planning.services import progress_report_create, progress_report_transition

ANSWERS = [
    # measure key, institution, narrative (illustrative)
    ("S-MED", "MoH", "Medical units of all pre-trial facilities in four regions now report to the regional health "
                     "departments; the remaining regions follow next year."),
    ("S-DP", "MoJ", "The Criminal Code no longer provides for the death penalty; sentences were commuted."),
]


def load_reporting_round(*, coordinator, measures: dict, institutions: dict, today: date | None = None):
    """Open a round on the current version's measures S-POL, S-MED, S-CONV and S-DP; MoH and MoJ have answered."""
    today = today or date.today()
    current = {key: m for (key, number), m in measures.items() if number == 2}
    as_of = today.replace(day=1) - timedelta(days=1)  # the end of last month
    rnd = reporting_round_create(
        actor=coordinator, title="Progress on the follow-up plan", period_end=as_of, deadline=today + timedelta(days=10),
        instructions="Report what was done, with evidence (orders, laws, statistics).",
        translations={"title": {"ru": "Ход выполнения Плана дальнейших действий",
                                "kk": "Келесі іс-қимылдар жоспарының орындалу барысы"},
                      "instructions": {"ru": "Опишите, что сделано, с подтверждениями (приказы, законы, статистика).",
                                       "kk": "Не істелгенін дәлелдерімен (бұйрықтар, заңдар, статистика) сипаттаңыз."}},
        measures=[current[key] for key in ("S-POL", "S-MED", "S-CONV", "S-DP")])
    for key, abbreviation, narrative in ANSWERS:
        institution = institutions[abbreviation]
        author = User.objects.filter(role=Role.FOCAL_POINT, institutions=institution).first() or coordinator
        report = progress_report_create(actor=author, target=current[key], institution=institution, period_end=as_of,
                                        narrative=narrative, proposed_status=Status.IN_PROGRESS, is_illustrative=True)
        progress_report_transition(actor=author, report=report, to=ProgressReport.State.SUBMITTED)
    return rnd
