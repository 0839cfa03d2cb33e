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
"loose" figures also count an expected text whose words are (90 %) inside an extracted one, or the reverse.
A naive baseline (split the section at item numbers, take the last parentheses as the States) runs on the same
text in the same run. `--show japan2008` also prints that report's expected texts that were not found and the
extracted ones that match none. The last line is one JSON object.
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

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
import django  # noqa: E402

django.setup()

from rightstrack.imports.pdf.languages import ENGLISH  # noqa: E402
from rightstrack.imports.pdf.report import lines_extract  # noqa: E402
from rightstrack.imports.pdf.states import country_name  # noqa: E402
from rightstrack.imports.pdf.text import pdf_pages  # noqa: E402
from rightstrack.imports.pdf.upr import Extracted, find_section  # noqa: E402

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
            states = [country_name(s) or s for s in re.split(r",\s*| and ", match.group(1))]
            found.append(Extracted("", chunk[:match.start()].strip(), states, "pending"))
    return found


def score(extracted: list[Extracted], expected: list[dict]) -> dict:
    got = [(norm(x.text), x) for x in extracted]
    want = [(norm(e["text"]), e) for e in expected]
    found = states = answered = responses = 0
    real = set()
    for text, e in want:
        names = {country_name(s) or s for s in e["states"]}
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


def show(name: str, extracted: list[Extracted], expected: list[dict]) -> None:
    """The expected texts not found and the extracted ones that match no expected text."""
    got = [norm(x.text) for x in extracted]
    want = [norm(e["text"]) for e in expected]
    for text, e in zip(want, expected):
        if not any(t == text or similar(t, text) for t in got):
            print(f"  {name} missed   {'; '.join(e['states'])}: {e['text'][:160]}")
    for t, x in zip(got, extracted):
        if not any(t == text or similar(t, text) for text in want):
            print(f"  {name} no match {x.paragraph} {'; '.join(x.recommending_states)}: {x.text[:160]}")


def ratios(c: dict) -> dict:
    pct = lambda a, b: round(100 * a / b, 1) if b else None  # noqa: E731
    return {"recall": pct(c["found"], c["expected"]), "precision": pct(c["real"], c["extracted"]),
            "states": pct(c["states_right"], c["found"]), "responses": pct(c["responses_right"], c["answered"]),
            "loose_recall": pct(c["loose_found"], c["expected"]), "loose_precision": pct(c["loose_real"], c["extracted"])}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/work/shared/data")
    parser.add_argument("--show", nargs="*", default=[], choices=list(REPORTS), metavar="REPORT",
                        help="print what was missed and what matches nothing in these reports")
    args = parser.parse_args()
    data = Path(args.data)
    expected = truth(data)
    totals = {"ours": {}, "naive": {}}
    seconds = []
    print(f"{'report':28} {'exp':>4} {'ext':>4} {'recall':>7} {'prec':>6} {'states':>7} {'resp':>6} {'secs':>5}"
          f" loose: recall prec   naive: recall prec states")
    for name in REPORTS:
        started = time.perf_counter()
        pages = pdf_pages(data / "un_reports" / f"{name}.pdf")
        ours = lines_extract(pages, name).recommendations
        seconds.append(time.perf_counter() - started)
        row = {"ours": score(ours, expected[name]), "naive": score(naive(pages), expected[name])}
        for kind, counts in row.items():
            for key, value in counts.items():
                totals[kind][key] = totals[kind].get(key, 0) + value
        if name in args.show:
            show(name, ours, expected[name])
        r, b = ratios(row["ours"]), ratios(row["naive"])
        print(f"{name:28} {row['ours']['expected']:4} {row['ours']['extracted']:4} {r['recall']:7} "
              f"{r['precision']:6} {r['states']:7} {str(r['responses']):>6} {seconds[-1]:5.2f}"
              f" {r['loose_recall']:13} {r['loose_precision']:5}   {b['recall']:13} {b['precision']:5} {b['states']:6}")
    r, b = ratios(totals["ours"]), ratios(totals["naive"])
    print(f"{'TOTAL':28} {totals['ours']['expected']:4} {totals['ours']['extracted']:4} {r['recall']:7} "
          f"{r['precision']:6} {r['states']:7} {str(r['responses']):>6} {sum(seconds):5.2f}"
          f" {r['loose_recall']:13} {r['loose_precision']:5}   {b['recall']:13} {b['precision']:5} {b['states']:6}")
    print(json.dumps({"benchmark": "extract_quality", "reports": len(REPORTS), **totals["ours"], **r,
                      "max_seconds_per_report": round(max(seconds), 3), "naive": b}))


if __name__ == "__main__":
    sys.exit(main())
