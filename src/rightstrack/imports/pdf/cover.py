"""The cover of a UPR Working Group report: symbol, date, Working Group session, cycle, State under review."""

import re
from collections import Counter
from dataclasses import dataclass

SYMBOL = re.compile(r"\bA/HRC/\d+/\d+(?:/Add\.\d+)?\b")


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
    if match := re.search(rf"\b(\d{{1,2}})\s+({months})\s+(\d{{4}})\b", pages[0], re.IGNORECASE):
        month = language["months"].index(match.group(2).casefold()) + 1
        cover.date = f"{match.group(3)}-{month:02d}-{int(match.group(1)):02d}"
    opening = " ".join(" ".join(pages[:3]).split())
    if match := re.search(language["session"], opening, re.IGNORECASE):
        word = match.group(1).casefold()
        number = (int(digits.group()) if (digits := re.match(r"\d+", word))
                  else _ordinal(word, language["ordinals"]))
        if number:
            cover.session, cover.cycle = str(number), str(cycle_of(number))
    if match := re.search(language["state_under_review"], opening, re.IGNORECASE):
        cover.state = match.group(1).strip()
    return cover


def _ordinal(word: str, ordinals: list[str]) -> int | None:
    """'seventh' -> 7, 'twenty-first' -> 21."""
    if word in ordinals:
        return ordinals.index(word) + 1
    if "-" in word and word.startswith(("twenty", "thirty", "forty")):
        tens = {"twenty": 20, "thirty": 30, "forty": 40}[word.split("-")[0]]
        unit = word.split("-", 1)[1]
        return tens + ordinals.index(unit) + 1 if unit in ordinals[:9] else None
    return None
