"""Recommending States: the States group at a recommendation's end, each name normalised by the State table that
display reads too (`reference/states.csv` through `recommendations.state_names`).

The table names each State once, as UPR Info does ("Iran"), with the forms UN documents print as aliases
("Iran (Islamic Republic of)", "Islamic Republic of Iran"). Matching ignores case, apostrophe style and spacing.
"""

import re

from rightstrack.recommendations.state_names import listed_state_name


_AND = re.compile(r" (?:and|и) ")  # the last two States of a list: "Cuba and Chad", "Кубы и Чада"


def split_top_level(text: str) -> list[str]:
    """Split at commas, semicolons and ' and ' outside parentheses: 'Iran (Islamic Republic of), Cuba and Chad'."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        char = text[i]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and char in ",;":
            parts.append(text[start:i])
            start = i + 1
        elif depth == 0 and (conjunction := _AND.match(text, i)):
            parts.append(text[start:i])
            start = conjunction.end()
            i = start - 1
        i += 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def parse_states(inside: str) -> list[str] | None:
    """The States named by the text inside a pair of parentheses, or None when any part is not a State."""
    names, parts = [], split_top_level(inside.replace("\n", " "))
    while parts:
        part = parts.pop(0)
        name = listed_state_name(part)
        if name is None and parts:  # "Trinidad and Tobago" ("Тринидад и Тобаго") was split at its " and "
            name = listed_state_name(f"{part} and {parts[0]}") or listed_state_name(f"{part} и {parts[0]}")
            parts = parts[1:] if name else parts
        if name is None:
            return None
        if name not in names:
            names.append(name)
    return names or None
