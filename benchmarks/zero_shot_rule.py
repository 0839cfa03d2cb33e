"""How zero-shot taggers without labelled data decide, compared on a taxonomy that has labels.

Themes, groups, treaty articles and SDG targets have no labelled data, so their zero-shot scores are turned into
labels by cut-offs calibrated on unlabelled in-domain texts. This script checks that rule on a stand-in that
does have labels: UPR Info's issues on Kazakhstan's 127 labelled cycle-1 recommendations, scored zero-shot
(centred cosines to the issue descriptions) and decided with cut-offs calibrated on the 322 demo texts without
their labels. It prints micro-F1 and labels per text for the rule in use (`background_decision`: one threshold
for all labels, and a margin to each text's best) against the per-label thresholds it replaced (each label
firing on the same share of the background), the best label alone, and each part of the rule alone.

Run: HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/zero_shot_rule.py [--embedder e5-small-q4]
The last line is one JSON object.
"""

import argparse
import json
import os

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embedder", default=None, help="an embedder name (default: the tagging default)")
    args = parser.parse_args()

    from rightstrack.tagging.embedders import get_embedder
    from rightstrack.tagging.evaluation import decide, scores_report
    from rightstrack.tagging.methods import ZeroShot
    from rightstrack.tagging.taxonomies import cycle1_recommendations, get_taxonomy, reference_rows
    from rightstrack.tagging.training import LABELS_PER_TEXT, background_decision, describe, label_matrix

    taxonomy = get_taxonomy("upr-issues")
    embedder = get_embedder(args.embedder)
    protos, owner = describe(taxonomy, embedder)
    n = len(taxonomy.labels)
    method = ZeroShot(protos, owner, n)
    background = [r["text"] for r in reference_rows("kazakhstan_demo/recommendations.csv")]
    texts = [text for text, _labels in taxonomy.training]
    truth = label_matrix(taxonomy, [labels for _text, labels in taxonomy.training])
    background_scores = method.scores(embedder.embed(background), background)
    scores = method.scores(embedder.embed(texts), texts)

    threshold, margin = background_decision(background_scores)
    share = min(1.0, LABELS_PER_TEXT / n)
    rules = {
        "per-label thresholds (replaced)": decide(scores, np.quantile(background_scores, 1 - share, axis=0), False, 0),
        "one threshold and a margin (in use)": decide(scores, np.full(n, threshold), False, 0, margin),
        "one threshold alone": decide(scores, np.full(n, threshold), False, 0),
        "margin alone": decide(scores, np.full(n, -np.inf), False, 0, margin),
        "best label alone": decide(scores, np.full(n, -np.inf), False, 0, 0.0),
    }
    print(f"upr-issues as a stand-in: {len(texts)} labelled texts ({len(cycle1_recommendations())} cycle-1 rows), "
          f"cut-offs from {len(background)} unlabelled texts, embedder {embedder.name}; "
          f"truth has {truth.sum(axis=1).mean():.2f} labels per text")
    figures = {}
    for name, predicted in rules.items():
        f1 = scores_report(truth, predicted, list(taxonomy.labels))["micro"]["f1"]
        figures[name] = {"micro_f1": round(f1, 3), "labels_per_text": round(float(predicted.sum(axis=1).mean()), 2)}
        print(f"  {name:38} micro-F1 {f1:.3f}  labels per text {figures[name]['labels_per_text']:.2f}")
    replaced, used = (figures[k]["micro_f1"] for k in ("per-label thresholds (replaced)",
                                                       "one threshold and a margin (in use)"))
    print(f"  gain of the rule in use over the per-label thresholds: {used - replaced:+.3f} micro-F1")
    print(json.dumps({"embedder": embedder.name, "texts": len(texts), "background": len(background),
                      "rules": figures, "gain_micro_f1": round(used - replaced, 3)}))


if __name__ == "__main__":
    main()
