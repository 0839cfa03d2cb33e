"""The UPR layout: the numbered recommendations of a Working Group report, grouped by the State's response.

Section "Conclusions and/or recommendations" holds paragraphs ("118. The recommendations ... enjoy the support
of Cambodia:") whose items are numbered "118.1" (since 2011) or "1." (earlier). Each item ends with the
recommending State(s) in parentheses; early reports bundle several recommendations in one item, each with its
own States, which become separate recommendations ("60.1a", "60.1b").
"""

import re
from dataclasses import dataclass, field

from rightstrack.imports.pdf.clean import join_lines, repair_split_words
from rightstrack.imports.pdf.items import Grammar, split_item
from rightstrack.recommendations.state_names import listed_state_name

_NEW_ITEM = re.compile(r"^\s*(\d{1,3})\.(\d{1,3})\.?\s+(\S.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$")
_NEXT_HEADING = re.compile(r"^\s*[IVX]+\.\s+[A-Z\u0410-\u042f]")  # "III. VOLUNTARY COMMITMENTS ..."


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
    response_comment: str = ""


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
        if current and (_NEXT_HEADING.match(line) or line.strip().casefold() in language["end_lines"]):
            break
        if current and (match := _NEW_ITEM.match(line)) and int(match.group(1)) == current.number:
            last = int(current.items[-1][0].split(".")[1]) if current.items else 0
            number = int(match.group(2))
            # A number that goes backwards is a misprint ("118.09" after 118.108): the next one is meant.
            current.items.append((f"{current.number}.{number if number > last else last + 1}", [match.group(3)]))
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


_REFERENCE = re.compile(r"(\d{1,3})((?:\s*\([a-z]\)(?:\s*\([ivx]{1,4}\))?)?)")
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z\u0410-\u042f])|\.?\s*$")


def _body_paragraph(lines: list[str], end: int, number: int) -> str:
    """The text of paragraph `number` of the report before line `end` (the summary of the dialogue)."""
    start = next((i for i in range(end) if re.match(rf"^\s*{number}\.\s+\S", lines[i])), None)
    if start is None:
        return ""
    stop = next((i for i in range(start + 1, end) if re.match(rf"^\s*{number + 1}\.\s+\S", lines[i])), end)
    return join_lines(lines[start:stop])[len(str(number)) + 1:].strip()


def _speaker(text: str) -> list[str]:
    """The State the paragraph's first words name ("The United States of America noted that...")."""
    words = text.split()[:6]
    for count in range(len(words), 0, -1):
        if name := listed_state_name(" ".join(words[:count]).strip(",")):
            return [name]
    return []


def _lettered(text: str, path: list[str], grammar: Grammar) -> str:
    """The sub-item that the letters point to: "(b) take the necessary measures..." up to "(c)" or the sentence's
    end; "(a) (ii)" is the words of (a) before its "(i)" and those of its "(ii)". No letters: the sentence that
    recommends ("The United States recommended that the Government uphold...")."""
    if not path:
        sentences = [x for x in re.split(r"(?<=\.)\s+(?=[A-Z\u0410-\u042f])", text) if grammar.recommends.search(x)]
        if not sentences:
            return ""
        found = grammar.recommends.search(sentences[-1])
        return _tidy(sentences[-1][found.end():])
    head = ""
    for depth, mark in enumerate(path):
        at = text.find(f"({mark})")
        if at < 0:
            return ""
        if depth:  # the sub-items' common words: those before the first sub-item
            head = re.split(r"\((?:[ivx]+|[a-z])\)", text, maxsplit=1)[0]
        text = text[at + len(mark) + 2:]
        following = f"({_roman_next(mark) if depth else chr(ord(mark) + 1)})"
        stop = min(x for x in (text.find(following), _SENTENCE_END.search(text).start()) if x >= 0)
        text = text[:stop]
    return _tidy(" ".join(f"{head} {text}".split()))


def _roman_next(numeral: str) -> str:
    romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
    return romans[romans.index(numeral) + 1] if numeral in romans[:-1] else numeral


def _tidy(text: str) -> str:
    text = re.sub(r"^\s*(?:to\s+)?", "", re.sub(r"[\s,;.]*(?:\b(?:and|и)\b)?[\s,;.]*$", "", text))
    return text[:1].upper() + text[1:]


def referenced(lines: list[str], start: int, intro: str, language: dict, grammar: Grammar) -> list[tuple]:
    """(paragraph, text, States) of each recommendation a paragraph refers to in the summary of the dialogue
    ("The recommendations noted in paragraphs 31 (b), 37 ... above"); paragraphs of the section itself are
    not the summary."""
    match = re.search(language["references"], intro, re.IGNORECASE)
    if not match:
        return []
    found = []
    for number, letters in _REFERENCE.findall(match.group(1)):
        body = _body_paragraph(lines, start, int(number))
        path = re.findall(r"\(([a-z]{1,4})\)", letters)
        if body and (states := _speaker(body)) and (text := _lettered(body, path, grammar)):
            found.append((f"{number}{''.join(f' ({x})' for x in path)}", text, states))
    return found


def extract_upr(lines: list[str], language: dict, words, state: str = "") -> list[Extracted]:
    """Every recommendation of the section, in order; `state` is the State under review, as the report names it."""
    start = find_section(lines, language)
    if start is None:
        return []
    found, grammar = [], Grammar.of(language, state)
    for paragraph in paragraphs(lines, start, language):
        intro = join_lines(paragraph.lines)
        response = response_of(intro, language)
        found += [Extracted(number, repair_split_words(text, words), states, response)
                  for number, text, states in referenced(lines, start, intro, language, grammar)]
        previous = None
        for number, item_lines in paragraph.items:
            text = repair_split_words(join_lines(item_lines), words)
            if _matches(language["comment"], text):
                continue  # the State's comment on recommendations printed elsewhere in the report
            parts = split_item(text, grammar)
            if previous and not any(states for _text, states in parts):
                # Without States it is the State's comment on the recommendation before ("Costa Rica explained
                # that..."), printed as an item of its own in some reports.
                previous.response_comment = " ".join(filter(None, [previous.response_comment, *(t for t, _s in parts)]))
                continue
            if len(parts) > 1 and not parts[-1][1]:
                *parts, (comment, _none) = parts  # "...(Nicaragua); Not applicable."
            else:
                comment = ""
            for index, (part, states) in enumerate(parts):
                label = number if len(parts) == 1 else f"{number}{chr(ord('a') + index)}"
                previous = Extracted(label, part.rstrip(" .;") + ("." if part.endswith(".") else ""), states,
                                     response)
                found.append(previous)
            previous.response_comment = comment
    return found
