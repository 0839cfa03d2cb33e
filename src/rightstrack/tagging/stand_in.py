"""A labelled stand-in for the taxonomies that have no labelled data: themes, concerned groups, treaty articles and
SDG targets.

Many of UPR Info's issues match a UHRI theme ("Death penalty", "Right to education"), name a concerned group
("Women's rights", "Rights of the Child", "Migrants"), the subject of a treaty article ("Death penalty" is ICCPR 6,
"Freedom of movement" ICCPR 12) or of SDG targets ("Corruption" is 16.5, "Right to water" 6.1 and 6.2), and
Kazakhstan's 127 coded cycle-1 recommendations carry those issues. A zero-shot
model that never saw those codes should find, for a recommendation coded "Women's rights", the group Women (or
Women & girls, Rural women, Girls). The shipped default models store their scores on it as their evaluation, and
`benchmarks/stand_in.py` compares them with bare-name models.
"""

import numpy as np

from .evaluation import scores_report
from .taxonomies import get_taxonomy

PROTOCOL = ("stand-in, not this taxonomy's own labels: the UPR Info issues that match a label of this taxonomy, on "
            "Kazakhstan's {n} coded cycle-1 recommendations; an issue counts as found when the model suggests one of "
            "its labels. Precision is a floor: UPR Info codes issues, so a right label on a recommendation coded "
            "under another issue counts as wrong.")

_CAT = {f"CAT {n}" for n in range(1, 17)}
_EXPRESSION = {"Freedom of opinion and expression", "Freedom of opinion & expression & right to information",
               "Freedom of opinion and expression & access to information", "Fundamental freedoms"}
# Per taxonomy: UPR Info issue -> the labels that count as finding it.
STAND_INS = {
    "groups": {
        "Asylum-seekers - refugees": {"Refugees & asylum seekers"},
        "Civil society": {"Civil society"},
        "Detention conditions": {"Persons deprived of their liberty", "Persons deprived of their liberty & detainees"},
        "Disabilities": {"Persons with disabilities"},
        "Enforced disappearances": {"Disappeared persons"},
        "Freedom of the press": {"Media"},
        "HIV - Aids": {"Persons living with HIV/AIDS"},
        "Human rights defenders": {"Human rights defenders"},
        "Indigenous peoples": {"Indigenous peoples"},
        "Internally displaced persons": {"Internally displaced persons"},
        "Migrants": {"Migrants", "Migrants & domestic workers"},
        "Minorities": {"Minorities / racial, ethnic, linguistic, religious or descent-based groups",
                       "Minorities/ racial, ethnic, linguistic, religious or descent-based groups",
                       "Roma, Gypsies, Sinti & Travellers"},
        "Poverty": {"Persons living in poverty"},
        "Rights of the Child": {"Children", "Children in street situations", "Girls", "Youth & juveniles",
                                "Children in vulnerable situations (abused, living on the street, institutionalized, "
                                "indigenous, migrant children etc.)"},
        "Sexual Orientation and Gender Identity": {
            "Lesbian, gay, bisexual and transgender and intersex persons (LGBTI)"},
        "Women's rights": {"Women", "Women & girls", "Rural women", "Girls"},
    },
    "articles": {
        "Asylum-seekers - refugees": {"ICCPR 13", "CAT 3"},
        "Death penalty": {"ICCPR 6"},
        "Detention conditions": {"ICCPR 10", "CAT 16"},
        "Elections": {"ICCPR 25"},
        "Enforced disappearances": {"ICCPR 6", "ICCPR 7", "ICCPR 9", "ICCPR 16"},
        "Extrajudicial executions": {"ICCPR 6"},
        "Freedom of association and peaceful assembly": {"ICCPR 21", "ICCPR 22"},
        "Freedom of movement": {"ICCPR 12"},
        "Freedom of opinion and expression": {"ICCPR 19"},
        "Freedom of religion and belief": {"ICCPR 18"},
        "Freedom of the press": {"ICCPR 19"},
        "Justice": {"ICCPR 14"},
        "Minorities": {"ICCPR 27"},
        "Racial discrimination": {"ICCPR 2", "ICCPR 26"},
        "Rights of the Child": {"ICCPR 24"},
        "Sexual Orientation and Gender Identity": {"ICCPR 17", "ICCPR 26"},
        "Torture and other CID treatment": {"ICCPR 7"} | _CAT,
        "Trafficking": {"ICCPR 8"},
        "Women's rights": {"ICCPR 3"},
    },
    # Written from the target texts: an issue's targets are those whose text names its subject. Issues about the
    # human-rights system itself (treaties, treaty bodies, the UPR, special procedures) have no target.
    "sdg-targets": {
        "Asylum-seekers - refugees": {"10.7"},
        "Civil society": {"16.7", "17.17"},
        "Corruption": {"16.5"},
        "Counter-terrorism": {"16.a"},
        "Detention conditions": {"16.3"},
        "Development": {"1.a", "1.b", "10.b", "17.2", "17.9", "17.14", "17.15"},
        "Disabilities": {"4.5", "4.a", "8.5", "10.2", "11.2", "11.7"},
        "Elections": {"16.7"},
        "Enforced disappearances": {"16.1", "16.3", "16.10"},
        "Environment": {"3.9", "6.3", "11.6", "12.4", "13.1", "13.2", "13.3", "15.1", "15.5"},
        "Extrajudicial executions": {"16.1"},
        "Freedom of association and peaceful assembly": {"8.8", "16.7", "16.10"},
        "Freedom of opinion and expression": {"16.10"},
        "Freedom of religion and belief": {"16.10", "16.b"},
        "Freedom of the press": {"16.10"},
        "HIV - Aids": {"3.3", "3.7", "3.8"},
        "Human rights defenders": {"16.10"},
        "Human rights education and training": {"4.7"},
        "Impunity": {"16.3", "16.6"},
        "Indigenous peoples": {"2.3", "4.5"},
        "Justice": {"16.3", "16.6"},
        "Labour": {"8.5", "8.6", "8.7", "8.8"},
        "Migrants": {"8.8", "10.7", "10.c"},
        "Minorities": {"10.2", "10.3", "16.b"},
        "NHRI": {"16.6", "16.a"},
        "Poverty": {"1.1", "1.2", "1.3", "1.4", "1.5", "10.1", "10.4"},
        "Racial discrimination": {"10.2", "10.3", "16.b"},
        "Right to education": {"4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.a", "4.c"},
        "Right to food": {"2.1", "2.2"},
        "Right to health": {"3.1", "3.2", "3.3", "3.4", "3.5", "3.7", "3.8", "3.c"},
        "Right to housing": {"11.1"},
        "Right to land": {"1.4", "2.3", "5.a"},
        "Right to water": {"6.1", "6.2"},
        "Rights of the Child": {"3.2", "4.1", "4.2", "5.3", "8.7", "16.2", "16.9"},
        "Sexual Orientation and Gender Identity": {"10.2", "10.3", "16.b"},
        "Technical assistance": {"16.a", "17.9"},
        "Torture and other CID treatment": {"16.1", "16.2", "16.3"},
        "Trafficking": {"5.2", "8.7", "16.2"},
        "Women's rights": {"5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "5.a", "5.b", "5.c"},
    },
    "themes": {
        "Asylum-seekers - refugees": {"Refugees & asylum seekers"},
        "Civil society": {"Context, statistics, budget, civil society", "Cooperation & consultation with civil society",
                          "Cooperation and meaningful consultation with civil society & participation"},
        "Corruption": {"Good governance & corruption"},
        "Counter-terrorism": {"Human rights & counter-terrorism"},
        "Death penalty": {"Death penalty", "Right to life"},
        "Detention conditions": {"Conditions of detention"},
        "Development": {"Right to development", "2030 Agenda & other voluntary commitments"},
        "Disabilities": {
            "Persons with disabilities", "Persons with disabilities: definition, general principles",
            "Persons with disabilities: accessibility, mobility",
            "Persons with disabilities: protecting the integrity of the person",
            "Persons with disabilities: independence, inclusion",
            "Persons with disabilities: protection against exploitation, violence & abuse",
            "Persons with disabilities: protection and safety in situations of risk"},
        "Elections": {"Right to participation in public affairs and right to vote",
                      "Right to participate in public affairs & right to vote"},
        "Enforced disappearances": {"Enforced disappearances"},
        "Environment": {"Human rights and environmental issues", "Human rights & the environment",
                        "Human rights & climate change"},
        "Extrajudicial executions": {"Extrajudicial, summary or arbitrary executions", "Right to life"},
        "Freedom of association and peaceful assembly": {"Freedom of association", "Right to peaceful assembly",
                                                         "Fundamental freedoms", "Trade union rights"},
        "Freedom of movement": {"Freedom of movement"},
        "Freedom of opinion and expression": _EXPRESSION,
        "Freedom of religion and belief": {"Freedom of thought, conscience and religion",
                                           "Freedom of thought, conscience & religion", "Fundamental freedoms"},
        "Freedom of the press": _EXPRESSION,
        "HIV - Aids": {"Right to health", "Right to health - General", "Sexual & reproductive health and rights",
                       "Access to sexual & reproductive health & services"},
        "Human rights defenders": {"Human rights defenders"},
        "Human rights education and training": {
            "Human rights education, trainings and awareness raising", "Human rights education - general",
            "Awareness raising and dissemination", "Human rights education, trainings & awareness raising"},
        "Impunity": {"Impunity & transparency", "Rule of law & impunity"},
        "Indigenous peoples": {"Indigenous peoples"},
        "Internally displaced persons": {"Internally displaced persons"},
        "International humanitarian law": {
            "International criminal and humanitarian law", "International humanitarian law",
            "International criminal & humanitarian law (including crimes against humanity, war crimes, genocide)"},
        "International instruments": {"Scope of international obligations", "Acceptance of international norms",
                                      "Ratification of & accession to international instruments"},
        "Justice": {"Administration of justice", "Administration of justice & fair trial",
                    "Access to justice & remedy"},
        "Labour": {"Labour rights", "Right to work", "Right to just and favourable conditions of work",
                   "Trade union rights", "Labour rights and right to work",
                   "Right to work and to just & favorable conditions of work & labour rights"},
        "Migrants": {"Migrants"},
        "Minorities": {"Members of minorities"},
        "National plan of action": {
            "Human rights policies", "National Human Rights Action Plans (or specific areas) / implementation plans",
            "National Plans of Action on Human Rights (or specific areas)"},
        "NHRI": {"National Human Rights Institution (NHRI)"},
        "Poverty": {"Human rights & poverty", "Right to an adequate standard of living",
                    "Right to an adequate standard of living - general"},
        "Racial discrimination": {"Racial discrimination", "Equality and non-discrimination",
                                  "Equality & non-discrimination"},
        "Right to education": {"Right to education", "Right to education - General"},
        "Right to food": {"Right to food"},
        "Right to health": {"Right to health", "Right to health - General"},
        "Right to housing": {"Right to adequate housing"},
        "Right to land": {"Land & property rights", "Rights to protection of property; financial credit"},
        "Right to water": {"Human Rights & drinking water and sanitation", "Human Rights & drinking water & sanitation",
                           "Safe drinking water & sanitation"},
        "Rights of the Child": {
            "Children", "Children: definition; general principles; protection",
            "Children: family environment and alternative care", "Children: protection against exploitation",
            "Children: Juvenile justice", "Children: family environment & alternative care",
            "Children: juvenile justice"},
        "Sexual Orientation and Gender Identity": {
            "Lesbian, gay, bisexual and transgender and intersex persons (LGBTI)"},
        "Special procedures": {"Cooperation with special procedures",
                               "Cooperation with human rights mechanisms and institutions",
                               "Cooperation with human rights mechanisms & requests for technical assistance"},
        "Technical assistance": {"Cooperation with human rights mechanisms & requests for technical assistance",
                                 "Inter-State cooperation & development assistance",
                                 "Inter-State cooperation & development or humanitarian assistance"},
        "Torture and other CID treatment": {
            "Prohibition of torture and cruel, inhuman or degrading treatment",
            "Prohibition of torture & cruel, inhuman or degrading treatment",
            "Prohibition of torture & ill-treatment (including cruel, inhuman or degrading treatment)",
            "Right to physical and moral integrity", "Right to physical & moral integrity"},
        "Trafficking": {"Prohibition of slavery, trafficking", "Human trafficking & contemporary forms of slavery"},
        "Treaty bodies": {"Cooperation with treaty bodies", "Cooperation & Follow up with Treaty Bodies"},
        "UPR process": {"Follow-up to Universal Periodic Review (UPR)"},
        "Women's rights": {
            "Women", "Discrimination against women", "Violence against women", "Advancement of women",
            "Participation of women in political & public life", "Domestic violence", "Sexual & gender-based violence",
            "Sexual & other forms of gender-based violence"},
    },
}


def stand_in_report(model) -> dict | None:
    """A themes, groups, articles or SDG-targets model's scores on the stand-in (per issue, micro and macro, as
    `scores_report` gives them, with the labels it suggests per text, marked `"stand_in": True` for the pages that
    show them), or None for the other taxonomies."""
    issues = STAND_INS.get(model.taxonomy)
    if issues is None:
        return None
    coded = get_taxonomy("upr-issues").training
    truth = np.array([[issue in labels for issue in issues] for _text, labels in coded])
    chosen = [{s.label for s in suggestions if s.above_threshold}
              for suggestions in model.predict([text for text, _labels in coded])]
    found = np.array([[bool(accepted & labels) for accepted in issues.values()] for labels in chosen])
    return {**scores_report(truth, found, list(issues)), "stand_in": True,
            "labels_per_text": float(np.mean([len(labels) for labels in chosen]))}
