"""How the zero-shot taggers without labelled data find themes, groups and treaty articles, on a labelled stand-in.

UHRI's themes and concerned groups and the ICCPR and CAT articles have no labelled data, so their default models
are zero-shot, with cut-offs calibrated on unlabelled in-domain texts. Many of UPR Info's issues match a theme
("Death penalty", "Right to education"), name a group ("Women's rights", "Rights of the Child", "Migrants", ...) or
the subject of an article ("Death penalty" is ICCPR 6, "Freedom of movement" ICCPR 12), and Kazakhstan's 127
labelled cycle-1 recommendations carry those issues: a recommendation coded "Women's rights" should get the group
Women (or Women & girls, Rural women, Girls), and one coded "Death penalty" the theme Death penalty (or Right to
life) and the article ICCPR 6. This script scores the shipped model on that stand-in, against the same model built
from the bare names or article titles (how it was built before the descriptions in recommendation words were
written), in the same run, with the same rule (`background_decision` cut-offs from the 322 demo texts, without
their labels; themes also get each text's best theme, as the shipped model does).

Recall is the figure to read: UPR Info codes issues, not groups or articles, so a recommendation on girls'
schooling may be coded "Right to education" alone, and a right "Children" then counts as a false positive here.

Run: HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/stand_in.py --taxonomy {themes,groups,articles} [--embedder NAME]
The last line is one JSON object.
"""

import argparse
import json
import os

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--taxonomy", choices=sorted(STAND_INS), required=True)
    parser.add_argument("--embedder", default=None, help="an embedder name (default: the tagging default)")
    args = parser.parse_args()

    from rightstrack.tagging.embedders import get_embedder
    from rightstrack.tagging.evaluation import decide
    from rightstrack.tagging.label_words import (
        ARTICLE_DESCRIPTIONS,
        GROUP_DESCRIPTIONS,
        THEME_DESCRIPTIONS,
    )
    from rightstrack.tagging.methods import ZeroShot
    from rightstrack.tagging.taxonomies import get_taxonomy, reference_rows
    from rightstrack.tagging.training import background_decision

    taxonomy, issues, stand_in = get_taxonomy(args.taxonomy), get_taxonomy("upr-issues"), STAND_INS[args.taxonomy]
    words = {"groups": GROUP_DESCRIPTIONS, "articles": ARTICLE_DESCRIPTIONS,
             "themes": THEME_DESCRIPTIONS}[args.taxonomy]
    labels = taxonomy.labels
    assert all(label in labels for accepted in stand_in.values() for label in accepted)
    embedder = get_embedder(args.embedder)
    background = [r["text"] for r in reference_rows("kazakhstan_demo/recommendations.csv")]
    texts = [text for text, _labels in issues.training]
    truth = np.array([[issue in coded for issue in stand_in] for _text, coded in issues.training])
    x_background, x = embedder.embed(background), embedder.embed(texts)

    # Before: each label's description without the words appended to it (the bare name or article title).
    variants = {"bare names (before)": {label: tuple(d.removesuffix(f": {words[label]}")
                                                     for d in taxonomy.descriptions[label]) for label in labels},
                "with descriptions (shipped)": taxonomy.descriptions}
    print(f"{args.taxonomy} on a stand-in: {len(texts)} labelled cycle-1 recommendations, {len(stand_in)} UPR Info "
          f"issues ({int(truth.sum())} issue tags), cut-offs from {len(background)} unlabelled texts, "
          f"embedder {embedder.name}")
    figures = {}
    for variant, descriptions in variants.items():
        prototypes = [text for label in labels for text in descriptions[label]]
        owner = np.array([i for i, label in enumerate(labels) for _text in descriptions[label]])
        method = ZeroShot(embedder.embed(prototypes), owner, len(labels))
        threshold, margin = background_decision(method.scores(x_background, background))
        chosen = decide(method.scores(x, texts), np.full(len(labels), threshold), False, taxonomy.min_labels, margin)
        found = np.array([[any(chosen[row, labels.index(label)] for label in accepted)
                           for accepted in stand_in.values()] for row in range(len(texts))])
        hit = int((found & truth).sum())
        precision, recall = hit / max(int(found.sum()), 1), hit / max(int(truth.sum()), 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        per_issue = {issue: f"{int((found & truth)[:, i].sum())}/{int(truth[:, i].sum())}"
                     for i, issue in enumerate(stand_in) if truth[:, i].any()}
        figures[variant] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                            "labels_per_text": round(float(chosen.sum(axis=1).mean()), 2), "found": per_issue}
        print(f"  {variant:28} precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  "
              f"labels per text {figures[variant]['labels_per_text']:.2f}")
        print(f"    found / coded: {per_issue}")
    print(json.dumps({"taxonomy": args.taxonomy, "embedder": embedder.name, "texts": len(texts),
                      "issue_tags": int(truth.sum()), "variants": figures}))


if __name__ == "__main__":
    main()
