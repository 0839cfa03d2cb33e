"""An offline Russian/Kazakh -> English word list, learnt from the shipped vocabularies' parallel names.

The reference data names every UHRI theme and group, UPR Info issue and SDG goal and target in English, Russian and
Kazakh. Aligning the words of those ~900 name pairs gives a small dictionary of the words people search UN texts
with («пытки» -> torture, «әйелдер» -> women). Hybrid and full-text search use it to look for a Russian or Kazakh
query's words in the English records as well (benchmarks/search_quality.py measures it, docs/search.md).

Alignment is competitive linking (Melamed, 2000): within each name pair, the word pairs that co-occur most
consistently over all pairs (Dice coefficient) are linked one to one, greedily; a Cyrillic stem's translation is the
English word it was linked with most consistently, kept if linked at least twice with a score of at least
`MIN_SCORE`. No text leaves the machine and nothing is downloaded.
"""

import csv
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache

from rightstrack.reference import REFERENCE_DIR
from rightstrack.search.text import CYRILLIC, stem, stem_forms, words

# Tuned on half of the benchmark's Russian and Kazakh queries (0.1-0.25 gave the same there), checked on the
# other half: 0.2 beat 0.3 and 0.4 on both (docs/notes/2026-12-07-search-languages-log.md).
MIN_SCORE = 0.2
MIN_LINKS = 2
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
        pairs += [(r["name"], r[f"name_{lang}"]) for r in _rows("uhri_themes_translations.csv") for lang in ("ru", "kk")]
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


def _content_stems(text: str, function_words: frozenset[str]) -> set[str]:
    return {stem(w) for w in words(text) if not w.isdigit() and w.lower() not in function_words}


def dictionary() -> dict[str, str]:
    """Cyrillic stem -> English word (its most frequent form in the names), from the `VOCABULARIES`' name pairs."""
    return _dictionary(VOCABULARIES)


@lru_cache(maxsize=4)
def _dictionary(vocabularies: tuple[str, ...]) -> dict[str, str]:
    rows, english_count, other_count, together = [], Counter(), Counter(), Counter()
    forms: dict[str, Counter] = defaultdict(Counter)
    for english, other in name_pairs(vocabularies):
        for w in words(english):
            if not w.isdigit() and w.lower() not in ENGLISH_FUNCTION_WORDS:
                forms[stem(w)][w.lower()] += 1
        es, fs = _content_stems(english, ENGLISH_FUNCTION_WORDS), _content_stems(other, CYRILLIC_FUNCTION_WORDS)
        rows.append((fs, es))
        english_count.update(es)
        other_count.update(fs)
        together.update(itertools.product(fs, es))
    dice = {(f, e): 2 * n / (english_count[e] + other_count[f]) for (f, e), n in together.items()}
    links: Counter = Counter()
    for fs, es in rows:
        used: set[str] = set()
        for f, e in sorted(itertools.product(fs, es), key=lambda pair: (-dice[pair], pair)):
            if f not in used and e not in used:
                used.update((f, e))
                links[(f, e)] += 1
    best: dict[str, tuple[float, str]] = {}
    for (f, e), n in sorted(links.items()):
        score = 2 * n / (english_count[e] + other_count[f])
        if n >= MIN_LINKS and score >= MIN_SCORE and score > best.get(f, (0.0, ""))[0]:
            best[f] = (score, e)
    return {f: forms[e].most_common(1)[0][0] for f, (_score, e) in best.items()}


def english_word(word: str) -> str | None:
    """The English word for a Russian or Kazakh word, or None (Latin words, function words, unknown words)."""
    if not CYRILLIC.search(word) or is_function_word(word):
        return None
    known = dictionary()
    return next((known[s] for s in stem_forms(word) if s in known), None)


def is_function_word(word: str) -> bool:
    """A Russian or Kazakh word that carries no meaning of its own (и, в, және, мен...)."""
    return word.lower() in CYRILLIC_FUNCTION_WORDS


def english_words(text: str) -> list[str]:
    """The query in English, word by word: its Latin words as typed (but function words) and the English word for
    each Russian or Kazakh word the dictionary knows, each once, in order."""
    found = [w if w.isascii() and w.lower() not in ENGLISH_FUNCTION_WORDS else english_word(w)
             for w in words(text) if not w.isdigit()]
    return list(dict.fromkeys(w for w in found if w))
