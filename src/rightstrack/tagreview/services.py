"""Writes of tag review: bulk tag suggestions, taggers trained from accepted tags, and the starts of their jobs."""

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rightstrack.accounts.permissions import is_manager, require
from rightstrack.core.services import record_save
from rightstrack.jobs.models import Job
from rightstrack.jobs.services import job_enqueue
from rightstrack.recommendations.models import Recommendation
from rightstrack.tagging.api import load_model
from rightstrack.tagging.taxonomies import get_taxonomy
from rightstrack.tagging.training import train
from rightstrack.tagreview.models import TaggingModelVersion
from rightstrack.taxonomy.models import TagAssignment, Term, TermAlias, Vocabulary

# The tagger's taxonomy names, the vocabulary each fills, and whether its labels are term codes or names.
TAXONOMIES = {
    "sdg": (Vocabulary.SDG_GOAL, "code"),
    "sdg-targets": (Vocabulary.SDG_TARGET, "code"),
    "upr-issues": (Vocabulary.UPR_ISSUE, "code"),
    "action-category": (Vocabulary.ACTION_CATEGORY, "code"),
    "themes": (Vocabulary.THEME, "name"),
    "groups": (Vocabulary.GROUP, "code"),
    "articles": (Vocabulary.ARTICLE, "code"),
}
TAG_BATCH = 64


def _terms(taxonomy: str) -> dict[str, Term]:
    vocabulary, attr = TAXONOMIES[taxonomy]
    terms: dict[str, Term] = {}
    for term in Term.objects.filter(vocabulary=vocabulary).order_by("pk"):
        terms.setdefault(getattr(term, attr), term)
    # A model label that is now another term's alias (a current UHRI label merged into a coded theme) tags that term.
    for alias in TermAlias.objects.filter(vocabulary=vocabulary).select_related("term"):
        terms.setdefault(alias.label, alias.term)
    return terms


def _register_model(model, **fields) -> TaggingModelVersion:
    """Record a loaded model's version with its held-out evaluation, so the review page can show it."""
    meta = model.meta
    registered, created = TaggingModelVersion.objects.get_or_create(
        version=model.version,
        defaults={"taxonomy": model.taxonomy, "evaluation": meta.get("evaluation"),
                  "protocol": meta.get("evaluation_protocol", ""),
                  "thresholds": dict(zip(model.labels, map(float, model.thresholds))), **fields})
    if fields and not created:  # the same model again (same data): it now lives where it was just saved
        for name, value in fields.items():
            setattr(registered, name, value)
        registered.save(update_fields=list(fields))
    return registered


def trained_model(taxonomy: str):
    """The newest model trained here from accepted tags for `taxonomy` that still loads, as (directory, loaded
    model); None means the shipped default. A model trained on another version of the embedder (before an
    upgrade) no longer loads: the default is used until it is trained again."""
    for trained in TaggingModelVersion.objects.filter(taxonomy=taxonomy).exclude(path="").order_by("-pk"):
        path = Path(settings.MEDIA_ROOT) / trained.path
        try:
            return path, load_model(taxonomy, path)
        except (OSError, ValueError):
            continue
    return None


def accepted_examples(taxonomy: str) -> tuple[list[str], list[list[str]], int]:
    """What people decided in the taxonomy's vocabulary, as training data: each recommendation with at least one
    accepted tag there, with all its accepted labels (the others count as absent). Also returns how many
    accepted tags name a term the tagger has no label for (left out)."""
    vocabulary, attr = TAXONOMIES[taxonomy]
    known = set(get_taxonomy(taxonomy).labels)
    labels, unknown = defaultdict(set), 0
    for pk, label in TagAssignment.objects.filter(term__vocabulary=vocabulary, status=TagAssignment.Status.ACCEPTED,
                                                  ).values_list("recommendation_id", f"term__{attr}"):
        if label in known:
            labels[pk].add(label)
        else:
            unknown += 1
    texts = dict(Recommendation.objects.filter(pk__in=labels).values_list("pk", "text"))
    ids = sorted(pk for pk in labels if (texts.get(pk) or "").strip())
    return [texts[pk] for pk in ids], [sorted(labels[pk]) for pk in ids], unknown


def accepted_example_counts() -> list[tuple[str, str, int]]:
    """Per taxonomy (its name, its vocabulary's label, count), how many recommendations training from accepted tags
    would learn from: exactly what `accepted_examples` gives it. Taxonomies with none are left out."""
    counts = [(taxonomy, Vocabulary(vocabulary).label, len(accepted_examples(taxonomy)[0]))
              for taxonomy, (vocabulary, _attr) in TAXONOMIES.items()]
    return [row for row in counts if row[2]]


def tagger_train(*, taxonomy: str, progress: Callable[[str], None] | None = None) -> TaggingModelVersion:
    """Train the organisation's own tagger for `taxonomy` from its accepted tags (methods compared by held-out F1,
    thresholds calibrated, evaluation stored), keep it under MEDIA_ROOT and register it: bulk tagging uses it
    from then on. Raises ValueError, having written nothing, if there are too few accepted examples."""
    if taxonomy not in TAXONOMIES:
        raise ValueError(_("Unknown taxonomy: %(name)s") % {"name": taxonomy})
    texts, label_sets, unknown = accepted_examples(taxonomy)
    model = train(taxonomy, texts, label_sets, progress=progress or (lambda _message: None))
    relative = Path("tagging-models") / taxonomy / timezone.now().strftime("%Y%m%d-%H%M%S-%f")
    model.save(Path(settings.MEDIA_ROOT) / relative)
    protocol = model.meta.get("evaluation_protocol", "")
    if unknown:
        protocol += " " + ngettext(
            "%(n)s accepted tag names a term this tagger has no label for; it was left out.",
            "%(n)s accepted tags name terms this tagger has no label for; they were left out.",
            unknown) % {"n": unknown}
    return _register_model(model, path=str(relative), trained_on=len(texts), protocol=protocol.strip())


def _rejected_by(tag: TagAssignment, version: str) -> bool:
    """Whether this version's suggestion of this tag was ever rejected (history remembers past versions)."""
    return tag.history.filter(status=TagAssignment.Status.REJECTED, model_version=version).exists()


def _store(rec_id: int, term: Term, confidence: float, version: str, existing: TagAssignment | None) -> bool:
    if existing is None:
        record_save(obj=TagAssignment(recommendation_id=rec_id, term=term, source=TagAssignment.Source.MODEL,
                                      confidence=confidence, model_version=version), actor=None,
                    reason="suggested by model")
        return True
    if existing.status == TagAssignment.Status.ACCEPTED or existing.source == TagAssignment.Source.PERSON:
        return False
    if _rejected_by(existing, version):
        return False
    values = {"status": TagAssignment.Status.SUGGESTED, "confidence": confidence, "model_version": version}
    if any(getattr(existing, k) != v for k, v in values.items()):
        record_save(obj=existing, actor=None, values={**values, "decided_by": None, "decided_at": None},
                    reason="suggested by model")
        return True
    return False


def tag_suggest(*, taxonomy: str, recommendation_ids: list[int] | None = None, model_path=None,
                progress: Callable[[int, int], None] | None = None) -> int:
    """Run the tagger (the model at `model_path`, else the newest one trained here from accepted tags, else the
    shipped default) and store its above-threshold labels as suggestions, never re-suggesting a rejected one.

    Runs from a job (no actor: the job's starter was checked by `job_start`); each batch is one transaction.
    """
    if taxonomy not in TAXONOMIES:
        raise ValueError(_("Unknown taxonomy: %(name)s") % {"name": taxonomy})
    trained = None if model_path else trained_model(taxonomy)
    model = trained[1] if trained else load_model(taxonomy, model_path)  # loaded once for every batch
    version = _register_model(model).version
    terms = _terms(taxonomy)
    qs = Recommendation.objects.order_by("pk")
    if recommendation_ids is not None:
        qs = qs.filter(pk__in=recommendation_ids)
    rows = list(qs.values_list("pk", "text"))
    stored = 0
    for start in range(0, len(rows), TAG_BATCH):
        batch = rows[start:start + TAG_BATCH]
        results = model.predict([text for _pk, text in batch])
        existing = {(t.recommendation_id, t.term_id): t for t in TagAssignment.objects.filter(
            recommendation_id__in=[pk for pk, _t in batch], term__in=terms.values())}
        with transaction.atomic():
            for (pk, _text), suggestions in zip(batch, results):
                for s in suggestions:
                    term = terms.get(s.label)
                    if s.above_threshold and term is not None:
                        stored += _store(pk, term, s.confidence, s.model_version or version,
                                         existing.get((pk, term.pk)))
        if progress:
            progress(start + len(batch), len(rows))
    return stored


TAG_JOBS = (Job.Kind.TAG, Job.Kind.TRAIN)


@transaction.atomic
def job_start(*, actor, kind: str, params: dict) -> Job:
    """Queue bulk tag suggestion or training for one taxonomy (`params["taxonomy"]`); it runs in the jobs worker
    (`tagreview.jobs`)."""
    require(is_manager(actor))
    if kind not in TAG_JOBS:
        raise ValueError(f"Not a tagging job: {kind}")
    if params.get("taxonomy") not in TAXONOMIES:
        raise ValueError(_("Choose a taxonomy."))
    return job_enqueue(kind=kind, owner=actor, params=params)
