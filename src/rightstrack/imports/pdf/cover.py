"""The cover of a UPR Working Group report: symbol, date, Working Group session, cycle, State under review."""

import re
from collections import Counter
from dataclasses import dataclass

# A UPR report's symbol, or a treaty body's concluding observations' (CCPR/C/KGZ/CO/2, E/C.12/KAZ/CO/2).
SYMBOL = re.compile(r"\b(?:A/HRC/\d+/\d+(?:/Add\.\d+)?|(?:[A-Z]{2,6}/C|E/C\.12)/[A-Z]{3}/CO/\d+(?:-\d+)?)\b")


@dataclass
class Cover:
    """What the cover and the introduction say about the report."""

    symbol: str = ""
    date: str = ""  # ISO
    session: str = ""  # the UPR Working Group session, e.g. "7"
    cycle: str = ""
    state: str = ""


def cycle_of(session: int) -> int:
    """UPR cycle of a Working Group session: 1–12 first cycle, 13–26 second, 27–40 third, then fourth."""
    return 1 if session <= 12 else 2 if session <= 26 else 3 if session <= 40 else 4


def read_cover(pages: list[str], language: dict) -> Cover:
    """The report's symbol (the one its pages repeat), issue date, session, cycle and State under review."""
    cover = Cover()
    symbols = Counter(SYMBOL.findall("\n".join(pages[:4])))
    if symbols:
        cover.symbol = symbols.most_common(1)[0][0]
    months = "|".join(language["months"])
    date = rf"\b(\d{{1,2}})\s+({months})\s+(\d{{4}})\b"
    # The issue date follows "Distr.: General" (Russian editions keep those words). Covers since 2016 also print
    # the Council session's dates ("24 February–20 March 2020") before it: a range's end is no issue date.
    if match := (re.search(rf"Distr\.\D{{0,40}}?{date}", pages[0], re.IGNORECASE)
                 or re.search(rf"(?<![–-]){date}", pages[0], re.IGNORECASE)):
        month = next(n for n, name in enumerate(language["months"], 1)
                     if re.fullmatch(name, match.group(2), re.IGNORECASE))
        cover.date = f"{match.group(3)}-{month:02d}-{int(match.group(1)):02d}"
    opening = " ".join(" ".join(pages[:3]).split())
    if match := re.search(language["session"], opening, re.IGNORECASE):
        word = match.group(1).casefold()
        number = (int(digits.group()) if (digits := re.match(r"\d+", word))
                  else _ordinal(word, language))
        if number:
            cover.session, cover.cycle = str(number), str(cycle_of(number))
    if match := re.search(language["state_under_review"], opening, re.IGNORECASE):
        cover.state = match.group(1).strip()
    return cover


def _ordinal(word: str, language: dict) -> int | None:
    """'seventh' -> 7, 'thirtieth' -> 30, 'twenty-first' -> 21, 'двадцать первую' -> 21."""
    ordinals, tens = language["ordinals"], language["tens"]
    if word in ordinals:
        return ordinals.index(word) + 1
    if word in language["tenths"]:
        return language["tenths"][word]
    ten, _sep, unit = re.sub(r"\s+", "-", word).partition("-")
    if ten in tens and unit in ordinals[:9]:
        return tens[ten] + ordinals.index(unit) + 1
    return None
