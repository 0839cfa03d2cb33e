"""A small, fully linked world: one of each record, published and unpublished, and one user per role."""

from dataclasses import dataclass
from datetime import date

from rightstrack.accounts.models import Institution, Role, User
from rightstrack.core.models import ImplementationStatus
from rightstrack.legislation.models import LegalAct
from rightstrack.planning.models import (
    ActionPlan,
    ActionPlanVersion,
    Indicator,
    Measure,
    ProgressReport,
)
from rightstrack.recommendations.models import Assessment, Mechanism, Recommendation, SourceDocument
from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary

PASSWORD = "pw-for-tests-only"


@dataclass
class World:
    users: dict
    mia: Institution
    moh: Institution
    chr: Institution
    document: SourceDocument
    recommendation: Recommendation
    hidden_recommendation: Recommendation
    plan: ActionPlan
    version: ActionPlanVersion
    measure: Measure
    other_measure: Measure
    draft: ProgressReport
    submitted: ProgressReport
    approved: ProgressReport
    assessment: Assessment
    indicator: Indicator
    legal_act: LegalAct
    hidden_legal_act: LegalAct
    term: Term
    suggestion: TagAssignment


def make_user(username: str, role: str, institutions=()) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, role=role,
                                    is_superuser=role == Role.ADMINISTRATOR, is_staff=role == Role.ADMINISTRATOR)
    user.institutions.set(institutions)
    return user


def build_world() -> World:
    mia = Institution.objects.create(abbreviation="MIA", name="Ministry of Internal Affairs")
    moh = Institution.objects.create(abbreviation="MoH", name="Ministry of Health")
    chr_ = Institution.objects.create(abbreviation="CHR", name="Commission on Human Rights", kind="commission")
    users = {
        "administrator": make_user("admin", Role.ADMINISTRATOR),
        "coordinator": make_user("coord", Role.COORDINATOR),
        "focal_point": make_user("focal", Role.FOCAL_POINT, [mia]),
        "other_focal_point": make_user("focal2", Role.FOCAL_POINT, [moh]),
        "assessor": make_user("assessor", Role.ASSESSOR, [chr_]),
        "viewer": make_user("viewer", Role.VIEWER),
    }
    upr = Mechanism.objects.create(code="UPR", name="Universal Periodic Review", kind="upr")
    document = SourceDocument.objects.create(symbol="A/HRC/28/10", mechanism=upr, cycle=2, date=date(2014, 12, 10))
    recommendation = Recommendation.objects.create(
        source_document=document, paragraph="124.1", text="Ratify the Optional Protocol to the Convention against Torture",
        response="supported", is_published=True, lead_institution=mia)
    hidden = Recommendation.objects.create(source_document=document, paragraph="124.2",
                                           text="Secret draft recommendation text", lead_institution=mia)
    plan = ActionPlan.objects.create(title="Action Plan on Human Rights", is_published=True)
    version = ActionPlanVersion.objects.create(plan=plan, number=1, label="Decree No. 597")
    measure = Measure.objects.create(version=version, key="M1", number="1", text="Service model for the police",
                                     lead_institution=mia, deadline=date(2022, 12, 31), is_published=True)
    measure.recommendations.add(recommendation)
    other = Measure.objects.create(version=version, key="M2", number="2", text="Prison medical care to MoH",
                                   lead_institution=moh, is_published=True)
    report = dict(measure=measure, institution=mia, author=users["focal_point"], period_end=date(2023, 6, 30),
                  proposed_status=ImplementationStatus.IN_PROGRESS)
    draft = ProgressReport.objects.create(narrative="Draft narrative", **report)
    submitted = ProgressReport.objects.create(narrative="Submitted narrative", state="submitted", **report)
    approved = ProgressReport.objects.create(narrative="Approved narrative", state="approved", **report)
    assessment = Assessment.objects.create(measure=measure, assessor=users["assessor"], organisation=chr_,
                                           rating="partial", rationale="Unpublished assessment rationale")
    indicator = Indicator.objects.create(name="Judges trained through HELP", kind="process", unit="persons",
                                         is_published=True)
    indicator.measures.add(measure)
    legal_act = LegalAct.objects.create(kind="law", title="Law on political parties", is_published=True)
    hidden_act = LegalAct.objects.create(kind="law", title="Unpublished draft law")
    term = Term.objects.create(vocabulary=Vocabulary.THEME, code="D23", name="Death penalty")
    other_term = Term.objects.create(vocabulary=Vocabulary.THEME, code="D25", name="Prohibition of torture")
    suggestion = TagAssignment.objects.create(recommendation=recommendation, term=other_term,
                                              source=TagAssignment.Source.MODEL, confidence=0.8, model_version="t1")
    return World(users, mia, moh, chr_, document, recommendation, hidden, plan, version, measure, other, draft,
                 submitted, approved, assessment, indicator, legal_act, hidden_act, term, suggestion)
