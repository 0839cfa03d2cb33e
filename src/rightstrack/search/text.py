"""Text normalisation shared by the SQLite index and its queries: words, lower case, Snowball stems.

PostgreSQL does the same with its `russian` text-search configuration (Cyrillic words get the Russian
Snowball stemmer, Latin words the English one); on SQLite we stem in Python so FTS5 sees stems.
"""

import re
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_english = snowballstemmer.stemmer("english")
_russian = snowballstemmer.stemmer("russian")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of one lower-cased word: Russian for Cyrillic words, English otherwise."""
    word = word.lower().replace("ё", "е")
    if _CYRILLIC.search(word):
        return _russian.stemWord(word)
    return _english.stemWord(word) if word.isascii() else word


def words(text: str) -> list[str]:
    """The words of a text, in order (letters and digits; punctuation splits words)."""
    return WORD.findall(text or "")


def stem_words(text_words: list[str]) -> str:
    """Words (as `words` splits them) as space-separated stems, which is what the FTS5 table stores."""
    return " ".join(map(stem, text_words))
