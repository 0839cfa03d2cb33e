"""An offline Russian/Kazakh -> English word list, learnt from the shipped vocabularies' parallel names.

The reference data names every UHRI theme and group, UPR Info issue and SDG goal and target in English, Russian and
Kazakh. Aligning the words of those ~900 name pairs gives a small dictionary of the words people search UN texts
with («пытки» -> torture, «әйелдер» -> women). Hybrid and full-text search use it to look for a Russian or Kazakh
query's words in the English records as well (benchmarks/search_quality.py measures it, docs/search.md).

Alignment is IBM Model 1 (Brown et al., 1993), ten rounds of EM over the names' stems (function words left out, a
null word on the English side): a Cyrillic stem's translation is the English word it is aligned with in the largest
share of the names it occurs in, kept if it occurs in at least `MIN_NAMES` names and the share is `MIN_SHARE` or
more. It takes about a second, once per process. No text leaves the machine and nothing is downloaded.
"""

import csv
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache

import numpy as np

from rightstrack.reference import REFERENCE_DIR
from rightstrack.search.text import CYRILLIC, RUSSIAN_STOP_WORDS, stem, stem_forms, words

# MIN_SHARE was tuned on half of the benchmark's Russian and Kazakh queries (0.3 of 0.1-0.5 was best) and checked
# on the other half (docs/notes/2026-12-07-search-languages-log.md).
MIN_SHARE = 0.3
MIN_NAMES = 2
ITERATIONS = 10
# Words that carry no meaning of their own in a name, which would otherwise align with whatever is frequent.
ENGLISH_FUNCTION_WORDS = frozenset(
    "a an and as at by e etc for from g in including its of on or other the their to with".split())
CYRILLIC_FUNCTION_WORDS = frozenset(
    "а в во для до за и из или их к ко как на не о об от по под при с со также что "  # Russian
    "б бен да де және мен пен т та те үшін".split())  # Kazakh
# The vocabularies learnt from (benchmarks/search_quality.py also measures the list without UPR Info's names).
VOCABULARIES = ("upr_issue", "theme", "group", "sdg")


def _rows(name: str) -> Iterator[dict]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def name_pairs(vocabularies: tuple[str, ...] = VOCABULARIES) -> list[tuple[str, str]]:
    """(English name, Russian or Kazakh name) of every translated term of the shipped vocabularies named."""
    pairs: list[tuple[str, str]] = []
    if "upr_issue" in vocabularies:
        pairs += [(r["issue"], r[f"name_{lang}"]) for r in _rows("upr_info_issues_translations.csv")
                  for lang in ("ru", "kk")]
    if "theme" in vocabularies:
        pairs += [(r["name"], r[f"name_{lang}"]) for r in _rows("uhri_themes_translations.csv")
                  for lang in ("ru", "kk")]
    if "group" in vocabularies:
        pairs += [(r["name"], r[f"name_{lang}"]) for r in _rows("uhri_concerned_groups_translations.csv")
                  for lang in ("ru", "kk")]
    if "sdg" in vocabularies:
        goals = {r["goal"]: r for r in _rows("sdg_goals.csv")}
        for r in _rows("sdg_goals_translations.csv"):
            english = goals[r["goal"]]
            pairs += [pair for lang in ("ru", "kk") for pair in ((english["short_name"], r[f"short_name_{lang}"]),
                                                                 (english["text"], r[f"text_{lang}"]))]
        targets = {r["target"]: r["text"] for r in _rows("sdg_targets.csv")}
        pairs += [(targets[r["target"]], r[f"text_{lang}"]) for r in _rows("sdg_targets_translations.csv")
                  for lang in ("ru", "kk")]
    return [(english, other) for english, other in pairs if english and other]


def _content_stems(text: str, function_words: frozenset[str]) -> list[str]:
    return sorted({stem(w) for w in words(text) if not w.isdigit() and w.lower() not in function_words})


def dictionary() -> dict[str, str]:
    """Cyrillic stem -> English word (its most frequent form in the names), from the `VOCABULARIES`' name pairs."""
    return _dictionary(VOCABULARIES)


@lru_cache(maxsize=4)
def _dictionary(vocabularies: tuple[str, ...]) -> dict[str, str]:
    forms: dict[str, Counter] = defaultdict(Counter)
    links: dict[tuple[str, str | None], int] = {}  # every (Cyrillic stem, English stem or None) met in a name pair
    link, group, seen = [], [], Counter()  # for each (name pair, f, e): its link, and its (name pair, f) group
    for english, other in name_pairs(vocabularies):
        for w in words(english):
            if not w.isdigit() and w.lower() not in ENGLISH_FUNCTION_WORDS:
                forms[stem(w)][w.lower()] += 1
        es, fs = _content_stems(english, ENGLISH_FUNCTION_WORDS), _content_stems(other, CYRILLIC_FUNCTION_WORDS)
        if not (es and fs):
            continue
        seen.update(fs)
        for f in fs:
            number = group[-1] + 1 if group else 0
            for e in [*es, None]:  # None: a word with no English counterpart in the name
                link.append(links.setdefault((f, e), len(links)))
                group.append(number)
    link, group = np.array(link), np.array(group)
    english_ids: dict[str | None, int] = {}
    english_index = np.array([english_ids.setdefault(e, len(english_ids)) for _f, e in links])
    # IBM Model 1's EM: t[link (f, e)], how likely English e gives Cyrillic f; `aligned`, each link's expected count.
    t = np.ones(len(links))
    for _ in range(ITERATIONS):
        share = t[link] / np.bincount(group, weights=t[link])[group]
        aligned = np.bincount(link, weights=share, minlength=len(links))
        t = aligned / np.bincount(english_index, weights=aligned)[english_index]
    best: dict[str, tuple[float, str]] = {}
    for (f, e), n in sorted(zip(links, aligned.tolist()), key=lambda item: (item[0][0], item[0][1] or "")):
        share = n / seen[f]  # of the names with f, the share aligned with e
        if e is not None and seen[f] >= MIN_NAMES and share >= MIN_SHARE and share > best.get(f, (0.0, ""))[0]:
            best[f] = (share, e)
    return {f: forms[e].most_common(1)[0][0] for f, (_share, e) in best.items()}


def english_word(word: str) -> str | None:
    """The English word for a Russian or Kazakh word, or None (Latin words, function words, unknown words)."""
    if not CYRILLIC.search(word) or is_function_word(word):
        return None
    known = dictionary()
    return next((known[s] for s in stem_forms(word) if s in known), None)


def is_function_word(word: str) -> bool:
    """A Russian or Kazakh word that carries no meaning of its own (и, в, және, мен...), or a Russian stop word that
    PostgreSQL's `russian` configuration drops (все, между...; it checks the stem the index holds)."""
    return word.lower() in CYRILLIC_FUNCTION_WORDS or (bool(CYRILLIC.search(word)) and stem(word) in RUSSIAN_STOP_WORDS)


def english_words(text: str) -> list[str]:
    """The query in English, word by word: its Latin words as typed (but function words) and the English word for
    each Russian or Kazakh word the dictionary knows, each once, in order."""
    found = [w if w.isascii() and w.lower() not in ENGLISH_FUNCTION_WORDS else english_word(w)
             for w in words(text) if not w.isdigit()]
    return list(dict.fromkeys(w for w in found if w))
