"""How the zero-shot taggers without labelled data find themes, groups, treaty articles and SDG targets, on a
labelled stand-in.

UHRI's themes and concerned groups, the ICCPR and CAT articles and the SDG targets have no labelled data, so their
default models are zero-shot, with cut-offs calibrated on unlabelled in-domain texts. Many of UPR Info's issues
match a theme ("Death penalty", "Right to education"), name a group ("Women's rights", "Rights of the Child",
"Migrants", ...) or the subject of an article or target ("Death penalty" is ICCPR 6, "Freedom of movement" ICCPR 12,
"Corruption" SDG target 16.5), and Kazakhstan's 127 labelled cycle-1 recommendations carry those issues: a
recommendation coded "Women's rights" should get the group Women (or Women & girls, Rural women, Girls), and one
coded "Death penalty" the theme Death penalty (or Right to life) and the article ICCPR 6. This script scores the
shipped model on that stand-in, against the same model built from the bare names, article titles or target texts
(how it was built before the descriptions in recommendation words were written), in the same run, with the same rule
(`background_decision` cut-offs from the 322 demo texts, without their labels; themes also get each text's best
theme, and every text at most one label of each group of synonyms, as the shipped model does).

Recall is the figure to read: UPR Info codes issues, not groups or articles, so a recommendation on girls'
schooling may be coded "Right to education" alone, and a right "Children" then counts as a false positive here.

Run: HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/stand_in.py --taxonomy {themes,groups,articles,sdg-targets}
    [--embedder NAME]
The last line is one JSON object.
"""

import argparse
import dataclasses
import json
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from rightstrack.tagging.stand_in import STAND_INS  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--taxonomy", choices=sorted(STAND_INS), required=True)
    parser.add_argument("--embedder", default=None, help="an embedder name (default: the tagging default)")
    args = parser.parse_args()

    from rightstrack.tagging.embedders import get_embedder
    from rightstrack.tagging.stand_in import stand_in_report
    from rightstrack.tagging.taxonomies import get_taxonomy, label_words, reference_rows
    from rightstrack.tagging.training import zero_shot

    taxonomy = get_taxonomy(args.taxonomy)
    words = label_words()[{"groups": "groups", "articles": "articles", "themes": "themes",
                           "sdg-targets": "targets"}[args.taxonomy]]
    embedder = get_embedder(args.embedder)
    background = [r["text"] for r in reference_rows("kazakhstan_demo/recommendations.csv")]
    # Before: each label's description without the words appended to it (the bare name, article title or target text).
    bare = {label: tuple(d.removesuffix(f": {words[label]}") if label in words else d for d in descriptions)
            for label, descriptions in taxonomy.descriptions.items()}
    variants = {"bare names (before)": dataclasses.replace(taxonomy, descriptions=bare),
                "with descriptions (shipped)": taxonomy}
    print(f"{args.taxonomy} on a stand-in: {len(STAND_INS[args.taxonomy])} UPR Info issues, cut-offs from "
          f"{len(background)} unlabelled texts, embedder {embedder.name}")
    figures = {}
    for variant, described in variants.items():
        # The shipped models' own path: zero-shot, cut-offs from the background, then the stand-in's scores.
        report = stand_in_report(zero_shot(described, background, embedder_name=embedder.name))
        micro = report["micro"]
        found = {issue: f"{round(s['recall'] * s['support'])}/{s['support']}"
                 for issue, s in report["per_label"].items() if s["support"]}
        figures[variant] = {"precision": round(micro["precision"], 3), "recall": round(micro["recall"], 3),
                            "f1": round(micro["f1"], 3), "labels_per_text": round(report["labels_per_text"], 2),
                            "found": found}
        print(f"  {variant:28} precision {micro['precision']:.3f}  recall {micro['recall']:.3f}  "
              f"F1 {micro['f1']:.3f}  labels per text {report['labels_per_text']:.2f}")
        print(f"    found / coded: {found}")
    print(json.dumps({"taxonomy": args.taxonomy, "embedder": embedder.name, "texts": report["n_texts"],
                      "variants": figures}))


if __name__ == "__main__":
    main()
