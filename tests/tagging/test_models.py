"""Training, the model store, taxonomies and the Python entry points (hashing embedder: fast, deterministic)."""

import json

import numpy as np
import pytest

from rightstrack.tagging import suggest
from rightstrack.tagging.api import build_default
from rightstrack.tagging.methods import Blend, Lexical, Linear, RulesThenLinear, ZeroShot
from rightstrack.tagging.model import TrainedModel
from rightstrack.tagging.stand_in import STAND_INS
from rightstrack.tagging.taxonomies import TAXONOMY_NAMES, cycle1_recommendations, get_taxonomy, label_words
from rightstrack.tagging.training import describe, description_texts, evaluate, label_matrix, train, zero_shot

from .conftest import FIXTURE_RECORDS


@pytest.fixture(scope="module")
def trained():
    """A small upr-issues model trained once for this module (hashing embedder, as the module runs with it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RIGHTSTRACK_TAGGING_EMBEDDER", "hashing-2048")
        return train("upr-issues", [r["text"] for r in FIXTURE_RECORDS], [r["labels"] for r in FIXTURE_RECORDS], k=3)


def test_taxonomies_use_the_reference_label_names():
    assert get_taxonomy("sdg").labels == tuple(str(i) for i in range(1, 18))
    assert "16.3" in get_taxonomy("sdg-targets").labels
    assert {"ICCPR 7", "CAT 2"} <= set(get_taxonomy("articles").labels)
    assert get_taxonomy("action-category").labels == ("1", "2", "3", "4", "5")
    issues = get_taxonomy("upr-issues")
    assert len(issues.labels) == 54 and "Torture and other CID treatment" in issues.labels
    # UPR Info's "Detention" coding maps onto the published issue name.
    assert all(set(labels) <= set(issues.labels) for _, labels in issues.training)
    assert set(TAXONOMY_NAMES) == {"sdg", "sdg-targets", "upr-issues", "action-category", "themes", "groups",
                                   "articles"}


def test_trained_model_round_trips_through_the_store(tmp_path, trained):
    model = trained
    version = model.save(tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert meta["version"] == version and version.startswith("upr-issues/")
    assert set(meta["thresholds"]) == set(get_taxonomy("upr-issues").labels)
    assert meta["evaluation"]["n_texts"] == len(FIXTURE_RECORDS)
    assert "micro" in meta["evaluation"] and meta["method_comparison"]
    loaded = TrainedModel.load(tmp_path / "m")
    texts = ["Abolish capital punishment", "Free the press"]
    assert np.allclose(loaded.score(texts), model.score(texts), atol=1e-6)
    assert loaded.predict(texts)[0][0].model_version == version


def test_saving_the_same_model_twice_gives_the_same_version(tmp_path, trained):
    assert trained.save(tmp_path / "a") == TrainedModel.load(tmp_path / "a").save(tmp_path / "b")


# Recommendations the model never saw in training, each with the issue a person would code it with.
HELD_OUT = [
    ("Abolish capital punishment and the death penalty for all crimes", ["Death penalty"]),
    ("Commute the death sentences of all prisoners on death row", ["Death penalty"]),
    ("Investigate allegations of torture and ill-treatment by the police", ["Torture and other CID treatment"]),
    ("Guarantee the freedom of the press and protect independent journalists", ["Freedom of the press"]),
    ("Stop the harassment of media outlets and decriminalise defamation", ["Freedom of the press"]),
    ("Ensure access to education for all children in rural schools", ["Right to education"]),
    ("Ratify the Optional Protocol to the Convention on the Rights of the Child", ["International instruments"]),
]


def test_trained_model_tags_unseen_texts_sensibly(trained):
    model = trained
    top = [s[0].label for s in model.predict([text for text, _labels in HELD_OUT])]
    assert top == [labels[0] for _text, labels in HELD_OUT]
    # Scored on texts it was not trained on (0.875 with the hashing embedder; shuffled training labels give 0.35).
    report = evaluate(model, [text for text, _labels in HELD_OUT], [labels for _text, labels in HELD_OUT])
    assert report["micro"]["recall"] == 1.0 and report["micro"]["f1"] > 0.75


def test_suggest_uses_default_models_and_marks_the_predicted_set():
    result = suggest("articles", ["Definition of torture", "Right to life"])
    assert len(result) == 2 and result[0][0].label == "CAT 1"
    assert len(result[0]) == len(get_taxonomy("articles").labels)
    assert [s.score for s in result[0]] == sorted((s.score for s in result[0]), reverse=True)
    assert all(s.model_version.startswith("articles/zero-shot@hashing-2048/") for s in result[0])


def test_verb_rule_outranks_the_linear_model_when_it_fires():
    labels = ["1", "2", "3", "4", "5"]
    linear = Linear(np.zeros((0, 4), np.float32), np.zeros(0, np.int32), 5, True)
    linear.coef[4, 0] = 5.0  # the linear part strongly prefers "5"
    method = RulesThenLinear(linear, labels)
    x = np.array([[1.0, 0, 0, 0], [1.0, 0, 0, 0]], np.float32)
    scores = method.scores(x, ["Continue and strengthen its efforts", "Something without a known verb"])
    assert scores[0].argmax() == 3 and scores[1].argmax() == 4
    assert np.allclose(scores.sum(axis=1), 1.0)


def test_lexical_part_learns_decisive_words_that_embeddings_do_not_see():
    labels = ["NHRI", "Death penalty"]
    texts = ["Establish an institution in line with the Paris Principles", "Abolish capital punishment"]
    method = Lexical(labels, np.array([0, 1]), 2).fit(np.zeros((2, 0)), np.eye(2, dtype=bool), texts)
    scores = method.scores(np.zeros((2, 0)), ["Bring the commission into line with the Paris Principles",
                                              "A moratorium on capital punishment"])
    assert scores[0].argmax() == 0 and scores[1].argmax() == 1


def test_blend_of_linear_zero_shot_and_lexical_round_trips_through_the_store(tmp_path, trained):
    taxonomy = get_taxonomy("upr-issues")
    from rightstrack.tagging.embedders import get_embedder

    embedder = get_embedder()
    protos, owner = describe(taxonomy, embedder)
    n = len(taxonomy.labels)
    method = Blend({"linear": Linear(protos, owner, n, False), "zero-shot": ZeroShot(protos, owner, n),
                    "lexical": Lexical(description_texts(taxonomy)[0], owner, n)},
                   {"linear": 1.0, "zero-shot": 10.0, "lexical": 1.0})
    texts = [r["text"] for r in FIXTURE_RECORDS]
    method.fit(embedder.embed(texts), label_matrix(taxonomy, [r["labels"] for r in FIXTURE_RECORDS]), texts)
    # The blend reads the embedder's vectors: its meta names that embedder (the shipped default reads n-grams).
    model = TrainedModel({**trained.meta, "embedder": embedder.name, "opening_words": 0}, method, trained.thresholds)
    version = model.save(tmp_path / "blend")
    assert "/linear+zero-shot+lexical@" in version
    loaded = TrainedModel.load(tmp_path / "blend")
    probe = ["Abolish capital punishment", "Free the journalists and the press"]
    assert np.allclose(loaded.score(probe), model.score(probe), atol=1e-3)  # lexical weights are stored as float16
    assert [s[0].label for s in loaded.predict(probe)] == ["Death penalty", "Freedom of the press"]


def test_default_sdg_model_blends_descriptions_and_goal_vocabulary():
    result = suggest("sdg", ["Cut greenhouse gas emissions and adapt farming to global warming",
                             "Safe drinking water and sanitation for every village"])
    assert [r[0].label for r in result] == ["13", "6"]
    assert result[0][0].model_version.startswith("sdg/zero-shot+lexical@hashing-2048/")


def test_every_text_gets_at_least_its_best_sdg():
    [suggestions] = suggest("sdg", ["The board met on Tuesday"])
    assert suggestions[0].above_threshold


def test_a_zero_shot_model_suggests_what_its_background_corpus_is_mostly_about():
    """Themes have no labelled data, so the model is calibrated on unlabelled in-domain texts; a corpus that is
    mostly about torture must not make the torture themes the hardest to suggest."""
    topics = ["Prevent torture and ill-treatment of detainees", "Investigate every allegation of torture",
              "Abolish the death penalty", "Guarantee freedom of expression of journalists",
              "Improve access to education for all children", "Combat trafficking in persons"]
    background = [f"{topics[0] if i % 3 else topics[i % len(topics)]} in region {i}" for i in range(120)]
    model = zero_shot("themes", background, embedder_name="hashing-2048")
    [torture, press] = model.predict(["Investigate allegations of torture and ill-treatment by the police",
                                      "Protect journalists and guarantee freedom of expression"])
    assert torture[0].above_threshold and "torture" in torture[0].label.casefold()
    assert press[0].above_threshold and "expression" in press[0].label.casefold()


def test_every_theme_group_and_article_and_some_targets_are_described_in_the_words_recommendations_use():
    themes, groups, articles = get_taxonomy("themes"), get_taxonomy("groups"), get_taxonomy("articles")
    # A theme, group or article added to the reference data needs its words.
    assert set(label_words()['themes']) == set(themes.labels)
    assert set(label_words()['groups']) == set(groups.labels) and set(label_words()['articles']) == set(articles.labels)
    # Legacy and current names of one theme share their words.
    assert label_words()['themes']["Death penalty"] in themes.descriptions["Death penalty"][0]
    assert label_words()['themes']["Freedom of opinion and expression"] == label_words()['themes'][
        "Freedom of opinion & expression & right to information"]
    assert groups.descriptions["Media"] == (f"Media: {label_words()['groups']['Media']}",)
    [iccpr6] = articles.descriptions["ICCPR 6"]
    assert iccpr6.startswith("Right to life") and iccpr6.endswith(label_words()['articles']["ICCPR 6"])
    # SDG targets: those with words (a misspelt target would be silently ignored) keep their text before them.
    targets = get_taxonomy("sdg-targets")
    assert set(label_words()['targets']) < set(targets.labels)
    [nhri] = targets.descriptions["16.a"]
    assert nhri.startswith("Peace, justice and strong institutions: Strengthen relevant national institutions")
    assert nhri.endswith(f": {label_words()['targets']['16.a']}")
    assert targets.descriptions["14.1"][0].endswith("marine debris and nutrient pollution")


def test_groups_articles_and_targets_are_found_by_the_words_recommendations_use_not_only_by_their_names():
    """No text names its group ("Media", "Women"), article or SDG target: the descriptions carry the words that
    do."""
    background = [f"Recommendation {i} on {topic}" for i in range(40) for topic in (
        "prisons and detainees", "children and schools", "persons with disabilities", "migrant workers")]
    model = zero_shot("groups", background, embedder_name="hashing-2048")
    press, violence = model.predict(["Ensure the safety of journalists and bloggers",
                                     "Prosecute perpetrators of domestic violence"])
    assert press[0].label == "Media" and press[0].above_threshold
    assert violence[0].label in {"Women", "Women & girls"} and violence[0].above_threshold

    # Articles likewise: neither text names its article's title ("Right to life", "Equality of men and women").
    model = zero_shot("articles", background, embedder_name="hashing-2048")
    executions, expression = model.predict(["Establish a moratorium on executions",
                                            "Decriminalize defamation and libel"])
    assert executions[0].label == "ICCPR 6" and expression[0].label == "ICCPR 19"

    # SDG targets likewise: the target texts speak of institutions, freedoms and harmful practices in general.
    model = zero_shot("sdg-targets", background, embedder_name="hashing-2048")
    found = model.predict(["Bring the national human rights institution into line with the Paris Principles",
                           "Ensure the safety of journalists and decriminalize defamation",
                           "Combat bride kidnapping and early marriage"])
    assert [(s[0].label, s[0].above_threshold) for s in found] == [("16.a", True), ("16.10", True), ("5.3", True)]


def test_a_theme_s_legacy_and_current_names_are_suggested_once():
    themes = get_taxonomy("themes")
    torture = [group for group in themes.synonyms if "Prohibition of torture and cruel, inhuman or degrading "
               "treatment" in group]
    assert torture == [("Prohibition of torture and cruel, inhuman or degrading treatment",
                        "Prohibition of torture & cruel, inhuman or degrading treatment",
                        "Prohibition of torture & ill-treatment (including cruel, inhuman or degrading treatment)")]
    model = zero_shot("themes", [r["text"] for r in FIXTURE_RECORDS], embedder_name="hashing-2048")
    text = ["Prevent torture, ill-treatment and cruel, inhuman or degrading treatment or punishment in detention"]
    [suggestions] = model.predict(text)
    assert len({s.label for s in suggestions if s.above_threshold} & set(torture[0])) == 1
    model.meta["synonyms"] = []  # without the rule, two names of the one theme would both be suggested
    [suggestions] = model.predict(text)
    assert len({s.label for s in suggestions if s.above_threshold} & set(torture[0])) >= 2


@pytest.mark.parametrize(("taxonomy", "issue", "label"), [("articles", "Death penalty", "ICCPR 6"),
                                                       ("sdg-targets", "Women's rights", "5.2")])
def test_the_zero_shot_defaults_are_evaluated_on_the_upr_info_stand_in_and_say_so(taxonomy, issue, label):
    """Themes, groups, articles and SDG targets have no labelled data of their own: their stored evaluation is the
    stand-in (UPR Info issues that match a label), marked as such; the SDG model keeps its own evaluation."""
    model = build_default(taxonomy, "hashing-2048", progress=lambda _message: None)
    evaluation, protocol = model.meta["evaluation"], model.meta["evaluation_protocol"]
    assert evaluation["stand_in"] and protocol.startswith("stand-in") and "127 coded" in protocol
    coded = [r["text"] for r in cycle1_recommendations() if issue in r["upr_info_issues"].split("|")]
    assert evaluation["n_texts"] == 127 and evaluation["per_label"][issue]["support"] == len(coded) > 0
    # The issue is found when one of its labels is among the suggested ones, and only then.
    accepted = STAND_INS[taxonomy][issue]
    assert label in accepted
    found = sum(bool(accepted & {s.label for s in suggestions if s.above_threshold})
                for suggestions in model.predict(coded))
    assert evaluation["per_label"][issue]["recall"] == pytest.approx(found / len(coded))


def test_every_issue_and_label_of_the_stand_in_exists_and_the_sdg_model_keeps_its_own_evaluation():
    # A misspelt issue or label would silently count as never found.
    issues = set(get_taxonomy("upr-issues").labels)
    assert set(STAND_INS) == {"themes", "groups", "articles", "sdg-targets"}
    for taxonomy, accepted in STAND_INS.items():
        assert set(accepted) <= issues and set().union(*accepted.values()) <= set(get_taxonomy(taxonomy).labels)
    sdg = build_default("sdg", "hashing-2048", progress=lambda _message: None)
    assert "stand_in" not in sdg.meta["evaluation"] and not sdg.meta["evaluation_protocol"].startswith("stand-in")


def test_confidences_are_on_a_0_to_1_scale_follow_the_scores_and_survive_the_store(tmp_path, trained):
    texts = ["Abolish capital punishment", "Free the press", "Investigate torture by the police",
             "Children need schools"]
    trained.save(tmp_path / "m")
    suggestions = trained.predict(texts)
    assert trained.meta["confidence"]["calibrated"]
    for label in trained.labels:
        pairs = sorted((s.score, s.confidence) for row in suggestions for s in row if s.label == label)
        assert [c for _s, c in pairs] == sorted(c for _s, c in pairs)  # more score, more confidence
    assert all(0 <= s.confidence <= 1 for row in suggestions for s in row)
    assert TrainedModel.load(tmp_path / "m").predict(texts) == suggestions


def test_zero_shot_confidences_put_every_labels_threshold_at_one_half():
    model = zero_shot("themes", [r["text"] for r in FIXTURE_RECORDS], embedder_name="hashing-2048")
    for row in model.predict(["Abolish the death penalty", "Protect journalists"]):
        for s in row:
            assert 0 < s.confidence < 1
            assert (s.confidence >= 0.5) == (s.score >= model.thresholds[model.labels.index(s.label)] - 1e-4)


def test_the_sdg_model_can_give_a_text_two_or_three_goals():
    sdg = build_default("sdg", "hashing-2048", progress=lambda _message: None)
    assert sdg.meta["max_labels"] == 3 and sdg.meta["near_top"] > 0
    texts = ["Ensure safe drinking water and sanitation in rural schools so that girls complete their education",
             "Reduce maternal mortality and end hunger and malnutrition among poor rural households",
             "Protect marine ecosystems and fisheries from pollution and climate change"]
    counts = [sum(s.above_threshold for s in row) for row in sdg.predict(texts)]
    assert all(1 <= c <= 3 for c in counts) and max(counts) >= 2
