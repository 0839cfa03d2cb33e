"""The Russian/Kazakh -> English word list learnt from the vocabularies' names, and how queries use it."""

import os
import subprocess
import sys

import numpy as np

from rightstrack.search import selectors
from rightstrack.search.bridge import dictionary, english_word, english_words, name_pairs
from rightstrack.search.query import Clause, Term, english_clause, parse, with_english


def test_the_word_list_is_learnt_from_the_shipped_names_in_both_languages():
    assert len(name_pairs()) > 800
    assert len(dictionary()) > 500
    for word, english in (("пытки", "torture"), ("пытками", "torture"), ("женщин", "women"),
                          ("әйелдер", "women"), ("коррупция", "corruption"), ("жемқорлық", "corruption"),
                          ("детей", "children"), ("инвалидов", "disabilities")):
        assert english_word(word) == english, word


def test_latin_function_and_unknown_words_have_no_english():
    assert english_word("torture") is None
    assert english_word("и") is None
    assert english_word("және") is None
    assert english_word("абвгдейка") is None


def test_the_word_list_is_the_same_in_every_process():
    # Learnt in a fixed order: ties between candidates must not depend on Python's string hashing.
    script = ("import json; from rightstrack.search.bridge import dictionary; "
              "print(json.dumps(dictionary(), sort_keys=True))")
    runs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(runs) == 1


def test_with_english_adds_the_english_word_as_an_alternative_and_leaves_out_function_words():
    clauses = with_english(parse("пытки и torture").positive)
    assert clauses == [Clause((Term(("пытки",)), Term(("torture",)))), Clause((Term(("torture",)),))]
    assert with_english(parse("и").positive) == parse("и").positive  # nothing else to look for: kept
    assert with_english(parse('"пытки в тюрьмах"').positive) == parse('"пытки в тюрьмах"').positive  # phrases as typed


def test_a_word_without_english_is_not_required_of_a_record_with_the_other_words_in_english():
    # (прессы or freedom) and (свобода or freedom): the Russian words, or "freedom".
    assert english_word("прессы") is None
    assert with_english(parse("свобода прессы").positive) == [
        Clause((Term(("свобода",)), Term(("freedom",)))), Clause((Term(("прессы",)), Term(("freedom",))))]
    # With two translated words, the untranslated one is ORed with each: (U or E1) and (U or E2) = U or (E1 and E2).
    assert with_english(parse("пытки прессы женщин").positive) == [
        Clause((Term(("пытки",)), Term(("torture",)))), Clause((Term(("прессы",)), Term(("torture",)))),
        Clause((Term(("прессы",)), Term(("women",)))), Clause((Term(("женщин",)), Term(("women",))))]
    # A Latin word is required as typed; a negated one excludes as typed.
    assert with_english(parse("прессы torture").positive) == parse("прессы torture").positive
    assert with_english(parse("torture -прессы").clauses) == parse("torture -прессы").clauses
    assert with_english(parse("прессы").positive) == parse("прессы").positive
    # A Russian stop word (PostgreSQL's `russian` list) is neither translated nor required.
    assert with_english(parse("всех прессы").positive) == parse("прессы").positive


def test_english_clause_is_any_word_of_the_query_in_english():
    assert english_clause(parse("torture of prisoners 2010").positive) == Clause(
        (Term(("torture",)), Term(("prisoners",))))
    assert english_clause(parse("пытки женщин").positive) == Clause((Term(("torture",)), Term(("women",))))
    assert english_clause(parse("и 2010").positive) is None
    assert english_words("Пытки и torture") == ["torture"]


def test_the_query_vector_is_averaged_with_its_english_only_when_a_word_was_translated(monkeypatch):
    vectors = {"пытки": np.array([1.0, 0.0]), "torture": np.array([0.0, 1.0]), "абвгдейка": np.array([0.6, 0.8])}
    monkeypatch.setattr(selectors, "embed_query", lambda text: vectors[text])
    assert np.allclose(selectors.query_vector("пытки"), np.array([1.0, 1.0]) / np.sqrt(2))
    assert np.allclose(selectors.query_vector("torture"), vectors["torture"])
    assert np.allclose(selectors.query_vector("абвгдейка"), vectors["абвгдейка"])

