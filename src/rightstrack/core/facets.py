"""Faceted lists: filters from the query string, counts per facet value, sorting and text filter.

Every list page and export uses the same `FacetedList` so that a bookmarked URL, the table
and an export of it show the same rows.
"""

from dataclasses import dataclass, field
from typing import Callable

from django.db.models import Count, Q, QuerySet


@dataclass
class Facet:
    """A filter on one field path; `labels` turns stored values into display labels."""

    key: str
    label: str
    path: str
    labels: Callable[[list], dict] | dict | None = None


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    facet: Facet
    values: list[FacetValue] = field(default_factory=list)


@dataclass
class FacetedList:
    """Applies the query string to a queryset: `?status=a&status=b&theme=3&q=torture&sort=-deadline`."""

    facets: list[Facet]
    sorts: dict[str, str]
    search_fields: tuple[str, ...] = ()
    default_sort: str = ""

    def _filter(self, qs: QuerySet, params, skip: str | None = None) -> QuerySet:
        for facet in self.facets:
            if facet.key == skip:
                continue
            values = [v for v in params.getlist(facet.key) if v != ""]
            if values:
                qs = qs.filter(**{f"{facet.path}__in": values})
        return qs

    def _search(self, qs: QuerySet, params) -> QuerySet:
        text = (params.get("q") or "").strip()
        if text and self.search_fields:
            for word in text.split():
                condition = Q()
                for name in self.search_fields:
                    condition |= Q(**{f"{name}__icontains": word})
                qs = qs.filter(condition)
        return qs

    def apply(self, qs: QuerySet, params) -> QuerySet:
        """The filtered, searched and sorted queryset (distinct only when a facet crosses a relation)."""
        filtered = self._filter(self._search(qs, params), params)
        if any(params.getlist(f.key) and "__" in f.path for f in self.facets):
            filtered = filtered.distinct()
        sort = params.get("sort") or self.default_sort
        key = sort.lstrip("-")
        if key in self.sorts:
            prefix = "-" if sort.startswith("-") else ""
            filtered = filtered.order_by(f"{prefix}{self.sorts[key]}", "pk")
        return filtered

    def counts(self, qs: QuerySet, params) -> list[FacetResult]:
        """For each facet, the count of rows per value given every other active filter."""
        base = self._search(qs, params)
        results = []
        for facet in self.facets:
            rows = (self._filter(base, params, skip=facet.key).order_by().values(facet.path)
                    .annotate(n=Count("pk", distinct=True)).order_by("-n"))
            rows = [r for r in rows if r[facet.path] not in (None, "")]
            raw = [r[facet.path] for r in rows]
            labels = facet.labels(raw) if callable(facet.labels) else (facet.labels or {})
            selected = set(params.getlist(facet.key))
            results.append(FacetResult(facet, [
                FacetValue(str(r[facet.path]), str(labels.get(r[facet.path], r[facet.path])), r["n"],
                           str(r[facet.path]) in selected) for r in rows
            ]))
        return results
