"""One numbered item of a report: its recommendation(s), each with the recommending States that close it.

"Ratify CEDAW (France); Consider ratifying CAT (Brazil, Chile)." holds two recommendations, and so does
"Accede to (France)/Consider ratifying (Slovenia) the Optional Protocol": one for each State's opening. Early
reports merge what several States said into one sentence, each part followed by its States:

    Harmonize laws (Bolivia, Spain, Turkey), in order to ensure their implementation (Turkey), and equal
    protection (Spain), at all levels (Spain, Turkey).

Each State recommended the parts its name follows, and what precedes its first part: Bolivia "Harmonize laws",
Turkey "Harmonize laws, in order to ensure their implementation, at all levels", Spain "Harmonize laws, and equal
protection, at all levels". A States group followed by "; ", ". " or "and" and a verb ("(Brazil) and to set clear
time frames") closes a recommendation instead: what follows is the next one.

The words that mark these (verbs, "and", the addressee of 2008 reports' "Recommends that Tunisia pursue") are
the language's data (`languages.py`); `Grammar` compiles them once per report.
"""

import re
from dataclasses import dataclass

from rightstrack.imports.pdf.states import parse_states

_TAIL = re.compile(r"^[\s;.,*]*(?:and)?[\s;.,*]*$")
_LAST_GROUP = re.compile(r"\(([^()]*)\)[\s;.,]*$")
_MIN_WORDS = 3  # a recommendation closed by "and <verb>" has at least this many words ("Combat (Algeria) and ...")


@dataclass(frozen=True)
class Grammar:
    """The patterns that split an item, from a language's data and the State under review."""

    closes: re.Pattern  # after a States group: the recommendation ends and the next begins at the match's end
    closes_with_verb: re.Pattern  # after a States group: "and" + a verb, the next recommendation's first words
    opening: re.Pattern  # words before a recommendation's verb to drop ("and to", "calls upon it to")
    addressee: re.Pattern  # before an item's verb, words naming the State under review ("Recommends that Tunisia")
    alternative: re.Pattern  # between two States' openings: "/" or "and" + a verb
    element: re.Pattern  # the start of a list's next item: ", the", "and the"
    element_start: re.Pattern  # where a list's first item starts: "the"
    recommends: re.Pattern  # in the summary of the dialogue: "recommended that the Government" before the verb

    @classmethod
    def of(cls, language: dict, state: str = "") -> "Grammar":
        verbs = "|".join(sorted(language["verbs"], key=len, reverse=True))
        adverbs = "|".join(language["adverbs"])
        conjunctions = "|".join(language["conjunctions"])
        continuations = "|".join(language["continuations"])
        addressee = language["addressee"].format(state=re.escape(state) if state else r"(?!)")
        lead = rf"(?:(?:{conjunctions})\s+)?(?:{addressee}\s*)?(?:{language['infinitive']})?"
        addressed = rf"{addressee}\s*(?:{language['infinitive']})?"
        verb = rf"(?:(?:{adverbs})\s+)?(?:{verbs})\b"
        upper = r"A-Z\u0410-\u042f\u0401"
        return cls(
            closes=re.compile(rf"^\s*(?:;\s*(?:(?:{conjunctions})\s+)?(?=[^\W\d_])(?!(?:{continuations})\b)"
                              rf"|\.\s*(?=[{upper}])"
                              rf"|\s*(?=[{upper}])|[;.,]?\s*(?:(?:{conjunctions})\s+)?(?=\([ivx]+\)))"),
            closes_with_verb=re.compile(rf"^[\s,]*(?:{conjunctions})\s+{lead}(?={verb})", re.IGNORECASE),
            opening=re.compile(rf"^\s*{lead}(?={verb})", re.IGNORECASE),
            addressee=re.compile(rf"^\s*{addressed}(?={verb})", re.IGNORECASE),
            alternative=re.compile(rf"^\s*/\s*|^[\s,]*(?:{conjunctions})\s+(?={verb})", re.IGNORECASE),
            element=re.compile(rf"^[\s,]*(?:(?:{conjunctions})\s+)?(?=(?:{language['articles']})\b)"),
            element_start=re.compile(rf"\b(?=(?:{language['articles']})\b)"),
            recommends=re.compile(rf"{addressee}\s*(?:{language['infinitive']})?(?={verb})", re.IGNORECASE))


def state_groups(text: str):
    """(start, end, States) of each parenthesised group at depth 0 that names only States; neighbouring groups
    ("(Slovakia) (Austria)") are one."""
    depth, start, last = 0, 0, None
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0 and (states := parse_states(text[start + 1:index])):
                if last and not text[last[1]:start].strip():
                    last = (last[0], index + 1, last[2] + [s for s in states if s not in last[2]])
                    continue
                if last:
                    yield last
                last = (start, index + 1, states)
    if last:
        yield last


def _clean(text: str) -> str:
    text = re.sub(r"\s+([,;.])", r"\1", re.sub(r"\s+", " ", text))
    return re.sub(r"[\s;,*]+$", "", text.strip(" ;,\n"))


def _opening(text: str, grammar: Grammar) -> str:
    """The recommendation without the words before its verb, with a capital first letter."""
    text = text[match.end():] if (match := grammar.opening.match(text)) else text
    text = text.strip()
    return text[:1].upper() + text[1:]


def split_item(text: str, grammar: Grammar) -> list[tuple[str, list[str]]]:
    """The item's recommendations as (text without the recommending States, States), in order."""
    found, begin, inner = [], 0, []
    for start, end, names in state_groups(text):
        rest = text[end:]
        if _TAIL.match(rest):
            found += _clause(text[begin:start], inner, _qualifying(found, text[begin:start], inner, names), grammar)
            return _capitalised(found, grammar)
        closes = grammar.closes.match(rest)
        if not closes and (verb := grammar.closes_with_verb.match(rest)) and \
                len(text[begin:start].split()) >= _MIN_WORDS:
            closes = verb
        if closes:
            found += _clause(text[begin:start], inner, _qualifying(found, text[begin:start], inner, names), grammar)
            begin, inner = end + closes.end(), []
        else:
            inner.append((start - begin, end - begin, names))
    tail = text[begin:]
    if tail.strip(" ;,.*"):
        # An unbalanced parenthesis before the States ("(ICERD, in line with ... (Peru)") hides them from the
        # scan above: take the last group then.
        if not inner and (match := _LAST_GROUP.search(tail)) and (names := parse_states(match.group(1))):
            found.append((_clean(tail[:match.start()]), names))
        else:
            found += _clause(tail, inner, [], grammar)
    return _capitalised(found, grammar)


def _qualifying(found: list, text: str, inner: list, closing: list[str]) -> list[str]:
    """The closing States, less those that only qualify their own recommendation closed earlier in the item: in
    "Continue ... services (Honduras); and redouble efforts ... (Holy See), with particular attention to indigenous
    women (Holy See, Honduras)" Honduras recommended no words of the second clause but those after its last group,
    which are added to its first recommendation (changed in `found`)."""
    if not inner:
        return closing
    qualifier = _clean(text[inner[-1][1]:])
    kept = []
    for state in closing:
        earlier = [i for i, (_text, names) in enumerate(found) if names == [state]]
        if qualifier and earlier and not any(state in names for *_span, names in inner):
            found[earlier[-1]] = (f"{found[earlier[-1]][0]}, {qualifier}", [state])
        else:
            kept.append(state)
    return kept


def _capitalised(found, grammar: Grammar) -> list[tuple[str, list[str]]]:
    """The parts after the first start at their verb; the item's own first words stay ("To consider..."), but for
    an addressee ("Recommends that Tunisia pursue" -> "Pursue")."""
    parts = [(_opening(t, grammar) if index else t, s) for index, (t, s) in enumerate(found)]
    if parts and (match := grammar.addressee.match(parts[0][0])):
        rest = parts[0][0][match.end():]
        parts[0] = (rest[:1].upper() + rest[1:], parts[0][1])
    return [(t, s) for t, s in parts if t]


def _clause(text: str, inner: list, closing: list[str], grammar: Grammar) -> list[tuple[str, list[str]]]:
    """One recommendation, or one per State when States groups inside it give each State its own parts."""
    if not inner:
        return [(_clean(text), closing)]
    states = [s for *_span, names in inner for s in names]
    states += [s for s in closing if s not in states]
    if split := alternatives(text, inner, closing, grammar):
        return split
    segments, trailing = _segments(text, inner, closing)
    # A list ("Ratify the OP-ICCPR (Albania), the OP-CAT (United Kingdom, Albania), the CRPD (Mexico)"): each
    # State its own items after the verb.
    listed = all(grammar.element.match(segment) for segment, _names in segments[1:])
    head = grammar.element_start.split(segments[0][0], maxsplit=1)[0]
    texts: dict[str, list[str]] = {}
    for state in dict.fromkeys(states):
        first = next(j for j, (_segment, names) in enumerate(segments) if state in names)
        if listed and first:
            own = head + " " + ", ".join(grammar.element.sub("", segment, count=1).strip()
                                         for segment, names in segments if state in names)
        else:
            own = _own_parts(segments, state)
        texts.setdefault(_clean(own + trailing), []).append(state)
    return [(t, names) for t, names in texts.items()]


def _segments(text: str, inner: list, closing: list[str]) -> tuple[list[tuple[str, list[str]]], str]:
    """The words before each States group with that group's States, and the words after the last group."""
    groups = inner + ([(len(text), len(text), closing)] if closing else [])
    segments, previous = [], 0
    for start, end, names in groups:
        segments.append((text[previous:start], names))
        previous = end
    return segments, text[previous:]


def _own_parts(segments: list[tuple[str, list[str]]], state: str) -> str:
    """A State's words of a merged sentence: the parts its name follows, and what precedes its first part."""
    first = next(j for j, (_segment, names) in enumerate(segments) if state in names)
    return "".join(segment for j, (segment, names) in enumerate(segments) if j < first or state in names)


def alternatives(text: str, inner: list, closing: list[str], grammar: Grammar) -> list | None:
    """"Accede to (France)/Consider ratifying (Slovenia) the Protocol" -> one recommendation per opening, each with
    the common rest; None when the text does not open with two or more such alternatives."""
    found, begin = [], 0
    for start, end, names in inner:
        opening = text[begin:start].strip()
        if not opening or len(opening) > 60 or "(" in opening or "/" in opening:
            break
        found.append((opening, names))
        after = grammar.alternative.match(text[end:])
        begin = end + (after.end() if after else 0)
        if not after:
            break
    rest = text[begin:].strip()
    if len(found) < 2 or not rest or rest[:1] in ";.,":
        return None
    # States groups in the common rest give each State its own parts of it: "To ratify (Spain)/consider ratifying
    # (Argentina) the Convention (Spain, Argentina) and of accepting the jurisdiction of its committee (Argentina)".
    later = [(start - begin, end - begin, names) for start, end, names in inner if start >= begin]
    segments, trailing = _segments(text[begin:], later, closing)
    mentioned = {s for _segment, names in segments for s in names}
    if later and mentioned <= {s for _opening, names in found for s in names}:
        common = "".join(segment for segment, _names in segments)
        return [(_clean(f"{opening} {_own_parts(segments, state) if state in mentioned else common}{trailing}"),
                 [state]) for opening, names in found for state in names]
    others = [s for s in closing if not any(s in names for _text, names in found)]  # the States of all
    return [(_clean(f"{opening} {rest}"), names + [s for s in others if s not in names]) for opening, names in found]
