"""Template tags of tag review: tagger versions in plain words, their evaluation protocols in the reader's
language, and the taxonomy of a tagging job."""

import re

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rightstrack.tagging.stand_in import PROTOCOL as STAND_IN_PROTOCOL
from rightstrack.tagging.training import (
    DESCRIPTIONS_PROTOCOL,
    NO_EVALUATION_PROTOCOL,
    TRAINED_PROTOCOL,
)
from rightstrack.tagreview.jobs import job_taxonomy as jobs_job_taxonomy

register = template.Library()


def _pattern(protocol: str) -> re.Pattern:
    """A protocol as the tagging app writes it, with each `{name}` a number to capture."""
    return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>\\d+)", re.escape(protocol)))


_PROTOCOLS = [
    (_pattern(TRAINED_PROTOCOL), _("nested %(k)s-fold cross-validation on %(n)s labelled texts")),
    (_pattern(DESCRIPTIONS_PROTOCOL),
     _("5-fold cross-validation over label descriptions, each tagged using only the other descriptions")),
    (_pattern(NO_EVALUATION_PROTOCOL), _("none: zero-shot from label descriptions, no labelled data")),
    (_pattern(STAND_IN_PROTOCOL),
     _("stand-in, not this taxonomy's own labels: the UPR Info issues that match a label of this taxonomy, on "
       "Kazakhstan's %(n)s coded cycle-1 recommendations; an issue counts as found when the model suggests one of "
       "its labels. Precision is a floor: UPR Info codes issues, so a right label on a recommendation coded under "
       "another issue counts as wrong.")),
]


@register.filter
def job_taxonomy(job) -> str:
    return jobs_job_taxonomy(job)


@register.filter
def evaluation_protocol(text: str) -> str:
    """A model's evaluation protocol, stored in English by the tagging app, in the reader's language; what follows
    it (a note added when the model was trained) stays as it is. An unknown protocol is shown as stored."""
    for pattern, translated in _PROTOCOLS:
        if match := pattern.match(text):
            return str(translated) % match.groupdict() + text[match.end():]
    return text


# The tagging model of each taxonomy, as a coordinator says it.
MODEL_NAMES = {
    "sdg-targets": _("the SDG model"), "sdg": _("the SDG model"), "themes": _("the theme model"),
    "groups": _("the concerned-groups model"), "upr-issues": _("the UPR Info issues model"),
    "action-category": _("the action-category model"), "articles": _("the treaty-articles model"),
}


@register.simple_tag
def model_in_words(model) -> str:
    """A model version in plain words: "Suggested by the SDG model, trained 30 Nov 2026; 87% of held-out suggestions
    were right." The version id and the F1 scores stay behind the page's details toggle."""
    name = MODEL_NAMES.get(model.taxonomy, model.taxonomy)
    when = date_format(model.created_at, "DATE_FORMAT")
    micro = (model.evaluation or {}).get("micro") or {}
    if "precision" not in micro:
        return gettext("Suggested by %(model)s, trained %(date)s; not yet checked against tags people chose.") % {
            "model": name, "date": when}
    return gettext("Suggested by %(model)s, trained %(date)s; %(percent)s%% of its held-out suggestions were "
                   "right.") % {"model": name, "date": when, "percent": round(100 * micro["precision"])}


@register.filter
def model_of(version: str, models) -> object:
    """The registered model among `models` whose version id is `version` (None if it is not listed)."""
    return next((m for m in models if m.version == version), None)
