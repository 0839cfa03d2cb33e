"""Text normalisation shared by both full-text indexes and their queries: words, lower case, stems.

Every word is stemmed here, in Python, for both databases: English Snowball for Latin words, Russian Snowball for
Cyrillic ones (with the fleeting vowel of `-ок`/`-ек` dropped, so «пыток» meets «пытки»), and a light suffix
stripper for Kazakh (no Kazakh stemmer is packaged). SQLite's FTS5 table stores these stems; PostgreSQL stores
them as the document body and builds its tsvector with the `russian` configuration, which stems the stems again
(Russian Snowball for Cyrillic, English for Latin) and drops stop words, the same way on both sides of a match.
"""

import re
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Letters Kazakh writes and Russian does not.
KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
# Snowball's Russian stop words, the list PostgreSQL's `russian` configuration drops from documents and queries (its
# tsearch_data/russian.stop). Search leaves them out of FTS5 queries too, so both databases run the same query.
RUSSIAN_STOP_WORDS = frozenset(
    "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня "
    "еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь "
    "там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз "
    "тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее "
    "сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про "
    "всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им "
    "более всегда конечно всю между".split())
_english = snowballstemmer.stemmer("english")
_russian = snowballstemmer.stemmer("russian")
# A stem ending in consonant + о/е + к lost a fleeting vowel in another form (пыток / пытки, ошибок / ошибки,
# ребенок / ребенка): drop it in every form, which Snowball leaves as two stems.
_FLEETING = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])[ое](?=к$)")

# Kazakh inflection, outermost first: case endings, then possessive, then plural. Derivational suffixes
# (-лық, -шы, -у) are left alone: they change the meaning.
KAZAKH_SUFFIXES = (
    ("дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі",  # locative-attributive
     "менен", "бенен", "пенен", "мен", "бен", "пен",  # instrumental
     "нан", "нен", "дан", "ден", "тан", "тен",  # ablative
     "нда", "нде", "да", "де", "та", "те",  # locative
     "ның", "нің", "дың", "дің", "тың", "тің",  # genitive
     "ға", "ге", "қа", "ке", "на", "не",  # dative
     "ны", "ні", "ды", "ді", "ты", "ті", "н"),  # accusative (-н after a possessive)
    ("ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз", "ңыз", "ңіз", "сы", "сі", "ым", "ім", "ың", "ің",
     "ы", "і"),  # possessive
    ("лар", "лер", "дар", "дер", "тар", "тер"),  # plural
)
_VOWELS = re.compile(r"[аәеёиоөуұүыіэюя]")
KAZAKH_MIN_STEM = 3


def kazakh_stem(word: str) -> str:
    """A light Kazakh stem: at most one case, one possessive and one plural suffix stripped, outermost first,
    keeping at least KAZAKH_MIN_STEM letters and a vowel (benchmarks/search_quality.py measures it)."""
    for group in KAZAKH_SUFFIXES:
        for suffix in sorted(group, key=len, reverse=True):
            rest = word[:-len(suffix)]
            if word.endswith(suffix) and len(rest) >= KAZAKH_MIN_STEM and _VOWELS.search(rest):
                word = rest
                break
    return word


@lru_cache(maxsize=200_000)
def stem(word: str, kazakh: bool = False) -> str:
    """The stem of one word: Russian Snowball (fleeting vowel dropped) for Cyrillic words, the Kazakh light stem for
    Kazakh ones (`kazakh`, or a letter only Kazakh has), English Snowball for Latin words; others as written."""
    word = word.lower().replace("ё", "е")
    if CYRILLIC.search(word):
        if kazakh or KAZAKH_LETTERS.search(word):
            return kazakh_stem(word)
        return _FLEETING.sub("", _russian.stemWord(word))
    return _english.stemWord(word) if word.isascii() else word


def is_kazakh(text_words: list[str]) -> bool:
    """Whether a text (one language's words) is Kazakh: at least one word in eight of its Cyrillic words, and at
    least one, has a letter only Kazakh has (short Russian texts have none; Kazakh sentences rarely lack them)."""
    cyrillic = [w for w in text_words if CYRILLIC.search(w)]
    marked = sum(1 for w in cyrillic if KAZAKH_LETTERS.search(w))
    return marked >= 1 and marked * 8 >= len(cyrillic)


def stem_forms(word: str) -> tuple[str, ...]:
    """The stems a query word may have in the index: its own, and for a Cyrillic word without Kazakh letters (which
    may be Russian or Kazakh) its Kazakh stem as well."""
    own = stem(word)
    if CYRILLIC.search(word) and not KAZAKH_LETTERS.search(word):
        other = stem(word, kazakh=True)
        if other != own:
            return own, other
    return (own,)


def words(text: str) -> list[str]:
    """The words of a text, in order (letters and digits; punctuation splits words)."""
    return WORD.findall(text or "")


def stem_words(text_words: list[str]) -> str:
    """Words (as `words` splits them) as space-separated stems, which is what both indexes store."""
    kazakh = is_kazakh(text_words)
    return " ".join(stem(w, kazakh) for w in text_words)


def stem_text(text: str) -> str:
    """A document body (its parts one a line, each in one language) as stems, each part's language decided apart."""
    return "\n".join(stem_words(words(line)) for line in (text or "").splitlines())
