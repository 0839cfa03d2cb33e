"""Full-text search through the list selector: boolean operators, phrases, stemming, facets, visibility."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db import connection
from django.http import QueryDict

from rightstrack.accounts.models import Role
from rightstrack.recommendations.selectors import (
    recommendation_faceted,
    recommendation_page_rows,
)
from rightstrack.recommendations.services import (
    recommendation_delete,
    recommendation_update,
)
from rightstrack.search import engine
from rightstrack.search.query import parse
from tests.factories import make_user


ENGLISH_TORTURE = {"op_cat", "torture_inquiry", "tortured"}  # the published English texts with "torture" in a form


def found(corpus, query, user=None, **params):
    qs, facets = recommendation_faceted(user=user or AnonymousUser(),
                                        params=QueryDict(urlencode({"q": query, **params})))
    keys = {rec.pk: key for key, rec in corpus.items()}
    return [keys[r.pk] for r in qs], facets


def test_a_word_finds_its_other_forms(corpus):
    keys, _ = found(corpus, "torture")
    assert set(keys) == {"op_cat", "torture_inquiry", "tortured"}


def test_words_are_anded(corpus):
    assert found(corpus, "torture detention")[0] == ["torture_inquiry"]


def test_or_finds_either(corpus):
    assert set(found(corpus, "redress OR abolish")[0]) == {"tortured", "death_penalty"}


def test_not_and_minus_exclude(corpus):
    assert set(found(corpus, "torture NOT detention")[0]) == {"op_cat", "tortured"}
    assert set(found(corpus, "torture -redress -protocol")[0]) == {"torture_inquiry"}


def test_only_negations_lists_everything_else(corpus):
    keys = set(found(corpus, "-torture -death")[0])
    assert keys == {"ru_torture", "ru_children"}


def test_phrase_needs_the_words_in_order(corpus):
    assert set(found(corpus, '"death penalty"')[0]) == {"death_penalty"}
    assert set(found(corpus, "death penalty")[0]) == {"death_penalty", "penalty_death"}


def test_best_match_comes_first(corpus):
    # "death" twice and "penalty" once beats one of each.
    assert found(corpus, "death penalty")[0][0] == "death_penalty"


def test_only_the_best_candidates_come_in_score_order_and_the_other_hits_follow_by_id(corpus, settings):
    clauses = parse("prisons OR torture").positive
    by_score = engine.fulltext_ranked(clauses, limit=100)
    assert len(by_score) == 4
    settings.SEARCH_CANDIDATES = 1
    assert engine.fulltext_ranked(clauses) == by_score[:1] + sorted(by_score[1:])
    assert set(engine.fulltext_ranked(clauses, among=by_score[1:3])) == set(by_score[1:3])
    assert engine.fulltext_ranked(clauses, among=[]) == []


def test_an_explicit_sort_overrides_relevance(corpus):
    assert found(corpus, "death", sort="-paragraph")[0] == ["penalty_death", "death_penalty"]


def test_russian_query_finds_russian_text_in_another_word_form(corpus):
    # Both engines use Snowball's Russian stemmer: "пытками" and "пытки" share the stem "пытк".
    corpus["ru_torture"].text = "Расследовать все случаи применения пыток и пытки в полиции"
    recommendation_update(actor=make_user("c", Role.COORDINATOR), recommendation=corpus["ru_torture"],
                          text=corpus["ru_torture"].text)
    # The English texts come through the vocabularies' word list (search/bridge.py: «пытки» is "torture").
    assert set(found(corpus, "пытками")[0]) == {"ru_torture", *ENGLISH_TORTURE}
    assert found(corpus, "детей")[0] == ["ru_children"]  # "детей-инвалидов" is split at the hyphen


def test_torture_in_russian_finds_the_genitive_plural_in_a_text_or_a_translation(corpus):
    # Snowball stems «пыток» as «пыток» and «пытки» as «пытк»; the fleeting vowel is dropped so they meet.
    coordinator = make_user("c", Role.COORDINATOR)
    recommendation_update(actor=coordinator, recommendation=corpus["death_penalty"],
                          translations={"text": {"ru": "Отменить смертную казнь, применяемую наряду с пытками"}})
    assert set(found(corpus, "пытки")[0]) == {"ru_torture", "death_penalty", *ENGLISH_TORTURE}
    assert set(found(corpus, "пыткам")[0]) == {"ru_torture", "death_penalty", *ENGLISH_TORTURE}


def test_a_russian_word_without_english_is_required_of_russian_texts_only(corpus):
    # «задержанных» is not in the vocabularies' word list: an English text cannot have it, so one with "torture" is
    # found, while a Russian text needs both words.
    assert set(found(corpus, "пытки задержанных")[0]) == ENGLISH_TORTURE  # ru_torture has «пыток», not «задержанных»
    recommendation_update(actor=make_user("c", Role.COORDINATOR), recommendation=corpus["ru_torture"],
                          text="Расследовать пытки задержанных в полиции")
    assert set(found(corpus, "пытки задержанных")[0]) == {"ru_torture", *ENGLISH_TORTURE}
    assert found(corpus, "задержанных")[0] == ["ru_torture"]  # nothing translated: as typed


def test_a_russian_stop_word_is_left_out_on_both_databases(corpus):
    # PostgreSQL's `russian` configuration drops «все»; FTS5 would require it of the English texts, which lack it.
    assert set(found(corpus, "все пытки")[0]) == {"ru_torture", *ENGLISH_TORTURE}


def test_kazakh_query_finds_other_inflections_of_a_kazakh_translation(corpus):
    coordinator = make_user("c", Role.COORDINATOR)
    recommendation_update(actor=coordinator, recommendation=corpus["op_cat"], translations={"text": {
        "kk": "Азаптауға қарсы конвенцияның факультативтік хаттамасын ратификациялау"}})
    assert found(corpus, "азаптау")[0] == ["op_cat"]
    assert found(corpus, "конвенциясы")[0] == ["op_cat"]  # no Kazakh letter: stemmed both ways
    assert found(corpus, "хаттамалар")[0] == ["op_cat"]


def test_facets_are_counted_within_the_hits(corpus):
    keys, facets = found(corpus, "torture")
    cycles = {v.value: v.count for f in facets if f.facet.key == "cycle" for v in f.values}
    assert cycles == {"2": 2, "1": 1}
    assert found(corpus, "torture", cycle="1")[0] == ["tortured"]


def test_anonymous_visitors_never_find_unpublished_records(corpus):
    assert "hidden_torture" not in found(corpus, "prisons OR torture")[0]
    viewer = make_user("v", Role.VIEWER)
    assert "hidden_torture" in found(corpus, "prisons OR torture", user=viewer)[0]


def test_recommending_states_and_symbols_are_searchable(corpus):
    assert found(corpus, "Norway")[0] == ["op_cat"]
    assert set(found(corpus, '"A/HRC/14/10"')[0]) == {"tortured", "death_penalty", "penalty_death", "ru_children"}


def test_index_follows_edits_and_deletions(corpus):
    coordinator = make_user("c", Role.COORDINATOR)
    recommendation_update(actor=coordinator, recommendation=corpus["ru_children"], text="Protect children from torture")
    assert "ru_children" in found(corpus, "torture")[0]
    recommendation_delete(actor=coordinator, recommendation=corpus["op_cat"])
    assert "op_cat" not in [k for k in found(corpus, "torture")[0]]


def test_operator_characters_cannot_break_the_engine(corpus):
    for query in ['"', "NEAR(a b)", "body:torture", "*", "torture)", "(((", "OR OR", "NOT", "- -", "^x", "'"]:
        found(corpus, query)  # no exception


def test_postgres_uses_the_russian_configuration_for_both_languages(corpus):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite stems in Python (tested above with the same expectations)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM search_searchdocument WHERE recommendation_id = %s",
                       [corpus["tortured"].pk])
        assert "'tortur'" in cursor.fetchone()[0]


@pytest.mark.parametrize("params", [
    {"q": "torture"}, {"q": "torture", "cycle": "2"}, {"q": "torture OR death", "sort": "-paragraph"},
    {"q": "-torture"}, {"q": "torture", "state": "Norway"}, {"q": "nothing-matches-this"}, {"cycle": "1"},
])
@pytest.mark.parametrize("user_kind", ["anonymous", "coordinator"])
def test_the_list_page_shows_the_filtered_rows_in_order_and_counts_them_without_a_count_query(
        corpus, settings, params, user_kind):
    settings.SEARCH_CANDIDATES = 2  # hits after the best two follow by id
    user = AnonymousUser() if user_kind == "anonymous" else make_user("c", Role.COORDINATOR)
    query = QueryDict(urlencode(params))
    expected = [r.pk for r in recommendation_faceted(user=user, params=query)[0]]
    rows, _facets = recommendation_page_rows(user=user, params=query)
    page = Paginator(rows, 2).get_page(1)
    assert page.paginator.count == len(expected)
    assert [r.pk for r in page] == expected[:2]
    assert [r.pk for n in page.paginator.page_range for r in page.paginator.page(n)] == expected


def test_hybrid_finds_english_records_tagged_with_a_term_the_query_names_in_russian(corpus):
    from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary

    torture = Term.objects.create(vocabulary=Vocabulary.UPR_ISSUE, code="Torture and other CID treatment",
                                  name="Torture and other CID treatment", translations={"name": {
                                      "ru": "Пытки и другие жестокие виды обращения", "kk": "Азаптау"}})
    for key, status in (("op_cat", TagAssignment.Status.ACCEPTED), ("death_penalty", TagAssignment.Status.SUGGESTED)):
        TagAssignment.objects.create(recommendation=corpus[key], term=torture, vocabulary=torture.vocabulary,
                                     status=status)
    # No vector in this corpus: hybrid fuses the words and the tags; full text has only the words. «азаптау» is in no
    # text, and the vocabularies' word list gives no English word of these texts for it.
    assert found(corpus, "азаптау", mode="hybrid")[0] == ["op_cat"]
    assert found(corpus, "азаптау", mode="fulltext")[0] == []


def test_records_tagged_alike_follow_the_semantic_ranking_not_their_age(corpus):
    from rightstrack.search.selectors import tagged_with_named_terms
    from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary

    torture = Term.objects.create(vocabulary=Vocabulary.UPR_ISSUE, code="Torture and other CID treatment",
                                  name="Torture and other CID treatment", translations={"name": {"ru": "Пытки"}})
    older, newer = sorted((corpus["op_cat"], corpus["death_penalty"]), key=lambda r: r.pk)
    for record in (older, newer):
        TagAssignment.objects.create(recommendation=record, term=torture, vocabulary=torture.vocabulary,
                                     status=TagAssignment.Status.ACCEPTED)
    assert tagged_with_named_terms("пытки") == [older.pk, newer.pk]  # one tag each: by id without a ranking
    assert tagged_with_named_terms("пытки", prefer=[newer.pk, 12345, older.pk]) == [newer.pk, older.pk]


def test_russian_and_kazakh_words_find_english_texts_through_the_vocabularies(corpus):
    # «пытки» is "torture" and «жемқорлық» "corruption" in the shipped vocabularies' names (search/bridge.py).
    assert set(found(corpus, "пытки", mode="fulltext")[0]) == {"ru_torture", *ENGLISH_TORTURE}
    assert set(found(corpus, "пытки в местах", mode="fulltext")[0]) == {"ru_torture"}  # every word still counts
    assert set(found(corpus, "пытки и", mode="fulltext")[0]) == {"ru_torture", *ENGLISH_TORTURE}  # «и» is left out
    coordinator = make_user("c", Role.COORDINATOR)
    recommendation_update(actor=coordinator, recommendation=corpus["penalty_death"],
                          text="Investigate corruption in the courts")
    assert found(corpus, "жемқорлық", mode="fulltext")[0] == ["penalty_death"]
