"""The UPR layout: the numbered recommendations of a Working Group report, grouped by the State's response.

Section "Conclusions and/or recommendations" holds paragraphs ("118. The recommendations ... enjoy the support
of Cambodia:") whose items are numbered "118.1" (since 2011) or "1." (earlier). Each item ends with the
recommending State(s) in parentheses; early reports bundle several recommendations in one item, each with its
own States, which become separate recommendations ("60.1a", "60.1b").
"""

import re
from dataclasses import dataclass, field

from rightstrack.imports.pdf.clean import join_lines, repair_split_words
from rightstrack.imports.pdf.states import parse_states

_NEW_ITEM = re.compile(r"^\s*(\d{1,3})\.(\d{1,3})\.?\s+(\S.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$")
# What may follow a States group when another recommendation begins: "; ", ". ", "; and ", then a capital.
_NEXT_PART = re.compile(r"^\s*[;.]?\s*(?:and\s+)?(?=[A-Z(\u0410-\u042f])")
_TAIL = re.compile(r"^[\s;.,]*(?:and)?[\s;.,]*$")


@dataclass
class Paragraph:
    """A numbered paragraph of the section: its introduction and its items as (number, lines)."""

    number: int
    lines: list[str]
    items: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class Extracted:
    """One recommendation found in the report."""

    paragraph: str
    text: str
    recommending_states: list[str]
    response: str


def _matches(patterns, text: str) -> bool:
    return any(re.search(p, text, re.IGNORECASE) for p in patterns)


def find_section(lines: list[str], language: dict) -> int | None:
    """The index of the line after the section heading (a table-of-contents line never matches)."""
    for index, line in enumerate(lines):
        if _matches(language["section"], line.strip()):
            return index + 1
    return None


def paragraphs(lines: list[str], start: int, language: dict) -> list[Paragraph]:
    """Split the section into paragraphs and items, up to the closing paragraph."""
    found: list[Paragraph] = []
    current = None
    for index in range(start, len(lines)):
        line = lines[index]
        if current and (match := _NEW_ITEM.match(line)) and int(match.group(1)) == current.number:
            current.items.append((f"{current.number}.{int(match.group(2))}", [match.group(3)]))
            continue
        if match := _NUMBERED.match(line):
            if current and _matches(language["closing"], match.group(2)):
                break
            number = int(match.group(1))
            last_item = int(current.items[-1][0].split(".")[1]) if current and current.items else 0
            is_item = current is not None and number == last_item + 1
            ahead = " ".join(lines[index:index + 3])
            opens = current is None or (number == current.number + 1 and (
                not is_item or _matches(language["remark"] + _all_responses(language) + language["closing"],
                                        ahead)))
            if opens:
                current = Paragraph(number, [match.group(2)])
                found.append(current)
                continue
            if is_item:
                current.items.append((f"{current.number}.{number}", [match.group(2)]))
                continue
        if current is None:
            continue
        if current.items:
            current.items[-1][1].append(line)
        else:
            current.lines.append(line)
    return found


def _all_responses(language: dict) -> list[str]:
    return [p for _name, patterns in language["responses"] for p in patterns]


def response_of(intro: str, language: dict) -> str:
    """Supported, noted or pending, from the paragraph's introduction (pending when it says nothing known)."""
    for name, patterns in language["responses"]:
        if _matches(patterns, intro):
            return name
    return "pending"


def _groups(text: str):
    """(start, end, States) of each parenthesised group at depth 0 that names only States."""
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0 and (states := parse_states(text[start + 1:index])):
                yield start, index + 1, states


def split_item(text: str) -> list[tuple[str, list[str]]]:
    """An item's recommendations as (text without the trailing States, States). A States group followed by a
    new sentence closes one recommendation; States in the middle of a sentence stay in the text."""
    parts, begin, states = [], 0, []
    for start, end, names in _groups(text):
        rest = text[end:]
        states += [n for n in names if n not in states]
        if _TAIL.match(rest) or (_NEXT_PART.match(rest) and rest.strip()[:1] != "("
                                 or re.match(r"^\s*[;.,]?\s*(?:and\s+)?\([ivx]+\)", rest)):
            parts.append((text[begin:start].strip(" ;,\n") .rstrip(), states))
            begin = end + len(re.match(r"^\s*[;.,]?\s*(?:and\s+)?", rest).group())
            states = []
            if _TAIL.match(rest):
                break
    tail = text[begin:].strip(" ;,.")
    if tail and not _TAIL.match(tail):
        parts.append((text[begin:].strip(" ;,"), states))
    return [(re.sub(r"\s*[;,]$", "", t).strip(), s) for t, s in parts if t]


def extract_upr(lines: list[str], language: dict, words) -> list[Extracted]:
    """Every recommendation of the section, in order."""
    start = find_section(lines, language)
    if start is None:
        return []
    found = []
    for paragraph in paragraphs(lines, start, language):
        if not paragraph.items:
            continue
        response = response_of(join_lines(paragraph.lines), language)
        for number, item_lines in paragraph.items:
            text = repair_split_words(join_lines(item_lines), words)
            parts = split_item(text)
            for index, (part, states) in enumerate(parts):
                label = number if len(parts) == 1 else f"{number}{chr(ord('a') + index)}"
                found.append(Extracted(label, part.rstrip(" .;") + ("." if part.endswith(".") else ""),
                                       states, response))
    return found
