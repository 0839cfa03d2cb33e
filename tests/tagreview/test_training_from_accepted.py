"""The taggers learn from the organisation's accepted tags: a job, a command or the review page trains a model on
them, stores its held-out evaluation, and bulk tagging uses it from then on (falling back to the shipped default
when it no longer loads). Too few accepted tags is a clear refusal that writes nothing."""

import json
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from rightstrack.accounts.models import Role
from rightstrack.jobs.models import Job
from rightstrack.jobs.runner import job_summary
from rightstrack.jobs.tasks import run_job
from rightstrack.recommendations.models import Recommendation
from rightstrack.tagreview.models import TaggingModelVersion
from rightstrack.tagreview.services import accepted_examples, job_start, tag_suggest, tagger_train, trained_model
from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary
from tests.factories import PASSWORD, make_user


# Recommendation openings and the UPR action category (1-5) a person gave each.
CODED = [
    ("Ratify the Convention on the Rights of Persons with Disabilities", "5"),
    ("Adopt a law criminalising domestic violence", "5"),
    ("Amend the Criminal Code to define torture", "5"),
    ("Ratify the Optional Protocol to the Convention against Torture", "5"),
    ("Consider ratifying the Second Optional Protocol", "3"),
    ("Consider the possibility of abolishing the death penalty", "3"),
    ("Consider acceding to the 1954 Convention on statelessness", "3"),
    ("Continue its efforts to promote gender equality", "2"),
    ("Continue strengthening the national human rights institution", "2"),
    ("Continue to implement the national action plan on human rights", "2"),
    ("Take measures to improve conditions in prisons", "4"),
    ("Ensure access to education for children with disabilities", "4"),
    ("Take effective measures to combat trafficking in persons", "4"),
]


@pytest.fixture
def coded(corpus):
    """Thirteen recommendations with an accepted action category each, plus one tag on a term the tagger does not
    know (the fast hashing embedder and the session's data directory come from tests/conftest.py)."""
    categories = {code: Term.objects.create(vocabulary=Vocabulary.ACTION_CATEGORY, code=code, name=f"Category {code}")
                  for code in "12345"}
    odd = Term.objects.create(vocabulary=Vocabulary.ACTION_CATEGORY, code="9", name="Not a UPR Info category")
    document = corpus["op_cat"].source_document
    recs = []
    for i, (text, code) in enumerate(CODED):
        rec = Recommendation.objects.create(source_document=document, paragraph=f"9.{i}", text=text, language="en")
        TagAssignment.objects.create(recommendation=rec, term=categories[code], status="accepted", source="person")
        recs.append(rec)
    TagAssignment.objects.create(recommendation=recs[0], term=odd, status="accepted", source="person")
    # A suggestion nobody decided on, and a rejected one: neither is training data.
    TagAssignment.objects.create(recommendation=corpus["op_cat"], term=categories["5"], status="suggested")
    TagAssignment.objects.create(recommendation=corpus["death_penalty"], term=categories["1"], status="rejected")
    return recs


def test_accepted_tags_become_training_data_and_nothing_else_does(coded):
    texts, label_sets, unknown = accepted_examples("action-category")
    assert sorted(zip(texts, label_sets)) == sorted((text, [code]) for text, code in CODED)
    assert unknown == 1  # the tag on code 9 is left out, and counted


def test_training_stores_the_model_with_its_evaluation_and_bulk_tagging_uses_it(coded, corpus, settings):
    steps = []
    trained = tagger_train(taxonomy="action-category", progress=steps.append)
    assert trained.trained_on == len(CODED) and trained.version.startswith("action-category/")
    assert trained.evaluation["n_texts"] == len(CODED) and 0 < trained.evaluation["micro"]["f1"] <= 1
    assert set(trained.thresholds) == {"1", "2", "3", "4", "5"}
    assert any("cross-validating" in step for step in steps)
    directory = Path(settings.MEDIA_ROOT) / trained.path
    assert json.loads((directory / "model.json").read_text())["version"] == trained.version
    assert trained_model("action-category")[0] == directory
    assert "1 accepted tag names a term this tagger has no label for" in trained.protocol  # not dropped silently

    again = tagger_train(taxonomy="action-category")  # the same tags give the same model, saved anew
    assert again.pk == trained.pk and again.path != trained.path
    assert trained_model("action-category")[0] == Path(settings.MEDIA_ROOT) / again.path

    assert tag_suggest(taxonomy="action-category", recommendation_ids=[corpus["torture_inquiry"].pk]) >= 1
    suggestion = TagAssignment.objects.get(recommendation=corpus["torture_inquiry"], status="suggested")
    assert suggestion.model_version == trained.version


def test_a_trained_model_that_no_longer_loads_gives_way_to_the_default(coded, corpus, settings):
    trained = tagger_train(taxonomy="action-category")
    meta_file = Path(settings.MEDIA_ROOT) / trained.path / "model.json"
    meta = json.loads(meta_file.read_text())
    meta_file.write_text(json.dumps({**meta, "embedder_version": "hashing-2048-before-an-upgrade"}))
    assert trained_model("action-category") is None
    tag_suggest(taxonomy="action-category", recommendation_ids=[corpus["torture_inquiry"].pk])
    versions = set(TagAssignment.objects.filter(recommendation=corpus["torture_inquiry"]).values_list(
        "model_version", flat=True))
    assert versions and trained.version not in versions


def test_too_few_accepted_tags_is_refused_and_nothing_is_written(coded, settings):
    TagAssignment.objects.filter(recommendation__in=coded[4:]).delete()
    with pytest.raises(ValueError, match="need at least 10 labelled texts, got 4"):
        tagger_train(taxonomy="action-category")
    assert not TaggingModelVersion.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "tagging-models").exists()


def test_the_training_job_reports_its_steps_and_its_outcome(coded, django_capture_on_commit_callbacks):
    coordinator = make_user("c", Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=False):
        job = job_start(actor=coordinator, kind=Job.Kind.TRAIN, params={"taxonomy": "action-category"})
    run_job.call(job.pk)
    job.refresh_from_db()
    trained = TaggingModelVersion.objects.get()
    assert (job.state, job.percent) == ("done", 100) and job.done >= 3
    assert trained.version in job_summary(job) and f"on {len(CODED)} texts" in job_summary(job)


def test_a_failed_training_job_says_why(coded, django_capture_on_commit_callbacks):
    TagAssignment.objects.filter(status="accepted").delete()
    job = Job.objects.create(kind=Job.Kind.TRAIN, params={"taxonomy": "action-category"})
    with pytest.raises(ValueError):
        run_job.call(job.pk)
    job.refresh_from_db()
    assert job.state == "failed" and "need at least 10 labelled texts, got 0" in job.error


def test_only_managers_start_training_and_a_taxonomy_is_required(coded, client):
    with pytest.raises(PermissionDenied):
        job_start(actor=make_user("v", Role.VIEWER), kind=Job.Kind.TRAIN, params={"taxonomy": "action-category"})
    with pytest.raises(ValueError, match="Choose a taxonomy"):
        job_start(actor=make_user("c", Role.COORDINATOR), kind=Job.Kind.TRAIN, params={})
    assert not Job.objects.exists()
    client.login(username="v", password=PASSWORD)
    assert client.post(reverse("tagreview:tagger_train_start"), {"train-taxonomy": "sdg"}).status_code == 403


def test_the_review_page_starts_training_and_shows_what_it_would_learn_from(coded, client,
                                                                          django_capture_on_commit_callbacks):
    make_user("c", Role.COORDINATOR)
    client.login(username="c", password=PASSWORD)
    treaty = Term.objects.create(vocabulary=Vocabulary.TREATY, code="ICCPR", name="ICCPR")  # no tagger learns these
    TagAssignment.objects.create(recommendation=coded[0], term=treaty, status="accepted", source="person")
    # An accepted UPR issue the tagger has no label for: training would leave it out, so there is nothing to learn.
    unknown_issue = Term.objects.create(vocabulary=Vocabulary.UPR_ISSUE, code="Not a UPR Info issue", name="Odd")
    TagAssignment.objects.create(recommendation=coded[1], term=unknown_issue, status="accepted", source="person")
    page = client.get(reverse("tagreview:tag_review")).content.decode()
    assert f'action="{reverse("tagreview:tagger_train_start")}"' in page
    counts = re.search(r'id="accepted-counts">(.*?)</p>', page, re.S).group(1)
    assert f"{Vocabulary.ACTION_CATEGORY.label} {len(CODED)}" in counts
    assert str(Vocabulary.TREATY.label) not in counts and str(Vocabulary.UPR_ISSUE.label) not in counts
    # The form is preset to the vocabulary there is most to learn from, not to the first in the list (SDG goal).
    assert re.search(r'<option value="action-category" selected>', page)
    assert not re.search(r'<option value="sdg" selected>', page)
    forged = client.post(reverse("tagreview:tagger_train_start"), {"train-taxonomy": "colours"})
    assert forged.status_code == 400 and "colours" in forged.content.decode() and not Job.objects.exists()
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("tagreview:tagger_train_start"), {"train-taxonomy": "action-category"})
    job = Job.objects.get()
    assert (job.kind, job.params) == ("train", {"taxonomy": "action-category"})
    assert response.status_code == 302 and response["Location"] == reverse("jobs:job_detail", args=[job.pk])
    run_job.call(job.pk)
    models = client.get(reverse("tagreview:model_version_list")).content.decode()
    assert f"Trained here from accepted tags on {len(CODED)} recommendations." in models


def test_the_command_trains_from_accepted_tags(coded, capsys):
    call_command("tag", "train", "--taxonomy", "action-category", "--from-accepted")
    out = capsys.readouterr().out
    trained = TaggingModelVersion.objects.get()
    assert "micro" in out and f"saved {trained.version} (trained on {len(CODED)} texts)" in out


@pytest.mark.parametrize("extra", [["--input", "x.jsonl"], ["--output", "dir"], ["--model", "dir"]])
def test_the_command_refuses_to_mix_the_database_with_files(coded, extra):
    with pytest.raises(CommandError, match="--from-accepted reads the database"):
        call_command("tag", "train", "--taxonomy", "action-category", "--from-accepted", *extra)
    assert not TaggingModelVersion.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_in_chromium_a_coordinator_trains_from_accepted_tags_and_watches_the_job(coded, live_server, page):
    from playwright.sync_api import expect

    from tests.browser.test_progress_workflow import sign_in

    make_user("c", Role.COORDINATOR)
    sign_in(page, live_server.url, "c")
    page.goto(f"{live_server.url}{reverse('tagreview:tag_review')}")
    train = page.locator("form#train")
    train.get_by_label("Train from accepted tags").select_option("action-category")
    train.get_by_role("button", name="Train").click()
    expect(page.locator("h1")).to_have_text("Train from accepted tags: UPR action category")  # the taxonomy by name
    expect(page.get_by_text("Waiting for the job worker")).to_be_visible()
    run_job.call(Job.objects.get(kind=Job.Kind.TRAIN).pk)  # what the worker does
    # The page follows the job (it polls the jobs API) and shows the outcome when it ends.
    expect(page.get_by_text(f"on {len(CODED)} texts: held-out micro-F1")).to_be_visible(timeout=15_000)
    page.get_by_role("link", name="Tagging models").click()
    expect(page.get_by_text(f"Trained here from accepted tags on {len(CODED)} recommendations.")).to_be_visible()
