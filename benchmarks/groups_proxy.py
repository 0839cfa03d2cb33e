"""How well the concerned-groups tagger finds groups, on a stand-in with labels: UPR Info issues that name a group.

The groups taxonomy (UHRI's concerned groups) has no labelled data, so its default model is zero-shot, with
cut-offs calibrated on unlabelled in-domain texts. Sixteen of UPR Info's issues name a group ("Women's rights",
"Rights of the Child", "Disabilities", "Migrants", ...), and Kazakhstan's 127 labelled cycle-1 recommendations
carry those issues: a recommendation coded "Women's rights" should get the group Women (or Women & girls, Rural
women, Girls). This script scores the shipped groups model on that stand-in, against the same model built from the
group names alone (how it was built before the descriptions were written), in the same run, with the same rule
(`background_decision` cut-offs from the 322 demo texts, without their labels).

Recall is the figure to read: UPR Info codes issues, not groups, so a recommendation on girls' schooling may be
coded "Right to education" alone, and a right "Children" then counts as a false positive here.

Run: HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/groups_proxy.py [--embedder e5-small-int8]
The last line is one JSON object.
"""

import argparse
import json
import os

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

# UPR Info issue -> the group names that count as finding it.
STAND_IN = {
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
    "Sexual Orientation and Gender Identity": {"Lesbian, gay, bisexual and transgender and intersex persons (LGBTI)"},
    "Women's rights": {"Women", "Women & girls", "Rural women", "Girls"},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embedder", default=None, help="an embedder name (default: the tagging default)")
    args = parser.parse_args()

    from rightstrack.tagging.embedders import get_embedder
    from rightstrack.tagging.evaluation import decide
    from rightstrack.tagging.methods import ZeroShot
    from rightstrack.tagging.taxonomies import get_taxonomy, reference_rows
    from rightstrack.tagging.training import background_decision

    groups, issues = get_taxonomy("groups"), get_taxonomy("upr-issues")
    assert all(name in groups.labels for names in STAND_IN.values() for name in names)
    embedder = get_embedder(args.embedder)
    background = [r["text"] for r in reference_rows("kazakhstan_demo/recommendations.csv")]
    texts = [text for text, _labels in issues.training]
    truth = np.array([[issue in labels for issue in STAND_IN] for _text, labels in issues.training])
    x_background, x = embedder.embed(background), embedder.embed(texts)

    variants = {"names alone (before)": {label: (label,) for label in groups.labels},
                "names and descriptions (shipped)": groups.descriptions}
    print(f"groups on a stand-in: {len(texts)} labelled cycle-1 recommendations, {len(STAND_IN)} issues that name "
          f"a group ({int(truth.sum())} issue tags), cut-offs from {len(background)} unlabelled texts, "
          f"embedder {embedder.name}")
    figures = {}
    for variant, descriptions in variants.items():
        prototypes = [text for label in groups.labels for text in descriptions[label]]
        owner = np.array([i for i, label in enumerate(groups.labels) for _text in descriptions[label]])
        method = ZeroShot(embedder.embed(prototypes), owner, len(groups.labels))
        threshold, margin = background_decision(method.scores(x_background, background))
        chosen = decide(method.scores(x, texts), np.full(len(groups.labels), threshold), False, 0, margin)
        found = np.array([[any(chosen[row, groups.labels.index(name)] for name in names)
                           for names in STAND_IN.values()] for row in range(len(texts))])
        hit = int((found & truth).sum())
        precision, recall = hit / max(int(found.sum()), 1), hit / max(int(truth.sum()), 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        per_issue = {issue: f"{int((found & truth)[:, i].sum())}/{int(truth[:, i].sum())}"
                     for i, issue in enumerate(STAND_IN) if truth[:, i].any()}
        figures[variant] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                            "groups_per_text": round(float(chosen.sum(axis=1).mean()), 2), "found": per_issue}
        print(f"  {variant:34} precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  "
              f"groups per text {figures[variant]['groups_per_text']:.2f}")
        print(f"    found / coded: {per_issue}")
    print(json.dumps({"embedder": embedder.name, "texts": len(texts), "issue_tags": int(truth.sum()),
                      "variants": figures}))


if __name__ == "__main__":
    main()
