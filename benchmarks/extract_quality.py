"""Quality and speed of `rightstrack extract` on the 21 UPR Working Group reports, against the ground truth.

    PYTHONPATH=src .venv/bin/python benchmarks/extract_quality.py [--data /work/shared/data] [--show REPORT ...]

Ground truth: UPR Info's coding of the same State and session (`upr_info/upr_info_sessions_1_19.csv`), and for
Kazakhstan 2010 the exact texts of `kazakhstan_demo/recommendations.csv`. Texts are compared lower-cased, with
punctuation removed; a match is a similarity (difflib ratio) of at least 0.9.
- recall: expected recommendations with a match among the extracted ones;
- precision: extracted recommendations with a match among the expected ones;
- States: found ones whose expected recommending State is among the extracted States;
- responses: found ones with a response in the report (not "will be examined"), the same as the expected.
Where UPR Info split one printed recommendation in two, or printed two as one, no text matches at 0.9: the
"loose" figures (in the JSON line) also count an expected text whose words are (90 %) inside an extracted one,
or the reverse.
Each miss and each false extraction is given a cause (`classify`): the ground truth's ("reworded": UPR Info's text
is not printed in the report; "split"/"merged": UPR Info cut one printed recommendation in parts, or joined two;
"absent": UPR Info lists nothing like it for its States) or "ours". The "gt" columns count the ground truth's;
"own" recall and precision leave them out: the extractor's own error rate.
A naive baseline (split the section at item numbers, take the last parentheses as the States) runs on the same
text in the same run. `--show japan2008` (or `--show all`) also prints that report's misses and false
extractions, each with its cause. The last line is one JSON object.
"""

import argparse
import csv
import difflib
import json
import os
import re
import sys
import time
from pathlib import Path

# The extractor reads the settings (its messages' translation) but needs no app and no database: no django.setup().
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")

from rightstrack.imports.pdf.clean import join_lines, page_lines, repair_split_words, vocabulary  # noqa: E402
from rightstrack.imports.pdf.languages import ENGLISH  # noqa: E402
from rightstrack.imports.pdf.report import lines_extract  # noqa: E402
from rightstrack.imports.pdf.text import pdf_pages  # noqa: E402
from rightstrack.imports.pdf.upr import Extracted, find_section  # noqa: E402
from rightstrack.recommendations.state_names import listed_state_name  # noqa: E402

REPORTS = {  # file -> (State under review as UPR Info names it, UPR session)
    "japan2008": ("Japan", 2), "tunisia2008": ("Tunisia", 1), "netherlands2008": ("Netherlands", 1),
    "monaco2009": ("Monaco", 5), "mexico2009": ("Mexico", 4), "nigeria2009": ("Nigeria", 4),
    "turkey2010": ("Turkey", 8), "kiribati2010": ("Kiribati", 8), "costarica2010": ("Costa Rica", 6),
    "latvia2011": ("Latvia", 11), "suriname2011": ("Suriname", 11), "somalia2011": ("Somalia", 11),
    "republicofkorea2012": ("Republic of Korea", 14), "poland2012": ("Poland", 13), "ukraine2012": ("Ukraine", 14),
    "centralafricanrepublic2013": ("Central African Republic", 17), "burkinafaso2013": ("Burkina Faso", 16),
    "monaco2013": ("Monaco", 17), "cyprus2014": ("Cyprus", 18), "cambodia2014": ("Cambodia", 18),
    "kazakhstan2010": ("Kazakhstan", 7),
}
RESPONSES = {"accepted": "supported", "supported": "supported", "noted": "noted"}


def norm(text: str) -> str:
    text = text.replace("\u2019", "'").casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def similarity(a: str, b: str) -> float:
    """difflib's ratio, or 0 when the cheap upper bounds already say it is below 0.9."""
    if min(len(a), len(b)) < 0.8 * max(len(a), len(b)):
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.9 or matcher.quick_ratio() < 0.9:
        return 0.0
    return matcher.ratio()


def similar(a: str, b: str) -> bool:
    return similarity(a, b) >= 0.9


def contained(a: str, b: str) -> bool:
    """At least 90 % of the words of `a` (four or more) occur in `b`."""
    words = set(a.split())
    return len(words) >= 4 and len(words & set(b.split())) >= 0.9 * len(words)


def truth(data: Path) -> dict[str, list[dict]]:
    wanted = {(state, str(session)): name for name, (state, session) in REPORTS.items()}
    found = {name: [] for name in REPORTS}
    with open(data / "upr_info/upr_info_sessions_1_19.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if name := wanted.get((row["state_under_review"], row["session"])):
                found[name].append({"text": row["text"], "states": [row["recommending_state"]],
                                    "response": row["response"]})
    with open(data / "kazakhstan_demo/recommendations.csv", encoding="utf-8", newline="") as handle:
        found["kazakhstan2010"] = [{"text": r["text"], "states": r["recommending_state"].split("; "),
                                    "response": r["response"]} for r in csv.DictReader(handle) if r["cycle"] == "1"]
    return found


def naive(pages: list[str]) -> list[Extracted]:
    """Split the section at item numbers; the last parentheses are the States."""
    text = "\n".join(pages).replace("\r", "")
    start = find_section(text.split("\n"), ENGLISH)
    body = "\n".join(text.split("\n")[start or 0:])
    found = []
    for chunk in re.split(r"\n\s*\d+\.(?:\d+\.?)?\s", body)[1:]:
        chunk = " ".join(chunk.split())
        if match := re.search(r"\(([^()]*)\)\W*$", chunk):
            states = [listed_state_name(s) or s for s in re.split(r",\s*| and ", match.group(1))]
            found.append(Extracted("", chunk[:match.start()].strip(), states, "pending"))
    return found


def trigrams(text: str) -> set:
    words = text.split()
    return set(zip(words, words[1:], words[2:]))


def in_report(text: str, report: set) -> bool:
    """Whether the report prints the (normalised) text: 80 % of its word trigrams occur in the report."""
    grams = trigrams(text)
    return not grams or len(grams & report) >= 0.8 * len(grams)


def overlap(a: str, b: str) -> float:
    """The share of the words of `a` that occur in `b`."""
    words = set(a.split())
    return len(words & set(b.split())) / len(words) if words else 0.0


def classify(extracted: list[Extracted], expected: list[dict], report: set) -> tuple[list, list]:
    """Each miss and each false extraction with its cause: the ground truth's, or "ours".

    A miss is the ground truth's when UPR Info's text is not printed in the report ("reworded": abbreviations,
    pronouns resolved, the addendum's wording), when it is part of one extracted recommendation of the same
    State ("split": UPR Info cut one printed recommendation in parts), or when it holds two or more extracted
    ones ("merged"). A false extraction is the ground truth's when it holds an expected text of its States
    ("split") or lies inside one ("merged"), when the closest expected text of its States is not printed in the
    report ("reworded"), or when UPR Info has nothing like it for its States ("absent": fewer than half of its
    words in any of their expected texts). Everything else is "ours"."""
    got = [(norm(x.text), x) for x in extracted]
    want = [(norm(e["text"]), {listed_state_name(s) or s for s in e["states"]}, e) for e in expected]
    found = {i for i, (t, _x) in enumerate(got) if any(t == w or similar(t, w) for w, _s, _e in want)}
    misses = []
    for text, names, e in want:
        if any(t == text or similar(t, text) for t, _x in got):
            continue
        if not in_report(text, report):
            cause = "reworded"
        elif any(names & set(x.recommending_states) and contained(text, t) for t, x in got):
            cause = "split"
        elif sum(contained(t, text) for t, _x in got) >= 2:
            cause = "merged"
        else:
            cause = "ours"
        misses.append((cause, e))
    false = []
    for i, (t, x) in enumerate(got):
        if i in found:
            continue
        own = [(w, e) for w, names, e in want if names & set(x.recommending_states)]
        closest = max(own, key=lambda pair: overlap(t, pair[0]), default=None)
        if any(contained(w, t) for w, _e in own):
            cause = "split"
        elif any(contained(t, w) for w, _e in own):
            cause = "merged"
        elif closest is None or overlap(t, closest[0]) < 0.5:
            cause = "absent"
        elif not in_report(closest[0], report):
            cause = "reworded"
        else:
            cause = "ours"
        false.append((cause, x))
    return misses, false


def score(extracted: list[Extracted], expected: list[dict]) -> dict:
    got = [(norm(x.text), x) for x in extracted]
    want = [(norm(e["text"]), e) for e in expected]
    found = states = answered = responses = 0
    real = set()
    for text, e in want:
        names = {listed_state_name(s) or s for s in e["states"]}
        # The closest extracted text; among equally close ones (the report repeats a text for each State), the
        # one with the expected States.
        best, index = max(((1.0 if t == text else similarity(t, text), names <= set(x.recommending_states), i)
                           for i, (t, x) in enumerate(got)), default=(0.0, False, 0))[::2]
        if best < 0.9:
            continue
        real.add(index)
        found += 1
        x = got[index][1]
        states += names <= set(x.recommending_states)
        if x.response != "pending":
            answered += 1
            responses += RESPONSES.get(e["response"].casefold()) == x.response
    for i, (t, _x) in enumerate(got):
        if i not in real and any(similar(t, text) for text, _e in want):
            real.add(i)
    loose_found = sum(1 for text, _e in want if any(t == text or contained(text, t) for t, _x in got))
    loose_real = sum(1 for t, _x in got if any(t == text or contained(text, t) or contained(t, text)
                                                for text, _e in want))
    return {"expected": len(want), "extracted": len(got), "found": found, "real": len(real),
            "loose_found": loose_found, "loose_real": loose_real,
            "states_right": states, "answered": answered, "responses_right": responses}


def show(name: str, misses: list, false: list) -> None:
    """The expected texts not found and the extracted ones that match no expected text, each with its cause."""
    for cause, e in misses:
        print(f"  {name} missed   [{cause}] {'; '.join(e['states'])}: {e['text'][:160]}")
    for cause, x in false:
        print(f"  {name} no match [{cause}] {x.paragraph} {'; '.join(x.recommending_states)}: {x.text[:160]}")


def ratios(c: dict) -> dict:
    pct = lambda a, b: round(100 * a / b, 1) if b else None  # noqa: E731
    return {"recall": pct(c["found"], c["expected"]), "precision": pct(c["real"], c["extracted"]),
            "states": pct(c["states_right"], c["found"]), "responses": pct(c["responses_right"], c["answered"]),
            "loose_recall": pct(c["loose_found"], c["expected"]),
            "loose_precision": pct(c["loose_real"], c["extracted"]),
            # Without the misses and false extractions that are the ground truth's (`classify`): our own error rate.
            "own_recall": pct(c["found"], c["expected"] - c["missed_gt"]),
            "own_precision": pct(c["real"], c["extracted"] - c["false_gt"])}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/work/shared/data")
    parser.add_argument("--show", nargs="*", default=[], choices=[*REPORTS, "all"], metavar="REPORT",
                        help="print what was missed and what matches nothing in these reports")
    args = parser.parse_args()
    data = Path(args.data)
    expected = truth(data)
    totals = {"ours": {}, "naive": {}}
    seconds = []
    print(f"{'report':28} {'exp':>4} {'ext':>4} {'recall':>7} {'prec':>6} {'states':>7} {'resp':>6} {'secs':>5}"
          f"  gt: miss false  own: recall prec   naive: recall prec states")
    causes = {"missed": {}, "false": {}}
    for name in REPORTS:
        started = time.perf_counter()
        pages = pdf_pages(data / "un_reports" / f"{name}.pdf")
        ours = lines_extract(pages, name).recommendations
        seconds.append(time.perf_counter() - started)
        report = trigrams(norm(repair_split_words(join_lines(page_lines(pages)), vocabulary("\n".join(pages)))))
        misses, false = classify(ours, expected[name], report)
        for kind, listed in (("missed", misses), ("false", false)):
            for cause, _item in listed:
                causes[kind][cause] = causes[kind].get(cause, 0) + 1
        row = {"ours": {**score(ours, expected[name]), "missed_gt": sum(c != "ours" for c, _e in misses),
                        "false_gt": sum(c != "ours" for c, _x in false)},
               "naive": {**score(naive(pages), expected[name]), "missed_gt": 0, "false_gt": 0}}
        for kind, counts in row.items():
            for key, value in counts.items():
                totals[kind][key] = totals[kind].get(key, 0) + value
        if name in args.show or "all" in args.show:
            show(name, misses, false)
        print(line(name, row["ours"], ratios(row["ours"]), ratios(row["naive"]), seconds[-1]))
    r, b = ratios(totals["ours"]), ratios(totals["naive"])
    print(line("TOTAL", totals["ours"], r, b, sum(seconds)))
    print("causes (the ground truth's: reworded, split, merged, absent):", json.dumps(causes))
    print(json.dumps({"benchmark": "extract_quality", "reports": len(REPORTS), **totals["ours"], **r,
                      "causes": causes, "max_seconds_per_report": round(max(seconds), 3), "naive": b}))


def line(name: str, counts: dict, r: dict, b: dict, seconds: float) -> str:
    return (f"{name:28} {counts['expected']:4} {counts['extracted']:4} {r['recall']:7} {r['precision']:6} "
            f"{r['states']:7} {str(r['responses']):>6} {seconds:5.2f} {counts['missed_gt']:8} {counts['false_gt']:5}"
            f" {r['own_recall']:12} {r['own_precision']:5}   {b['recall']:13} {b['precision']:5} {b['states']:6}")


if __name__ == "__main__":
    sys.exit(main())
