"""Model suggestions: stored with confidence and version, reviewed one by one or in bulk, never re-suggested
by the same version once rejected; each version's held-out evaluation is shown."""

import json
import shutil

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from rightstrack.accounts.models import Role
from rightstrack.jobs.models import Job
from rightstrack.jobs.runner import job_summary
from rightstrack.jobs.tasks import run_job
from rightstrack.tagging import suggest
from rightstrack.tagging.stand_in import PROTOCOL as STAND_IN_PROTOCOL
from rightstrack.tagging.taxonomies import get_taxonomy
from rightstrack.tagging.training import DESCRIPTIONS_PROTOCOL, NO_EVALUATION_PROTOCOL, TRAINED_PROTOCOL
from rightstrack.tagreview.jobs import job_taxonomy
from rightstrack.tagreview.models import TaggingModelVersion
from rightstrack.tagreview.services import job_start, tag_suggest
from rightstrack.tagreview.templatetags.tagreview import evaluation_protocol
from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary
from rightstrack.taxonomy.services import tag_decide
from tests.factories import PASSWORD, make_user
from tests.snapshot import database_fingerprint


@pytest.fixture
def goals(db):
    return {code: Term.objects.create(vocabulary=Vocabulary.SDG_GOAL, code=code, name=f"Goal {code}")
            for code in ("3", "4", "16")}


def suggested(rec):
    return {t.term.code: t for t in TagAssignment.objects.filter(recommendation=rec).select_related("term")}


def test_suggestions_are_stored_with_confidence_and_version(corpus, goals, sdg_model):
    stored = tag_suggest(taxonomy="sdg", recommendation_ids=[corpus["op_cat"].pk], model_path=sdg_model)
    tags = suggested(corpus["op_cat"])
    assert stored == len(tags) >= 1 and "16" in tags
    tag = tags["16"]
    assert (tag.status, tag.source) == ("suggested", "model")
    assert 0 < tag.confidence <= 1 and tag.model_version.startswith("sdg/")
    version = TaggingModelVersion.objects.get(version=tag.model_version)
    assert version.evaluation["micro"]["f1"] > 0 and "16" in version.thresholds


def test_running_again_changes_nothing(corpus, goals, sdg_model):
    tag_suggest(taxonomy="sdg", model_path=sdg_model)
    before = database_fingerprint()
    assert tag_suggest(taxonomy="sdg", model_path=sdg_model) == 0
    assert database_fingerprint() == before


def test_a_rejected_suggestion_is_not_suggested_again_by_the_same_version(corpus, goals, sdg_model, tmp_path):
    coordinator = make_user("c", Role.COORDINATOR)
    rec = corpus["op_cat"]
    tag_suggest(taxonomy="sdg", recommendation_ids=[rec.pk], model_path=sdg_model)
    tag = suggested(rec)["16"]
    tag_decide(actor=coordinator, tags=[tag], accept=False)
    tag_suggest(taxonomy="sdg", recommendation_ids=[rec.pk], model_path=sdg_model)
    tag.refresh_from_db()
    assert tag.status == "rejected"
    # A new model version may suggest it again; the old rejection stays in history.
    newer = tmp_path / "newer"
    shutil.copytree(sdg_model, newer)
    meta = json.loads((newer / "model.json").read_text())
    (newer / "model.json").write_text(json.dumps({**meta, "version": meta["version"] + "-retrained"}))
    tag_suggest(taxonomy="sdg", recommendation_ids=[rec.pk], model_path=newer)
    tag.refresh_from_db()
    assert (tag.status, tag.model_version) == ("suggested", meta["version"] + "-retrained")
    assert tag.history.filter(status="rejected").exists()


def test_accepted_and_person_tags_are_left_alone(corpus, goals, sdg_model):
    coordinator = make_user("c", Role.COORDINATOR)
    rec = corpus["op_cat"]
    TagAssignment.objects.create(recommendation=rec, term=goals["16"], status="accepted", source="person",
                                 created_by=coordinator)
    tag_suggest(taxonomy="sdg", recommendation_ids=[rec.pk], model_path=sdg_model)
    assert (suggested(rec)["16"].status, suggested(rec)["16"].source) == ("accepted", "person")


def test_unknown_taxonomy_is_refused_before_anything_is_written(corpus):
    with pytest.raises(ValueError):
        tag_suggest(taxonomy="colours")
    coordinator = make_user("c", Role.COORDINATOR)
    with pytest.raises(ValueError):
        job_start(actor=coordinator, kind=Job.Kind.TAG, params={"taxonomy": "colours"})
    assert not Job.objects.exists()


def test_bulk_tagging_job_reports_progress(corpus, goals, sdg_model, django_capture_on_commit_callbacks):
    coordinator = make_user("c", Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=False):  # the worker runs it, not the request
        job = job_start(actor=coordinator, kind=Job.Kind.TAG,
                        params={"taxonomy": "sdg", "model_path": str(sdg_model)})
    run_job.call(job.pk)
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.percent) == ("done", len(corpus), len(corpus), 100)
    assert "suggestions stored" in job_summary(job)
    assert TagAssignment.objects.filter(status="suggested", recommendation=corpus["op_cat"], term__code="16").exists()
    with translation.override("ru"):
        assert job_taxonomy(job) == "Цель ЦУР"
        stored = job.result["stored"]
        assert job_summary(job).endswith("сохранено") and job_summary(job).split()[0] == str(stored)


def test_failed_job_says_why(corpus):
    job = Job.objects.create(kind=Job.Kind.TAG, params={"taxonomy": "sdg", "model_path": "/nonexistent"})
    with pytest.raises(Exception):
        run_job.call(job.pk)
    job.refresh_from_db()
    assert job.state == "failed" and job.error


@pytest.fixture
def review(client, corpus, goals, sdg_model):
    tag_suggest(taxonomy="sdg", model_path=sdg_model)
    coordinator = make_user("c", Role.COORDINATOR)
    client.login(username="c", password=PASSWORD)
    return coordinator


def test_review_page_lists_suggestions_with_the_model_evaluation(client, review):
    page = client.get(reverse("tagreview:tag_review")).content.decode()
    version = TagAssignment.objects.filter(status="suggested").first().model_version
    assert version in page and "micro F1" in page
    # In plain words first; the version id and the F1 scores behind the details toggle.
    registered = TaggingModelVersion.objects.get(version=version)
    percent = round(100 * registered.evaluation["micro"]["precision"])
    assert f"Suggested by the SDG model, trained {date_format(registered.created_at)}; {percent}% of its held-out" in page
    assert page.index("Suggested by the SDG model") < page.index("<details>") < page.index("micro F1")
    assert TagAssignment.objects.filter(status="suggested").count() == page.count('name="tags" value=') / 2
    models = client.get(reverse("tagreview:model_version_list")).content.decode()
    assert version in models and "Per label" in models


def test_a_zero_shot_model_shows_its_stand_in_evaluation_as_such(client, corpus):
    """Articles have no labelled data: the page shows the UPR Info stand-in's figures, marked, per issue (hashing
    embedder, from tests/conftest.py)."""
    Term.objects.bulk_create([Term(vocabulary=Vocabulary.ARTICLE, code=label, name=label)
                              for label in get_taxonomy("articles").labels])
    tag_suggest(taxonomy="articles")
    make_user("c", Role.COORDINATOR)
    client.login(username="c", password=PASSWORD)
    registered = TaggingModelVersion.objects.get(taxonomy="articles")
    assert registered.evaluation["stand_in"] and registered.protocol.startswith("stand-in")
    page = client.get(reverse("tagreview:tag_review")).content.decode()
    assert "(UPR Info stand-in)" in page and "not evaluated" not in page
    models = client.get(reverse("tagreview:model_version_list")).content.decode()
    assert "Per UPR Info issue" in models and "Death penalty" in models
    # The protocol, stored in English by the tagging app, reads in the page's language, with its number.
    assert "127 coded cycle-1 recommendations" in models
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    russian = client.get(reverse("tagreview:model_version_list")).content.decode()
    assert "на 127 закодированных рекомендациях первого цикла" in russian and "coded cycle-1" not in russian


def test_accepting_one_writes_history(client, review):
    tag = TagAssignment.objects.filter(status="suggested").first()
    response = client.post(reverse("taxonomy:tag_decide"), {"tags": [tag.pk], "accept": "1",
                                                            "next": reverse("tagreview:tag_review")})
    assert response.status_code == 302 and response["Location"] == reverse("tagreview:tag_review")
    tag.refresh_from_db()
    assert tag.status == "accepted" and tag.decided_by == review
    assert tag.history.first().history_user == review and tag.history.first().status == "accepted"


def test_bulk_reject(client, review):
    tags = list(TagAssignment.objects.filter(status="suggested").values_list("pk", flat=True))
    client.post(reverse("taxonomy:tag_decide"), {"tags": tags, "accept": "0"})
    assert set(TagAssignment.objects.filter(pk__in=tags).values_list("status", flat=True)) == {"rejected"}


def test_deciding_an_already_decided_tag_is_refused_without_change(client, review):
    tag = TagAssignment.objects.filter(status="suggested").first()
    tag_decide(actor=review, tags=[tag], accept=True)
    before = database_fingerprint()
    response = client.post(reverse("taxonomy:tag_decide"), {"tags": [tag.pk], "accept": "0"})
    assert response.status_code == 400 and database_fingerprint() == before


def test_confidence_filter(client, review):
    page = client.get(reverse("tagreview:tag_review"), {"min": "0.99", "vocabulary": "sdg"}).content.decode()
    shown = page.count('name="tags" value=') / 2
    assert shown == TagAssignment.objects.filter(status="suggested", confidence__gte=0.99).count()
    assert client.get(reverse("tagreview:tag_review"), {"min": "lots"}).status_code == 200


def test_the_review_page_is_for_coordinators_and_keeps_its_address(client, world):
    route = "tagreview:tag_review"
    assert reverse(route) == "/search/tags/"  # where it was in the search app: bookmarks still work
    assert client.get(reverse(route))["Location"].startswith(reverse("accounts:login"))
    client.login(username="viewer", password=PASSWORD)
    assert client.get(reverse(route)).status_code == 403
    client.login(username="coord", password=PASSWORD)
    assert client.get(reverse(route)).status_code == 200


def test_suggestions_store_the_models_confidence_not_its_raw_score(corpus):
    """Scores of zero-shot models are centred cosines and those of blends exceed 1; the review list sorts and
    filters every vocabulary's suggestions together, on the 0-1 confidence."""
    rec = corpus["op_cat"]
    [suggestions] = suggest("themes", [rec.text])
    best = next(s for s in suggestions if s.above_threshold)
    Term.objects.create(vocabulary=Vocabulary.THEME, code="T1", name=best.label)
    assert tag_suggest(taxonomy="themes", recommendation_ids=[rec.pk]) == 1
    tag = TagAssignment.objects.get(recommendation=rec, term__vocabulary=Vocabulary.THEME)
    assert tag.confidence == pytest.approx(best.confidence) and 0.5 <= tag.confidence < 1
    assert abs(best.score - best.confidence) > 0.1


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_evaluation_protocol_reads_in_the_reader_s_language(language):
    """Each protocol the tagging app writes is translated, numbers kept; a note after it stays; others as stored."""
    written = [TRAINED_PROTOCOL.format(k=5, n=64) + " 2 accepted tags name terms this tagger has no label for.",
               DESCRIPTIONS_PROTOCOL, NO_EVALUATION_PROTOCOL, STAND_IN_PROTOCOL.format(n=127)]
    with translation.override(language):
        shown = [evaluation_protocol(text) for text in written]
    assert all(a != b for a, b in zip(shown, written))
    assert "64" in shown[0] and "5" in shown[0] and shown[0].endswith(" 2 accepted tags name terms this tagger has "
                                                                      "no label for.")
    assert "127" in shown[3]
    assert evaluation_protocol("held out by hand") == "held out by hand"
