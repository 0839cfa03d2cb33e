"""The user's search syntax, parsed once and rendered safely for FTS5 or PostgreSQL.

Syntax: words are ANDed; `OR` (or `|`) between two items makes them alternatives; `NOT word` or
`-word` excludes; `"a phrase"` matches words in order. OR binds tighter than AND (as in
PostgreSQL's websearch syntax), so `torture OR ill-treatment prison` means
(torture OR ill-treatment) AND prison. Parentheses are ignored. The parser never fails: it repairs
what it can (an unclosed quote, a dangling OR) and says so in `notes`.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from rightstrack.search.bridge import english_word, english_words, is_function_word
from rightstrack.search.text import CYRILLIC, stem, stem_forms, words

_TOKEN = re.compile(r'"[^"]*"?|\S+')


@dataclass(frozen=True)
class Term:
    """One word or phrase: its words as typed (a phrase if more than one)."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class Clause:
    """Alternatives ORed together, possibly negated."""

    terms: tuple[Term, ...]
    negated: bool = False


@dataclass
class ParsedQuery:
    """The parsed query: ANDed clauses, and notes on anything repaired or ignored."""

    clauses: list[Clause] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def positive(self) -> list[Clause]:
        return [c for c in self.clauses if not c.negated]

    @property
    def negative(self) -> list[Clause]:
        return [c for c in self.clauses if c.negated]

    @property
    def plain_text(self) -> str:
        """The words to look for, without operators (what semantic search embeds)."""
        return " ".join(" ".join(t.words) for c in self.positive for t in c.terms)

    def __bool__(self) -> bool:
        return bool(self.clauses)


def parse(text: str) -> ParsedQuery:
    """Parse user syntax into clauses; never raises."""
    result = ParsedQuery()
    items: list[tuple[Term, bool] | str] = []  # a (term, negated) pair or the string "OR"
    for raw in _TOKEN.findall(text or ""):
        if raw in ("OR", "|"):
            items.append("OR")
            continue
        if raw in ("AND", "&", "&&"):
            continue
        negated = False
        if raw == "NOT":
            items.append("NOT")
            continue
        if raw.startswith("-") and len(raw) > 1:
            negated, raw = True, raw[1:]
        if raw.startswith('"'):
            if len(raw) == 1 or not raw.endswith('"'):
                result.notes.append(_("An unclosed quote was closed at the end of the query."))
            raw = raw.strip('"')
        found = tuple(words(raw))
        if found:
            if items and items[-1] == "NOT":
                items.pop()
                negated = True
            items.append((Term(found), negated))
    # Group: an "OR" joins the previous and next items into one clause.
    groups: list[list[tuple[Term, bool]]] = []
    join_next = False
    for item in items:
        if item == "OR":
            join_next = bool(groups)
            continue
        if item == "NOT":  # a NOT with nothing after it
            continue
        if join_next and groups:
            groups[-1].append(item)
        else:
            groups.append([item])
        join_next = False
    if any(item == "OR" for item in items[-1:]) or (items and items[0] == "OR"):
        result.notes.append(_("An OR without a word on both sides was ignored."))
    for group in groups:
        negated = group[0][1] if len(group) == 1 else all(neg for _t, neg in group)
        if len(group) > 1 and any(neg for _t, neg in group) and not negated:
            result.notes.append(_("A NOT inside an OR was ignored."))
        result.clauses.append(Clause(tuple(t for t, _n in group), negated))
    return result


def term_stems(term: Term) -> list[tuple[str, ...]]:
    """The stem sequences a term may have in the index: as stemmed for its own script, and, when a Cyrillic word
    could be Kazakh as well as Russian, with those words stemmed as Kazakh."""
    own = tuple(stem(w) for w in term.words)
    other = tuple(stem_forms(w)[-1] for w in term.words)
    return [own] if other == own else [own, other]


def with_english(clauses: list[Clause]) -> list[Clause]:
    """Clauses with each Russian or Kazakh word's English word (search/bridge.py) as one more alternative, so «пытки»
    also finds "torture"; a clause that is only a Russian or Kazakh function word (и, в, және) or a Russian stop word
    (все) is left out, as PostgreSQL's `russian` configuration drops them and FTS5 would require them (unless nothing
    is left).

    A Russian or Kazakh clause the bridge has no English for cannot be in an English record, so it is not required
    of a record that has every translated word in English: with translated clauses Tj (English Ej) and an untranslated
    one U, the query is (U or all Ej) and each (Tj or Ej), written as the clauses (U or Ej) for every j, so both
    databases run it as they run any query. «Свобода прессы» finds the Russian records with both words and the
    English ones with "freedom"."""
    kept = [c for c in clauses if not all(len(t.words) == 1 and is_function_word(t.words[0]) for t in c.terms)]
    extras = [tuple(Term((english,)) for t in c.terms if len(t.words) == 1
                    for english in [english_word(t.words[0])] if english) for c in kept]
    english = [extra for clause, extra in zip(kept, extras) if extra and not clause.negated]
    bridged = []
    for clause, extra in zip(kept, extras):
        if not extra and not clause.negated and all(CYRILLIC.search(w) for t in clause.terms for w in t.words):
            bridged += [Clause(clause.terms + e) for e in english] or [clause]
        else:
            bridged.append(Clause(tuple(dict.fromkeys(clause.terms + extra)), clause.negated))
    return bridged or clauses


def english_clause(clauses: list[Clause]) -> Clause | None:
    """Any of the clauses' words in English, as one clause of alternatives: English words as typed (but function words
    and numbers) and the English of Russian and Kazakh ones (search/bridge.py); phrases count word by word. None if
    there is none. Hybrid search ranks by it: it finds what a strict AND of the words misses."""
    found = english_words(" ".join(w for clause in clauses for t in clause.terms for w in t.words))
    return Clause(tuple(Term((w,)) for w in found)) if found else None


def _fts5_term(term: Term) -> str:
    # Stems are letters and digits only, so quoting them cannot break out of the string.
    return " OR ".join('"' + " ".join(stems) + '"' for stems in term_stems(term))


def _fts5_clause(clause: Clause) -> str:
    inner = " OR ".join(_fts5_term(t) for t in clause.terms)
    return f"({inner})"


def to_fts5(clauses: list[Clause]) -> str:
    """An FTS5 MATCH expression for non-negated clauses (negations are applied as an exclusion)."""
    return " AND ".join(_fts5_clause(c) for c in clauses)
