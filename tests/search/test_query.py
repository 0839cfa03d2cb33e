"""The query parser: user syntax in, clauses out; never fails, renders safe FTS5."""

from rightstrack.search.query import parse, to_fts5


def words(parsed):
    return [([t.words for t in c.terms], c.negated) for c in parsed.clauses]


def test_words_are_anded():
    assert words(parse("torture detention")) == [([("torture",)], False), ([("detention",)], False)]


def test_or_joins_neighbours_and_binds_tighter_than_and():
    assert words(parse("torture OR ill prison")) == [([("torture",), ("ill",)], False), ([("prison",)], False)]
    assert words(parse("a | b")) == [([("a",), ("b",)], False)]


def test_not_and_minus_exclude():
    assert words(parse("torture NOT death -penalty")) == [
        ([("torture",)], False), ([("death",)], True), ([("penalty",)], True)]


def test_phrases_keep_word_order():
    assert words(parse('"death penalty" abolish')) == [([("death", "penalty")], False), ([("abolish",)], False)]


def test_hyphenated_word_becomes_a_phrase():
    assert words(parse("ill-treatment")) == [([("ill", "treatment")], False)]


def test_broken_syntax_is_repaired_with_a_note():
    parsed = parse('"death penalty OR')
    assert words(parsed) == [([("death", "penalty", "OR")], False)]
    assert parsed.notes
    dangling = parse("torture OR")
    assert words(dangling) == [([("torture",)], False)] and dangling.notes


def test_punctuation_only_query_is_empty():
    assert not parse('" ( ) * : ^ "')


def test_fts5_rendering_quotes_stems_and_cannot_inject():
    parsed = parse('tortured OR "death penalties" NEAR(x) body:y')
    # FTS5 operators and column filters become plain words inside quotes.
    assert to_fts5(parsed.positive) == '("tortur" OR "death penalti") AND ("near x") AND ("bodi y")'


def test_russian_words_are_stemmed_for_fts5():
    # Every form reaches the Russian stem "пытк" ("пыток" through the project's о/е rule, which Snowball lacks); a
    # Cyrillic word without a Kazakh-only letter is also looked for as the Kazakh stemmer leaves it (unchanged here).
    assert {w: to_fts5(parse(w).positive) for w in ("пытки", "пытками", "пытка", "пыток")} == {
        w: f'("пытк" OR "{w}")' for w in ("пытки", "пытками", "пытка", "пыток")}


def test_plain_text_drops_operators_and_negations():
    assert parse('"death penalty" OR torture -prison').plain_text == "death penalty torture"
