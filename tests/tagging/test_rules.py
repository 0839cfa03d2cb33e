"""UPR Info verb rules for action categories."""

import pytest

from rightstrack.tagging.rules import rule_category


@pytest.mark.parametrize(
    "text, category",
    [
        ("Continue and strengthen its efforts to combat trafficking", "4"),  # the second verb counts
        ("To continue efforts to combat child labour", "2"),
        ("To consider ratifying the Rome Statute", "3"),
        ("To further strengthen human rights education", "4"),
        ("To take measures to limit the powers of prosecutors", "4"),
        ("To abolish the death penalty", "5"),
        ("Share its experience with other countries", "1"),
        ("Kazakhstan should ratify the Convention", "5"),
    ],
)
def test_opening_verb_decides_the_category(text, category):
    assert rule_category(text) == category


def test_text_without_a_known_opening_verb_has_no_rule():
    assert rule_category("Redouble its efforts against discrimination") is None
