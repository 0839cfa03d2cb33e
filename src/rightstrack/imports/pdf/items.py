"""One numbered item of a report: its recommendation(s), each with the recommending States that close it.

"Ratify CEDAW (France); Consider ratifying CAT (Brazil, Chile)." holds two recommendations, and so does
"Accede to (France)/Consider ratifying (Slovenia) the Optional Protocol": one for each State's verb. Other States
inside a sentence stay in its text, and are counted among its States.
"""

import re

from rightstrack.imports.pdf.states import parse_states

# After a States group, another recommendation begins with "; " and a word, or ". " / nothing and a capital,
# or a roman-numbered sub-item "(ii)".
_NEXT = re.compile(r"^\s*(?:;\s*(?:and\s+)?(?=[^\W\d_])|\.?\s*(?:and\s+)?(?=[A-Z\u0410-\u042f])|"
                   r"[;.,]?\s*(?:and\s+)?(?=\([ivx]+\)))")
_TAIL = re.compile(r"^[\s;.,]*(?:and)?[\s;.,]*$")
_LAST_GROUP = re.compile(r"\(([^()]*)\)[\s;.,]*$")


def state_groups(text: str):
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


def _clean(text: str) -> str:
    return re.sub(r"[\s;,]+$", "", text.strip(" ;,\n"))


def split_item(text: str) -> list[tuple[str, list[str]]]:
    """The item's recommendations as (text without the closing States, States), in order."""
    parts, begin, states = [], 0, []
    for start, end, names in state_groups(text):
        rest = text[end:]
        states += [n for n in names if n not in states]
        if _TAIL.match(rest) or _NEXT.match(rest):
            parts.append((_clean(text[begin:start]), states))
            begin, states = end + _NEXT.match(rest).end() if _NEXT.match(rest) else len(text), []
            if _TAIL.match(rest):
                break
    tail = text[begin:]
    if tail.strip(" ;,.") and not _TAIL.match(tail):
        # An unbalanced parenthesis before the States ("(ICERD, in line with ... (Peru)") hides them from the
        # scan above: take the last group then.
        if not states and (match := _LAST_GROUP.search(tail)) and (names := parse_states(match.group(1))):
            parts.append((_clean(tail[:match.start()]), names))
        else:
            parts.append((_clean(tail), states))
    return [one for t, s in parts if t for one in (alternatives(t, s) or [(t, s)])]


def alternatives(text: str, states: list[str]) -> list[tuple[str, list[str]]] | None:
    """"Accede to (France)/Consider ratifying (Slovenia) the Protocol" -> one recommendation per opening, each with
    the common rest; None when the text does not open with two or more such alternatives."""
    found, begin = [], 0
    for start, end, names in state_groups(text):
        opening = text[begin:start].strip()
        if not opening or len(opening) > 60 or "(" in opening or "/" in opening:
            break
        found.append((opening, names))
        after = re.match(r"\s*/\s*", text[end:])
        begin = end + (after.end() if after else 0)
        if not after:
            break
    rest = text[begin:].strip()
    if len(found) < 2 or not rest or rest[:1] in ";.,":
        return None
    closing = [s for s in states if not any(s in names for _opening, names in found)]  # the States of all
    return [(f"{opening} {rest}", names + [s for s in closing if s not in names]) for opening, names in found]
