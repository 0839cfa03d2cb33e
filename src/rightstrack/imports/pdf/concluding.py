"""The second layout: a treaty body's concluding observations (CCPR/C/KGZ/CO/2, CAT/C/KAZ/CO/3, CERD/C/...).

Section "C. Principal matters of concern and recommendations" holds numbered paragraphs under topic headings
("Birth registration"). A paragraph states a concern ("The Committee is concerned...") and then recommends
("The State party should ensure..."), sometimes in lettered sub-items:

    The State party should adopt a comprehensive approach to prevent ... domestic violence and:
    (a) Reinforce training of police ...;
    (b) Guarantee that cases of violence against women are thoroughly investigated ...;

Each paragraph's recommending part is one recommendation ("26"); with sub-items, the words before them are one
("11") and each sub-item another ("11(a)"). No State recommends and none responds: the States list and the
response stay empty. The phrases are the language's data (`languages.py`: "co_section", "co_recommends"); English
only so far, for want of a Russian edition to take them from.
"""

import re

from rightstrack.imports.pdf.clean import join_lines, repair_split_words
from rightstrack.imports.pdf.upr import Extracted, _matches

_NUMBERED = re.compile(r"^\s*(\d{1,3})\.(?:\s+(\S.*))?\s*$")  # "26." alone on its line, or "26. The Committee"
_SUB_ITEM = re.compile(r"^\s*\(([a-z])\)(?:\s+(\S.*))?\s*$")  # "(a)" alone, or "(a) Reinforce training"
_ENDS = re.compile(r"[.;:]\s*$")
_MAX_GAP = 20  # a numbered line more than this far from the last paragraph's number is text, not a paragraph


def find_co_section(lines: list[str], language: dict) -> int | None:
    """The index of the line after the heading of concerns and recommendations."""
    for index, line in enumerate(lines):
        if _matches(language.get("co_section", []), line.strip()):
            return index + 1
    return None


def _without_headings(body: list[str]) -> list[str]:
    """A paragraph without the topic headings printed after it: lines that start with a capital and end no
    sentence, after the line that ends its last sentence ("... periodic report.", "Birth registration")."""
    end = len(body)
    while end and body[end - 1][:1].isupper() and not _ENDS.search(body[end - 1]):
        end -= 1
    return body[:end] if end and _ENDS.search(body[end - 1]) else body


def co_paragraphs(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(number, lines) of each numbered paragraph ("26." alone on its line, or "26. The Committee..."), without
    the topic headings between paragraphs."""
    found, last = [], 0
    for line in lines:
        match = _NUMBERED.match(line)
        if match and last < int(match.group(1)) and (not last or int(match.group(1)) <= last + _MAX_GAP):
            last = int(match.group(1))
            found.append((match.group(1), [match.group(2)] if match.group(2) else []))
        elif found:
            found[-1][1].append(line)
    return [(number, _without_headings(body)) for number, body in found]


def _in_order(lines: list[str]) -> list[str]:
    """A sub-item's lines in reading order. PDFium may give a justified item's short last line first:
    "(c)", "shelters;", "Ensure the availability of a sufficient number of adequately resourced"."""
    if len(lines) > 1 and lines[0][:1].islower() and _ENDS.search(lines[0]) and lines[1][:1].isupper():
        return lines[1:] + lines[:1]
    return lines


def _recommending(lines: list[str], language: dict) -> list[str]:
    """The paragraph's lines from its first recommending sentence on (which may run over a line break: "The State
    party" / "should"), without the concern before it, whose own sub-items are no recommendations."""
    for index, line in enumerate(lines):
        joined = join_lines(lines[index:index + 2])
        if (match := re.search(language["co_recommends"], joined)) and match.start() < len(line.strip()):
            return [joined[match.start():len(line.strip())], *lines[index + 1:]]
    return []


def co_recommendations(number: str, lines: list[str], language: dict, words=None) -> list[Extracted]:
    """The recommendations of one paragraph: its text from the first recommending sentence on, split at its
    lettered sub-items; none when it only states a concern."""
    lead, items = [], []
    for line in _recommending(lines, language):
        if match := _SUB_ITEM.match(line):
            items.append((match.group(1), [match.group(2)] if match.group(2) else []))
        elif items:
            items[-1][1].append(line)
        else:
            lead.append(line)
    if not lead:
        return []

    def made(paragraph: str, body: str) -> Extracted:
        body = repair_split_words(body, words) if words is not None else body
        return Extracted(paragraph, body.rstrip(" ;"), [], "")

    return [made(number, join_lines(lead)),
            *(made(f"{number}({letter})", join_lines(_in_order(item))) for letter, item in items if item)]


def extract_concluding(lines: list[str], language: dict, words=None) -> list[Extracted]:
    """Every recommendation of the section of concerns and recommendations, in order."""
    start = find_co_section(lines, language)
    if start is None:
        return []
    return [found for number, body in co_paragraphs(lines[start:])
            for found in co_recommendations(number, body, language, words)]
