"""Clean the text layer of a UN report: running headers and footers, footnote lines, page joins, split words.

Works on plain lines, so every case can be tested with a few lines of text cut from a real report.
"""

import re
from collections import Counter

# Lines that belong to the page, not the text: the document symbol, the job number ("GE.14-10028 17"),
# a page number on its own, "Page 17", a barcode ("*1412727*") and footnote lines ("** ... not been edited.").
_NOISE = [
    r"(?:[A-Z]{1,6}/){2,}[A-Z0-9./]*\*?",
    r"GE\.\d{2}-\d{3,6}(?:\s*\([A-Z]\))?(?:\s+\d{1,3})?",
    r"\d{1,3}",
    r"(?:[Pp]age|[Сс]тр\.?)\s+\d{1,3}",
    r"\*\d{5,}\*",
    r"\*+\s.*",
    r"\d{1,3}\s+GE\.\d{2}-\d{3,6}(?:\s*\([A-Z]\))?",
]
NOISE = re.compile(r"^\s*(?:" + "|".join(_NOISE) + r")\s*$")


_FOOTNOTE = re.compile(r"^\s*(\d{1,2})\s+\S")
_LONE_NUMBER = re.compile(r"^\s*(\d{1,2})\s*$")


def _marker(number: str) -> re.Pattern:
    """A footnote's number glued to the text it annotates: "(Holy See)2;", "(Slovenia);2", "children2" (not the
    "3" of an item number "138.3")."""
    return re.compile(rf"(?<=[^\W\d_]|[);:,\u201d]){number}(?=[;.,:\s]|$)")


def glued_footnote_numbers(lines: list[str]) -> list[str]:
    """A footnote's number on a line of its own ("2", then "The original recommendation read as follows: ...")
    joined to the footnote's text, when the text above carries its marker; otherwise it is a page number."""
    found, index = [], 0
    while index < len(lines):
        match = _LONE_NUMBER.match(lines[index])
        if match and 0 < index < len(lines) - 1 and any(_marker(match.group(1)).search(x) for x in found):
            found.append(f"{match.group(1)} {lines[index + 1].strip()}")
            index += 2
            continue
        found.append(lines[index])
        index += 1
    return found


def without_footnotes(lines: list[str]) -> list[str]:
    """A page's lines without its numbered footnotes, and without their markers in the text ("(Holy See)2;").

    A footnote is a line "2 The recommendation as read..." whose number the page's text carries glued to a
    word or a parenthesis above it; the footnote runs to the page's end.
    """
    for index, line in enumerate(lines):
        if (match := _FOOTNOTE.match(line)) and index:
            number = match.group(1)
            marker = _marker(number)
            if any(marker.search(above) for above in lines[:index]):
                return [marker.sub("", above) for above in lines[:index]]
    return lines


_ENDS_ITEM = re.compile(r"\)\s*[;.]?\s*$")


def without_continued_footnote(lines: list[str]) -> list[str]:
    """A page after a page with a footnote may end with the rest of that footnote, below the last item: lines
    after the last line that closes a recommendation, none of which opens a numbered item."""
    ends = [i for i, line in enumerate(lines) if _ENDS_ITEM.search(line)]
    tail = lines[ends[-1] + 1:] if ends else []
    if tail and not any(re.match(r"^\s*\d", line) for line in tail):
        return lines[:ends[-1] + 1]
    return lines


def page_lines(pages: list[str]) -> list[str]:
    """All the lines of the report in reading order, without running headers, footers and footnotes."""
    found, footnote_before = [], False
    for page in pages:
        lines = [x for x in glued_footnote_numbers([x for x in page.split("\n") if x.strip()]) if not NOISE.match(x)]
        kept = without_footnotes(lines)
        if footnote_before:
            kept = without_continued_footnote(kept)
        footnote_before = len(kept) < len(lines)
        found += [line.rstrip() for line in kept]
    return found


def join_lines(lines: list[str]) -> str:
    """One paragraph from its lines: a hyphen at a line's end joins the next line without a space."""
    text = ""
    for line in lines:
        line = line.strip()
        if text.endswith("-") and text[-2:-1].isalpha():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return re.sub(r"\s+", " ", text).strip()


def vocabulary(text: str) -> Counter:
    """How often each word (lower case) and each pair of neighbouring words occurs in the report: the evidence
    for repairing split words."""
    words = [word.casefold() for word in re.split(r"\s+", text) if word]
    counts = Counter(word for word in words if word.isalpha())
    counts.update((a, b) for a, b in zip(words, words[1:]) if a.isalpha() and b.isalpha())
    return counts


def repair_split_words(text: str, words: Counter) -> str:
    """Join a word the PDF's glyph spacing split in two ("Co nvention", "ratifi cation", "ratificati on").

    Two neighbours are joined when the joined word occurs elsewhere in the report and neither occurs anywhere
    else on its own; or one does not, and the joined word is at least as common as the pair. So "a part" stays
    apart in a report that says "apart" less often than "a part".
    """
    tokens = re.split(r"(\s+)", text)
    out, i = [], 0
    while i < len(tokens):
        left = tokens[i]
        if i + 2 < len(tokens) and tokens[i + 1] == " " and left.isalpha() and tokens[i + 2].isalpha():
            right = tokens[i + 2]
            a, b = left.casefold(), right.casefold()
            pair, joined = words[(a, b)], words[a + b]
            lonely = (words[a] <= pair) + (words[b] <= pair)  # fragments never seen apart from this pair
            if joined and (lonely == 2 or lonely == 1 and joined >= pair):
                out.append(left + right)
                i += 3
                continue
        out.append(left)
        i += 1
    return "".join(out)
