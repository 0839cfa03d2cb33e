"""Reads of the vocabularies (public reference data, so no user to restrict by)."""

from itertools import groupby

from django.utils.text import Truncator

from rightstrack.core.models import marked
from rightstrack.taxonomy.models import Term, Vocabulary


def term_choices(*, width: int = 90) -> list[tuple[str, list[tuple[int, str]]]]:
    """Every term for a tag picker, grouped by vocabulary: (vocabulary label, [(term id, label)]), each label cut to
    `width` characters and marked when untranslated. Built in Python: the template's `regroup` and filters cost about
    as much as the rest of the recommendation page for the ~500 terms."""
    labels = dict(Vocabulary.choices)
    terms = Term.objects.order_by("vocabulary", "sort_key")
    return [(labels[vocabulary], [(term.pk, marked(term, Truncator(str(term)).chars(width))) for term in group])
            for vocabulary, group in groupby(terms, key=lambda term: term.vocabulary)]
