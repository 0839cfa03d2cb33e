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
their labels; themes also get each text's best theme, and every text at most one label of each group of
synonyms, as the shipped model does).

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

from rightstrack.tagging.stand_in import STAND_INS, found_issues, stand_in_truth  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--taxonomy", choices=sorted(STAND_INS), required=True)
    parser.add_argument("--embedder", default=None, help="an embedder name (default: the tagging default)")
    args = parser.parse_args()

    from rightstrack.tagging.embedders import get_embedder
    from rightstrack.tagging.evaluation import decide
    from rightstrack.tagging.label_words import ARTICLE_DESCRIPTIONS, GROUP_DESCRIPTIONS, THEME_DESCRIPTIONS
    from rightstrack.tagging.methods import ZeroShot
    from rightstrack.tagging.taxonomies import get_taxonomy, reference_rows
    from rightstrack.tagging.training import background_decision

    taxonomy, stand_in = get_taxonomy(args.taxonomy), STAND_INS[args.taxonomy]
    words = {"groups": GROUP_DESCRIPTIONS, "articles": ARTICLE_DESCRIPTIONS,
             "themes": THEME_DESCRIPTIONS}[args.taxonomy]
    labels = taxonomy.labels
    synonyms = [[labels.index(label) for label in group] for group in taxonomy.synonyms]
    assert all(label in labels for accepted in stand_in.values() for label in accepted)
    embedder = get_embedder(args.embedder)
    background = [r["text"] for r in reference_rows("kazakhstan_demo/recommendations.csv")]
    texts, truth = stand_in_truth(args.taxonomy)
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
        chosen = decide(method.scores(x, texts), np.full(len(labels), threshold), False, taxonomy.min_labels, margin,
                        synonyms)
        found = found_issues(args.taxonomy, [{labels[i] for i in np.flatnonzero(row)} for row in chosen])
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
