"""Faceted list filters on django-filter: each facet filter also counts its values, in SQL.

Every list page, export and API list filters through the same FilterSet, so that a bookmarked URL, the table
and an export of it show the same rows.
"""

from collections import defaultdict

import django_filters
from django import forms
from django.db.models import Count, Q, QuerySet

from rightstrack.core.facets import NONE, Facet, FacetResult, _path, _result, _wanted


class _Values(forms.Field):
    """Every value of a repeated query-string key (`?status=a&status=b`); blanks dropped, nothing refused."""

    widget = forms.SelectMultiple

    def to_python(self, value) -> list[str]:
        return [str(v) for v in (value or []) if str(v) != ""]


class FacetFilter(django_filters.Filter):
    """Keeps the rows with any of the chosen values of one facet; a value its field cannot hold matches no row
    (`?cycle=x` lists nothing instead of raising in the database), as its count says."""

    field_class = _Values

    def __init__(self, label, path: str, labels=None, *, also: tuple[str, ...] = (), empty=""):
        super().__init__(field_name=path, label=label)
        self.labels, self.also, self.empty = labels, also, empty

    def facet(self, key: str) -> Facet:
        """This filter as a facet under its query-string `key`."""
        return Facet(key, self.label, self.field_name, self.labels, self.also, self.empty)

    def filter(self, qs: QuerySet, value: list[str]) -> QuerySet:
        if not value:
            return qs
        wanted = _wanted(qs, self.field_name, value)
        condition = None
        if wanted:
            condition = Q()
            for path in (self.field_name, *self.also):
                condition |= Q(**{f"{path}__in": wanted})
        if self.empty and NONE in value:
            none = Q(**{f"{self.field_name}__isnull": True})
            condition = none if condition is None else condition | none
        if condition is None:
            return qs.none()
        qs = qs.filter(condition)
        return qs.distinct() if self.also or _path(qs, self.field_name)[0] else qs


class SearchFilter(django_filters.CharFilter):
    """`?q=`: every word found (case-insensitively) in one of `fields`."""

    def __init__(self, *fields: str):
        super().__init__()
        self.fields = fields

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        for word in (value or "").split():
            condition = Q()
            for name in self.fields:
                condition |= Q(**{f"{name}__icontains": word})
            qs = qs.filter(condition)
        return qs


class SortFilter(django_filters.CharFilter):
    """`?sort=key` or `?sort=-key` over the named `sorts` (the row id breaks ties); any other value, such as
    `relevance`, keeps the queryset's own order."""

    def __init__(self, sorts: dict[str, str], default: str = ""):
        super().__init__()
        self.sorts, self.default = sorts, default

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        value = value or self.default
        key = value.lstrip("-")
        if key not in self.sorts:
            return qs
        return qs.order_by(f"{'-' if value.startswith('-') else ''}{self.sorts[key]}", "pk")


class FacetFilterSet(django_filters.FilterSet):
    """A list page's filters: its `FacetFilter`s, `q` (a `SearchFilter`) and `sort` (a `SortFilter`, applied
    last). `facet_counts()` counts each facet's values in SQL, given every other active filter."""

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data if data is not None else {}, queryset, **kwargs)

    @classmethod
    def facets(cls) -> list[Facet]:
        """The facets, in the order the page shows them."""
        return [f.facet(name) for name, f in cls.base_filters.items() if isinstance(f, FacetFilter)]

    @classmethod
    def sorts(cls) -> dict[str, str]:
        return next((f.sorts for f in cls.base_filters.values() if isinstance(f, SortFilter)), {})

    def filter_queryset(self, queryset: QuerySet, skip: str | None = None, sort: bool = True) -> QuerySet:
        """Every filter but `skip`, the sort last (or not at all)."""
        later = []
        for name, value in self.form.cleaned_data.items():
            if name == skip:
                continue
            if isinstance(self.filters[name], SortFilter):
                later.append((name, value))
            else:
                queryset = self.filters[name].filter(queryset, value)
        for name, value in later if sort else ():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facet_counts(self) -> list[FacetResult]:
        """For each facet, the number of rows per value given every other active filter: one GROUP BY query
        per facet path (`values(path).annotate(Count("pk"))`) over the rows the other filters keep."""
        self.errors  # validates the form
        base = self.queryset.order_by()
        chosen = {name: value for name, value in self.form.cleaned_data.items() if value}
        results = []
        for name, facet_filter in self.filters.items():
            if not isinstance(facet_filter, FacetFilter):
                continue
            facet = facet_filter.facet(name)
            rows = base
            if set(chosen) - {name} - {n for n, f in self.filters.items() if isinstance(f, SortFilter)}:
                kept = self.filter_queryset(self.queryset, skip=name, sort=False).order_by().values("pk")
                rows = base.filter(pk__in=kept)
            results.append(_result(facet, _count(rows, facet), self.form.cleaned_data.get(name) or []))
        return results


def _count(rows: QuerySet, facet: Facet) -> dict:
    """{value: number of rows with it}; None is the facet's `empty` choice (NONE) or not shown."""
    if facet.also:  # a row may reach one value through several paths: count each row once per value
        reached = defaultdict(set)
        for path in facet.paths:
            for pk, value in rows.filter(**{f"{path}__isnull": False}).values_list("pk", path).distinct():
                reached[value].add(pk)
        counted = {value: len(pks) for value, pks in reached.items()}
    else:
        counted = dict(rows.values_list(facet.path).annotate(n=Count("pk", distinct=True)).order_by())
    return {NONE if value is None else value: n for value, n in counted.items()
            if value != "" and (value is not None or facet.empty)}
