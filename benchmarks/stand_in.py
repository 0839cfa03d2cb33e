"""How the zero-shot taggers without labelled data find groups and treaty articles, on a stand-in with labels.

The groups taxonomy (UHRI's concerned groups) and the articles taxonomy (ICCPR and CAT) have no labelled data, so
their default models are zero-shot, with cut-offs calibrated on unlabelled in-domain texts. Many of UPR Info's
issues name a group ("Women's rights", "Rights of the Child", "Migrants", ...) or the subject of an article ("Death
penalty" is ICCPR 6, "Freedom of movement" ICCPR 12), and Kazakhstan's 127 labelled cycle-1 recommendations carry
those issues: a recommendation coded "Women's rights" should get the group Women (or Women & girls, Rural women,
Girls), and one coded "Death penalty" the article ICCPR 6. This script scores the shipped model on that stand-in,
against the same model built from the bare names or article titles (how it was built before the descriptions in
recommendation words were written), in the same run, with the same rule (`background_decision` cut-offs from the
322 demo texts, without their labels).

Recall is the figure to read: UPR Info codes issues, not groups or articles, so a recommendation on girls'
schooling may be coded "Right to education" alone, and a right "Children" then counts as a false positive here.

Run: HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/stand_in.py --taxonomy {groups,articles} [--embedder NAME]
The last line is one JSON object.
"""

import argparse
import json
import os

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

_CAT = {f"CAT {n}" for n in range(1, 17)}
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
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--taxonomy", choices=sorted(STAND_INS), required=True)
    parser.add_argument("--embedder", default=None, help="an embedder name (default: the tagging default)")
    args = parser.parse_args()

    from rightstrack.tagging.embedders import get_embedder
    from rightstrack.tagging.evaluation import decide
    from rightstrack.tagging.methods import ZeroShot
    from rightstrack.tagging.taxonomies import (
        ARTICLE_DESCRIPTIONS,
        GROUP_DESCRIPTIONS,
        get_taxonomy,
        reference_rows,
    )
    from rightstrack.tagging.training import background_decision

    taxonomy, issues, stand_in = get_taxonomy(args.taxonomy), get_taxonomy("upr-issues"), STAND_INS[args.taxonomy]
    words = {"groups": GROUP_DESCRIPTIONS, "articles": ARTICLE_DESCRIPTIONS}[args.taxonomy]
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
        chosen = decide(method.scores(x, texts), np.full(len(labels), threshold), False, 0, margin)
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
