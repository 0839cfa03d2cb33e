"""The Kazakhstan demo set: real UPR recommendations, Decree 597 and its 2022 follow-up plan, laws and reports.

Sourced records carry their source; records made up to show the workflow are flagged
`is_illustrative` and the UI marks them so.
"""

import csv
from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from rightstrack.accounts.models import Institution
from rightstrack.core.models import ImplementationStatus as Status
from rightstrack.core.services import record_save
from rightstrack.demo.rounds import load_reporting_round
from rightstrack.legislation.models import Amendment, LegalAct
from rightstrack.planning.models import (
    ActionPlan,
    ActionPlanVersion,
    Evidence,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressReport,
)
from rightstrack.planning.services import progress_report_transition
from rightstrack.recommendations.models import (
    Assessment,
    Cluster,
    Country,
    Mechanism,
    Recommendation,
    SourceDocument,
)
from rightstrack.recommendations.status import recommendation_derive_all
from rightstrack.reference import REFERENCE_DIR
from rightstrack.tagging.taxonomies import ISSUE_ALIASES
from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary

DEMO = REFERENCE_DIR / "kazakhstan_demo"
SEED = "EU Reporter, 21 April 2022, 'Kazakhstan's New Human Rights Amendment' (kazakhstan_demo/seed_article_decree_597_amendment.txt)"
ILLUSTRATIVE = "Illustrative: made up for the demo to show the workflow; not from a source."

INSTITUTIONS = [
    # abbreviation, name, kind, aliases used in the sources
    ("MIA", "Ministry of Internal Affairs", "ministry", []),
    ("MoH", "Ministry of Health", "ministry", []),
    ("MoJ", "Ministry of Justice", "ministry", ["MJ"]),
    ("GPO", "General Prosecutor's Office", "agency", []),
    ("MLSP", "Ministry of Labour and Social Protection of the Population", "ministry", []),
    ("MFA", "Ministry of Foreign Affairs", "ministry", []),
    ("MIPD", "Ministry of Information and Public Development", "ministry", []),
    ("MNE", "Ministry of National Economy", "ministry", []),
    ("MEAS", "MEAS (abbreviation as published in the Follow-up Plan)", "ministry", []),
    ("APS", "APS (abbreviation as published in the Follow-up Plan)", "agency", []),
    ("NCHR", "NCHR (abbreviation as published in the Follow-up Plan)", "agency", []),
    ("LEB", "Local executive bodies", "government", []),
    ("GOV", "Government of the Republic of Kazakhstan", "government", []),
    ("PA", "Presidential Administration", "government", []),
    ("CHR", "Commission on Human Rights under the President of the Republic of Kazakhstan", "commission", []),
    ("OMB", "Commissioner for Human Rights (Ombudsman)", "ombudsman", []),
]

MECHANISMS = [
    ("UPR", "Universal Periodic Review", "upr"), ("CAT", "Committee against Torture", "treaty_body"),
    ("CCPR", "Human Rights Committee", "treaty_body"), ("CEDAW", "Committee on the Elimination of Discrimination against Women", "treaty_body"),
    ("CERD", "Committee on the Elimination of Racial Discrimination", "treaty_body"),
    ("CESCR", "Committee on Economic, Social and Cultural Rights", "treaty_body"),
    ("CRC", "Committee on the Rights of the Child", "treaty_body"),
    ("CRPD", "Committee on the Rights of Persons with Disabilities", "treaty_body"),
    ("SPT", "Subcommittee on Prevention of Torture", "treaty_body"),
    ("CHR", "Commission on Human Rights under the President", "national"),
]

# The mechanisms' names in Russian (the UN's own Russian names) and Kazakh (the project's translation).
MECHANISM_NAMES = {
    "UPR": ("Универсальный периодический обзор", "Жалпыға бірдей мерзімдік шолу"),
    "CAT": ("Комитет против пыток", "Азаптауға қарсы комитет"),
    "CCPR": ("Комитет по правам человека", "Адам құқықтары жөніндегі комитет"),
    "CEDAW": ("Комитет по ликвидации дискриминации в отношении женщин",
              "Әйелдерді кемсітушілікті жою жөніндегі комитет"),
    "CERD": ("Комитет по ликвидации расовой дискриминации", "Нәсілдік кемсітушілікті жою жөніндегі комитет"),
    "CESCR": ("Комитет по экономическим, социальным и культурным правам",
              "Экономикалық, әлеуметтік және мәдени құқықтар жөніндегі комитет"),
    "CRC": ("Комитет по правам ребенка", "Бала құқықтары жөніндегі комитет"),
    "CRPD": ("Комитет по правам инвалидов", "Мүгедектердің құқықтары жөніндегі комитет"),
    "SPT": ("Подкомитет по предупреждению пыток", "Азаптаудың алдын алу жөніндегі кіші комитет"),
    "CHR": ("Комиссия по правам человека при Президенте", "Президент жанындағы Адам құқықтары жөніндегі комиссия"),
}

# Measures the seed article names; the plan text itself was not retrievable, so their
# numbers, institutions and deadlines are illustrative (the substance is sourced).
SEED_MEASURES = [
    ("S-REL", 1, "Liberalise religious legislation: organisers of religious events notify the authorities instead of asking permission", "MIPD", ["MoJ"], "religious"),
    ("S-DP", 1, "Abolish the death penalty and accede to the Second Optional Protocol to the ICCPR", "MoJ", ["GPO", "MFA"], "death penalty"),
    ("S-WOM", 1, "Policies empowering women and eliminating discrimination against women", "MLSP", ["MIA"], "women"),
    ("S-DIS", 1, "Equality and access for persons with disabilities", "MLSP", ["MoH"], "disabilit"),
    ("S-POL", 1, "Introduce a 'service model' for the work of the police", "MIA", [], "police"),
    ("S-MED", 1, "Transfer medical care of convicted and remand prisoners from the Ministry of Internal Affairs to the Ministry of Health (phased)", "MoH", ["MIA"], "detention"),
    ("S-CONV", 1, "Expand the employment of convicts and their social adaptation", "MIA", ["MLSP"], "prison"),
    ("S-PARTY", 2, "Lower the membership threshold for registering a political party from 20,000 to 5,000", "MoJ", [], "political part"),
]


# The demo indicators' unit, as the reader's language names it ("persons" was shown on Russian pages).
PERSONS = {"ru": "человек", "kk": "адам"}

def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _d(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _deadline(text: str) -> date | None:
    text = text.lower()
    for year in range(2020, 2031):
        if str(year) in text:
            if "august" in text:
                return date(year, 8, 31)
            return date(year, 12, 31)
    return None


def load_institutions(actor) -> dict[str, Institution]:
    """The ministries and bodies named in the sources, keyed by abbreviation and alias, with their Russian and
    Kazakh names and the source of those (`institutions_translations.csv`)."""
    names = {row["abbreviation"]: row for row in _rows(DEMO / "institutions_translations.csv")}
    found = {}
    for abbreviation, name, kind, aliases in INSTITUTIONS:
        row = names[abbreviation]
        inst = Institution.objects.filter(abbreviation=abbreviation).first() or record_save(
            obj=Institution(abbreviation=abbreviation, name=name, kind=kind,
                            translations={"name": {"ru": row["name_ru"], "kk": row["name_kk"]}},
                            source_note=f"Follow-up Plan 2022 (gov.kz) and the seed article; ru/kk: {row['source']}"),
            actor=actor)
        for key in [abbreviation, *aliases]:
            found[key] = inst
    return found


def _institutions_from(text: str, institutions: dict) -> list[Institution]:
    names = [part.split("(")[0].strip() for part in text.replace(";", ",").split(",")]
    return [institutions[n] for n in names if n in institutions]


def load_recommendations(actor) -> list[Recommendation]:
    """The 322 UPR recommendations of cycles 1 and 2, with responses and UPR Info's cycle-1 coding."""
    mechanisms = {code: Mechanism.objects.get_or_create(code=code, defaults={
        "name": name, "kind": kind,
        "translations": {"name": dict(zip(("ru", "kk"), MECHANISM_NAMES[code], strict=True))}})[0]
                  for code, name, kind in MECHANISMS}
    reviews = {r["cycle"]: r for r in _rows(DEMO / "upr_reviews.csv")}
    for row in _rows(DEMO / "treaty_body_documents.csv"):
        SourceDocument.objects.get_or_create(symbol=row["document_symbol"], defaults={
            "title": row["title"], "mechanism": mechanisms.get(row["body"], mechanisms["CAT"]),
            "date": _d(row["document_date"]), "url": row["source_url"].split(" ; ")[0],
            "source_note": row["notes"]})
    terms = {(t.vocabulary, t.code): t for t in Term.objects.filter(
        vocabulary__in=[Vocabulary.UPR_ISSUE, Vocabulary.ACTION_CATEGORY])}
    countries: dict[str, Country] = {}
    created = []
    for row in _rows(DEMO / "recommendations.csv"):
        review = reviews[row["cycle"]]
        document, _ = SourceDocument.objects.get_or_create(symbol=row["document_symbol"], defaults={
            "title": f"Report of the Working Group on the Universal Periodic Review: Kazakhstan (cycle {row['cycle']})",
            "mechanism": mechanisms["UPR"], "date": _d(row["date"]), "cycle": int(row["cycle"]),
            "session": review["wg_session"], "source_note": review["sources"]})
        states = []
        for name in row["recommending_state"].split(";"):
            name = name.strip()
            if name and name not in countries:
                countries[name] = Country.objects.get_or_create(name=name)[0]
            if name:
                states.append(countries[name])
        rec = Recommendation(source_document=document, paragraph=row["paragraph"], text=row["text"], language="en",
                             external_id=row["id"], response=row["response"], is_published=True,
                             source_note="; ".join(filter(None, [row["response_source"], row["notes"]])))
        rec.mark_published()
        record_save(obj=rec, actor=actor, m2m={"recommending_states": states}, reason="demo load")
        tags = [terms[(Vocabulary.UPR_ISSUE, ISSUE_ALIASES.get(issue, issue))]
                for issue in filter(None, row["upr_info_issues"].split("|"))]
        tags += [terms[(Vocabulary.ACTION_CATEGORY, c)] for c in filter(None, row["upr_info_action_category"].split("|"))]
        TagAssignment.objects.bulk_create([
            TagAssignment(recommendation=rec, term=t, vocabulary=t.vocabulary, source=TagAssignment.Source.PERSON,
                          status=TagAssignment.Status.ACCEPTED, confidence=1.0,
                          model_version="UPR Info database coding") for t in tags])
        created.append(rec)
    return created


def load_plan(actor, institutions) -> ActionPlan:
    """Decree No. 597 (2021) as version 1 and the 2022 Follow-up Plan as version 2."""
    rows = _rows(DEMO / "decree_597_measures.csv")
    decree = record_save(obj=LegalAct(kind=LegalAct.Kind.DECREE, number="597", date=date(2021, 6, 9),
                                      title="Presidential Decree 'On further measures of the Republic of Kazakhstan in the field of human rights'",
                                      source_note=rows[0]["source"], is_published=True), actor=actor)
    decree_871 = record_save(obj=LegalAct(kind=LegalAct.Kind.DECREE, number="871", date=date(2022, 4, 13),
                                          title="Presidential Decree amending Decree No. 597",
                                          source_note=SEED, is_published=True), actor=actor)
    record_save(obj=Amendment(legal_act=decree, number="871", date=date(2022, 4, 13),
                              summary="Amendments and additions to Decree No. 597; the Government adopted the Follow-up "
                                      "Plan for Human Rights and the Rule of Law (Government decree No. 258 of 28 April 2022, 27 activities)",
                              source_note="gov.kz (Ministry of Justice page); EU Reporter 21 Apr 2022"), actor=actor)
    plan = record_save(obj=ActionPlan(title="Action Plan on Human Rights (Decree No. 597)", is_published=True,
                                      description="Plan of priority measures in the field of human rights under Presidential "
                                                  "Decree No. 597 of 9 June 2021, amended in 2022.",
                                      source_note=rows[0]["source"]), actor=actor)
    plan.set_translation("title", "ru", "План действий в области прав человека (Указ № 597)")
    plan.set_translation("title", "kk", "Адам құқықтары саласындағы іс-қимыл жоспары (№ 597 Жарлық)")
    record_save(obj=plan, actor=actor, values={"translations": plan.translations})
    v1 = record_save(obj=ActionPlanVersion(plan=plan, number=1, label="Decree No. 597 of 9 June 2021",
                                           adopted_on=date(2021, 6, 9), adopted_by=decree), actor=actor)
    v2 = record_save(obj=ActionPlanVersion(plan=plan, number=2,
                                           label="Amended by Decree No. 871 of 13 April 2022; Follow-up Plan 2022",
                                           adopted_on=date(2022, 4, 13), adopted_by=decree_871), actor=actor)
    for version, ru, kk in (
            (v1, "Указ № 597 от 9 июня 2021 года", "2021 жылғы 9 маусымдағы № 597 Жарлық"),
            (v2, "С изменениями Указа № 871 от 13 апреля 2022 года; План дальнейших мер 2022 года",
             "2022 жылғы 13 сәуірдегі № 871 Жарлықпен өзгертілген; 2022 жылғы кейінгі шаралар жоспары")):
        version.set_translation("label", "ru", ru)
        version.set_translation("label", "kk", kk)
        record_save(obj=version, actor=actor, values={"translations": version.translations})
    v1_rows = [r for r in rows if r["id"].startswith("D597")]
    v2_rows = v1_rows + [r for r in rows if not r["id"].startswith("D597")]
    for version, version_rows in ((v1, v1_rows), (v2, v2_rows)):
        for row in version_rows:
            agencies = _institutions_from(row["responsible_body"], institutions)
            record_save(obj=Measure(
                version=version, key=row["id"], number=row["id"].split("-", 1)[1], section=row["section"] or row["level"],
                text=row["measure"], expected_result=row["outcome"], deadline_text=row["deadline"],
                deadline=_deadline(row["deadline"]), lead_institution=agencies[0] if agencies else None,
                is_published=True, source_note=f"{row['instrument']}. {row['source']}. {row['notes']}".strip(". ")),
                actor=actor, m2m={"co_executors": agencies[1:]})
    return plan


def load_seed_measures(actor, plan, institutions) -> dict[str, Measure]:
    """The measures the seed article names, with illustrative numbers, deadlines and links."""
    versions = {v.number: v for v in plan.versions.all()}
    today = date.today()
    found = {}
    for i, (key, first_version, text, lead, co, keyword) in enumerate(SEED_MEASURES):
        recommendations = list(Recommendation.objects.filter(text__icontains=keyword)[:6])
        for number, version in versions.items():
            if number < first_version:
                continue
            # A couple of open items fall due soon so the to-do list and reminders have something to show.
            deadline = today + timedelta(days=14 + 7 * i) if key in {"S-CONV", "S-POL"} else date(2023, 12, 31)
            found[(key, number)] = record_save(obj=Measure(
                version=version, key=key, number=f"S{i + 1}", section="Named in the seed article",
                text=text, lead_institution=institutions[lead], deadline=deadline, is_published=True,
                completion_form="Draft law submitted to Parliament" if key in {"S-DP", "S-PARTY", "S-REL"} else "Report to the Government",
                source_note=f"{SEED}. Number, deadline, institutions and linked recommendations are illustrative.",
                is_illustrative=True), actor=actor,
                m2m={"co_executors": [institutions[c] for c in co], "recommendations": recommendations})
    return found


def load_legal_acts(actor, measures) -> None:
    """The laws the seed article names, linked to the measures they fulfil."""
    acts = [
        ("law", "Law amending the Constitutional Law 'On political parties'", date(2022, 6, 5), "S-PARTY",
         ("Membership threshold for registering a political party lowered", "20,000 members", "5,000 members")),
        ("law", "Law amending the Law 'On religious activity and religious associations'", date(2021, 12, 1), "S-REL",
         ("Organisers of religious events notify the authorities instead of asking permission", "permission", "notification")),
        ("law", "Law abolishing the death penalty", date(2021, 12, 29), "S-DP",
         ("Death penalty removed from the Criminal Code; life imprisonment as the most severe penalty", "death penalty", "abolished")),
        ("ratification", "Law ratifying the Second Optional Protocol to the ICCPR, aiming at the abolition of the death penalty",
         date(2021, 1, 2), "S-DP", None),
        ("resolution", "Government resolution transferring medical care of convicted and remand prisoners from MIA to MoH",
         date(2022, 1, 1), "S-MED", ("Medical care in places of detention moves to the health system, in phases", "MIA", "MoH")),
    ]
    for kind, title, when, key, amendment in acts:
        act = record_save(obj=LegalAct(kind=kind, title=title, date=when, is_published=True, is_illustrative=True,
                                       source_note=f"{SEED}. The substance is sourced; the exact title, number and date are "
                                                   "illustrative."),
                          actor=actor, m2m={"measures": [m for (k, _), m in measures.items() if k == key]})
        if amendment:
            summary, before, after = amendment
            record_save(obj=Amendment(legal_act=act, date=when, summary=summary, before=before, after=after,
                                      source_note=SEED, is_illustrative=True), actor=actor)


def load_progress(actor, focal_points: dict, measures, institutions) -> None:
    """Illustrative progress reports in every workflow state, an indicator with values, and an assessment."""
    current = {key: m for (key, number), m in measures.items() if number == 2}
    coordinator = focal_points["coordinator"]
    specs = [
        ("S-DP", "MoJ", "approved", Status.IMPLEMENTED, "The law abolishing the death penalty entered into force; the "
         "Second Optional Protocol to the ICCPR was ratified.", True),
        ("S-MED", "MoH", "approved", Status.IN_PROGRESS, "Medical units of three pre-trial facilities were transferred to "
         "regional health departments; the rest follow in phases.", True),
        ("S-MED", "MoH", "submitted", Status.PARTIALLY_IMPLEMENTED, "All pre-trial facilities in two regions now receive "
         "care from the health system.", False),
        ("S-POL", "MIA", "returned", Status.IN_PROGRESS, "Pilot of the service model in police stations.", False),
        ("S-CONV", "MIA", "draft", Status.IN_PROGRESS, "Agreements with employers for convicts' work are being prepared.",
         False),
    ]
    for key, inst, state, proposed, narrative, publish in specs:
        author = focal_points.get(inst, coordinator)
        report = record_save(obj=ProgressReport(
            measure=current[key], institution=institutions[inst], author=author, period_end=date(2023, 6, 30),
            narrative=narrative, proposed_status=proposed, is_illustrative=True), actor=author)
        record_save(obj=Evidence(progress_report=report, title="Published legal text (adilet.zan.kz)",
                                 url="https://adilet.zan.kz/"), actor=author)
        if state != "draft":
            progress_report_transition(actor=author, report=report, to=ProgressReport.State.SUBMITTED)
        if state in {"approved", "returned"}:
            comment = "" if state == "approved" else "Please attach the order that launched the pilot."
            progress_report_transition(actor=coordinator, report=report, to=state, comment=comment)
        if publish:
            report.refresh_from_db()
            report.mark_published()
            record_save(obj=report, actor=coordinator,
                        values={"is_published": True, "published_at": report.published_at})
    help_indicator = record_save(obj=Indicator(
        name="Judges, prosecutors and lawyers trained through the Council of Europe HELP programme",
        translations={"name": {"ru": "Судьи, прокуроры и адвокаты, обученные по программе Совета Европы HELP",
                               "kk": "Еуропа Кеңесінің HELP бағдарламасы бойынша оқытылған судьялар, прокурорлар "
                                     "және адвокаттар"},
                      "unit": PERSONS},
        kind=Indicator.Kind.PROCESS, unit="persons", baseline=Decimal(0), baseline_year=2020, target=Decimal(1500),
        target_year=2025, is_published=True, is_illustrative=True,
        source_note="The HELP cooperation is in the seed article; the figures are illustrative."),
        actor=coordinator, m2m={"measures": [current["S-POL"]]})
    for period, value in (("2021", 180), ("2022", 420), ("2023", 760), ("2024", 1050)):
        record_save(obj=IndicatorValue(indicator=help_indicator, period=period, period_end=date(int(period), 12, 31),
                                       value=Decimal(value)), actor=coordinator)
    convicts = record_save(obj=Indicator(
        name="Convicts in paid employment", kind=Indicator.Kind.OUTCOME, unit="persons", baseline=Decimal(9000),
        translations={"name": {"ru": "Осуждённые, занятые оплачиваемым трудом",
                               "kk": "Ақылы еңбекпен айналысатын сотталғандар"}, "unit": PERSONS},
        baseline_year=2021, target=Decimal(14000), target_year=2025, is_published=True, is_illustrative=True,
        source_note=ILLUSTRATIVE), actor=coordinator, m2m={"measures": [current["S-CONV"]]})
    for period, value in (("2022", 9800), ("2023", 11200)):
        record_save(obj=IndicatorValue(indicator=convicts, period=period, period_end=date(int(period), 12, 31),
                                       value=Decimal(value)), actor=coordinator)
    assessor = focal_points["assessor"]
    record_save(obj=Assessment(
        measure=current["S-MED"], assessor=assessor, organisation=institutions["CHR"],
        rating=Assessment.Rating.INSUFFICIENT, is_published=True,
        rationale="Visits found that medical staff in two facilities still report to the prison administration.",
        evidence_url="https://www.gov.kz/"), actor=assessor)
    cluster = record_save(obj=Cluster(
        name="Prevention of torture and ill-treatment",
        description="Recommendations on torture prevention, handled together.",
        translations={"name": {"ru": "Предупреждение пыток и жестокого обращения",
                               "kk": "Азаптаудың және қатыгез қарым-қатынастың алдын алу"},
                      "description": {"ru": "Рекомендации о предупреждении пыток, рассматриваемые вместе.",
                                      "kk": "Азаптаудың алдын алу туралы бірге қаралатын ұсынымдар."}}),
        actor=coordinator)
    torture = list(Recommendation.objects.filter(text__icontains="torture"))
    for rec in torture:
        record_save(obj=rec, actor=coordinator, values={"cluster": cluster}, reason="clustered")
    record_save(obj=torture[0], actor=coordinator,
                values={"institutions_from_measures": False, "lead_institution": institutions["GPO"],
                        "deadline": date.today() + timedelta(days=21)},
                m2m={"co_executors": [institutions["MIA"]]})


def _noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def date_the_history(*, loaded: datetime) -> None:
    """The demo is loaded today, but its records tell of 2010–2023: give their history rows the dates of their
    sources, so 'as of' views and the status-over-time charts show that past instead of a jump on load day.

    What was written before `loaded` (the records, and their links) dates from the record's source: a
    recommendation from its report's date, a measure from its plan version's adoption. A status moved by an
    approved progress report moves two weeks after the report's as-of date, when it was (illustratively)
    reviewed. What came later (clusters, institutions taken from measures) stays dated today.
    """
    documents = dict(SourceDocument.objects.exclude(date=None).values_list("pk", "date"))
    versions = dict(ActionPlanVersion.objects.exclude(adopted_on=None).values_list("pk", "adopted_on"))
    _redate(Recommendation.history.filter(history_date__lt=loaded),
            lambda row: documents.get(row.source_document_id) and _noon(documents[row.source_document_id]))
    _redate(Measure.history.filter(history_date__lt=loaded),
            lambda row: versions.get(row.version_id) and _noon(versions[row.version_id]))
    reviewed = {}
    for pk, period_end in ProgressReport.objects.exclude(reviewed_at=None).values_list("pk", "period_end"):
        day = reviewed[f"status from approved progress report #{pk}"] = _noon(period_end + timedelta(days=14))
        ProgressReport.objects.filter(pk=pk).update(submitted_at=day - timedelta(days=7), reviewed_at=day)
    for model in (Recommendation, Measure):
        _redate(model.history.filter(history_change_reason__in=reviewed), lambda row: reviewed[row.history_change_reason])


def _redate(rows, moment) -> None:
    """Give each history row `moment(row)`, a second apart per record in the order they were written, since
    simple-history's `as_of` takes the latest row per record and would return both of two rows with one date."""
    changed, rank = [], Counter()
    for row in rows.order_by("history_id"):
        when = moment(row)
        if when:
            row.history_date = when + timedelta(seconds=rank[row.id])
            rank[row.id] += 1
            changed.append(row)
    rows.model.objects.bulk_update(changed, ["history_date"], batch_size=500)


@transaction.atomic
def load_kazakhstan(*, actor, people: dict) -> dict:
    """Load the whole demo set in one transaction; returns counts for the CLI."""
    institutions = load_institutions(actor)
    recommendations = load_recommendations(actor)
    plan = load_plan(actor, institutions)
    measures = load_seed_measures(actor, plan, institutions)
    load_legal_acts(actor, measures)
    loaded = timezone.now()
    load_progress(actor, people, measures, institutions)
    load_reporting_round(coordinator=people["coordinator"], measures=measures, institutions=institutions)
    # Recommendations linked at load (not through the linking service) take their institutions from their measures.
    recommendation_derive_all(actor=actor)
    date_the_history(loaded=loaded)
    return {"recommendations": len(recommendations), "measures": Measure.objects.count(),
            "legal_acts": LegalAct.objects.count(), "progress_reports": ProgressReport.objects.count()}
