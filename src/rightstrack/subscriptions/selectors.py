"""What the follow-a-theme page shows: the theme tree with counts, mechanisms by name, and a digest preview."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from rightstrack.accounts.permissions import ANONYMOUS
from rightstrack.recommendations.selectors import mechanism_list, recommendation_list
from rightstrack.taxonomy.models import TagAssignment, Term, Vocabulary

PREVIEW_DAYS = 30


@dataclass
class ThemeNode:
    """One theme in the reader's language, with the number of published recommendations tagged with it."""

    term: Term
    label: str
    count: int
    children: list["ThemeNode"] = field(default_factory=list)


def theme_tree() -> list[ThemeNode]:
    """The themes as one tree: each top theme with its sub-themes, in natural code order; the themes with no place
    in the tree last, alphabetically in the reader's language. Counts are of published recommendations."""
    published = recommendation_list(user=ANONYMOUS).values("pk")
    counts = dict(TagAssignment.objects.filter(status=TagAssignment.Status.ACCEPTED, recommendation__in=published,
                                               vocabulary=Vocabulary.THEME)
                  .values_list("term").annotate(n=Count("recommendation", distinct=True)))
    nodes = {t.pk: ThemeNode(t, str(t), counts.get(t.pk, 0)) for t in Term.objects.filter(vocabulary=Vocabulary.THEME)}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.term.parent_id)
        (parent.children if parent else roots).append(node)
    grouped = [n for n in roots if n.children]
    loose = sorted((n for n in roots if not n.children), key=lambda n: n.label.casefold())
    return grouped + ([ThemeNode(None, "", 0, loose)] if loose else [])


def mechanisms_with_counts() -> list[tuple]:
    """Every mechanism with its name in the reader's language and its number of published recommendations."""
    published = recommendation_list(user=ANONYMOUS)
    counts = dict(published.values_list("source_document__mechanism").annotate(n=Count("pk")))
    return [(m, m.tr("name"), counts.get(m.pk, 0)) for m in mechanism_list()]


def on_topics(*, terms=(), mechanisms=(), institutions=()) -> Q:
    """Recommendations on any of the followed themes, mechanisms or institutions."""
    return (Q(tags__term__in=terms, tags__status=TagAssignment.Status.ACCEPTED)
            | Q(source_document__mechanism__in=mechanisms)
            | Q(lead_institution__in=institutions) | Q(co_executors__in=institutions))


def digest_preview(*, terms=(), mechanisms=(), institutions=(), now=None, limit=10) -> dict:
    """What a digest on these topics would have listed over the last PREVIEW_DAYS days: the newest published or
    changed recommendations (at most `limit`) and how many there were in all."""
    since = (now or timezone.now()) - timedelta(days=PREVIEW_DAYS)
    found = (recommendation_list(user=ANONYMOUS).filter(on_topics(terms=terms, mechanisms=mechanisms,
                                                                  institutions=institutions))
             .filter(Q(published_at__gt=since) | Q(updated_at__gt=since)).distinct())
    return {"days": PREVIEW_DAYS, "count": found.count(),
            "recommendations": list(found.select_related("source_document").order_by("-updated_at", "-pk")[:limit])}
