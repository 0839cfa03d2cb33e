"""Facets: what a facet is, its counted values, and the in-process facet index that counts a search's hits
without reading rows (the FilterSets that filter and count in SQL are in core/filtersets.py)."""

import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections, models
from django.db.models import QuerySet
from django.db.models.constants import LOOKUP_SEP

NONE = "none"  # the query-string value that selects the rows without a value, on a facet with an `empty` label


@dataclass
class Facet:
    """A filter on one field path; `labels` turns stored values into display labels (text, or records shown as
    `str(record)` with their original-language mark, e.g. terms).

    `also`: further paths to the same kind of value; a row has every value found through any of its paths
    (e.g. a report's mechanism through its recommendation or through its measure's recommendations).
    With `empty` (single-valued paths only), rows without a value are a choice of their own, `?key=none`.
    """

    key: str
    label: str
    path: str
    labels: Callable[[list], dict] | dict | None = None
    also: tuple[str, ...] = ()
    empty: str = ""

    @property
    def paths(self) -> tuple[str, ...]:
        return (self.path, *self.also)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    record: object = None  # the labelled record, if any: the page marks its name when it is untranslated


@dataclass
class FacetResult:
    facet: Facet
    values: list[FacetValue] = field(default_factory=list)


def _result(facet: Facet, counted: dict, chosen: list[str]) -> FacetResult:
    """One facet's values with a count above zero, most frequent first then by label as the reader sees it,
    labelled and marked if selected."""
    raw = [v for v, n in counted.items() if n and (v != NONE or not facet.empty)]
    labels = dict(facet.labels(raw) if callable(facet.labels) else (facet.labels or {}))
    if facet.empty:
        labels[NONE] = facet.empty
    rows = sorted(((v, n) for v, n in counted.items() if n),
                  key=lambda vn: (-vn[1], str(labels.get(vn[0], vn[0])).casefold(), str(vn[0])))
    selected = set(chosen)
    return FacetResult(facet, [FacetValue(str(v), str(labels.get(v, v)), n, str(v) in selected,
                                          labels.get(v) if isinstance(labels.get(v), models.Model) else None)
                               for v, n in rows])


class FacetIndex:
    """Every row of one queryset with its facet values, in numpy arrays: the counts for any set of its rows
    (a search's hits) without reading a row from the database.

    Built once from the queryset with the reads the facet counts makes (so visibility and every path
    mean the same), then counting is a few array operations per facet: a single-valued facet is one code
    per row, a many-valued one (row, code) pairs. It knows nothing of later writes: `FacetIndexes` keeps
    it only while the caller's token is unchanged.
    """

    def __init__(self, qs: QuerySet, facets: list[Facet]):
        qs = qs.order_by()
        self.facets = facets
        every, ids = _value_ids(qs, facets)
        self.ids = np.array(sorted(every), dtype=np.int64)
        self.fields, self.values, self.codes, self.single, self.pairs = {}, {}, {}, {}, {}
        for facet in facets:
            many, target = _many(qs, facet), _path(qs, facet.path)[1]
            self.fields[facet.key] = target
            # Shown values: "" never is, None only as the facet's `empty` choice (NONE).
            values = [v for v in ids[facet.key] if v != "" and (v is not None or facet.empty)]
            self.values[facet.key] = values
            self.codes[facet.key] = codes = {v: i for i, v in enumerate(values)}
            if many:
                rows = [self._positions(ids[facet.key][v]) for v in values]
                self.pairs[facet.key] = (np.concatenate(rows) if rows else np.zeros(0, np.int64),
                                         np.repeat(np.arange(len(values), dtype=np.int32), [len(r) for r in rows]))
            else:
                column = np.full(len(self.ids), -1, np.int32)
                for value in values:
                    column[self._positions(ids[facet.key][value])] = codes[value]
                self.single[facet.key] = column

    def _positions(self, pks) -> np.ndarray:
        return np.searchsorted(self.ids, np.fromiter(pks, np.int64, len(pks)))

    def _where(self, pks: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Positions of `pks` in the index, and which of them are rows of it at all."""
        pks = np.asarray(pks, dtype=np.int64)
        positions = np.searchsorted(self.ids, pks).clip(0, max(len(self.ids) - 1, 0))
        return positions, (self.ids[positions] == pks) if len(self.ids) else np.zeros(len(pks), bool)

    def counted(self, params, among: list[int] | None = None) -> tuple[list[FacetResult], np.ndarray]:
        """the facet counts for the rows whose ids are in `among` (every row if None), `q` aside: the
        facet counts, and a mask over the index's rows of those that pass every active filter."""
        base = np.ones(len(self.ids), bool)
        if among is not None:
            base[:] = False
            positions, present = self._where(among)
            base[positions[present]] = True  # ids that are not rows of the index are not readable rows
        passing = {}
        for facet in self.facets:
            chosen = [v for v in params.getlist(facet.key) if v != ""]
            if chosen:
                codes = self.codes[facet.key]
                converted = _converted(self.fields[facet.key], chosen) | ({None} if facet.empty and NONE in chosen else set())
                wanted = [codes[v] for v in converted if v in codes]
                if facet.key in self.pairs:
                    rows, values = self.pairs[facet.key]
                    mask = np.zeros(len(self.ids), bool)
                    mask[rows[np.isin(values, wanted)]] = True
                else:
                    mask = np.isin(self.single[facet.key], wanted)
                passing[facet.key] = mask
        results = []
        for facet in self.facets:
            allowed = base.copy()
            for key, mask in passing.items():
                if key != facet.key:
                    allowed &= mask
            if facet.key in self.pairs:
                rows, values = self.pairs[facet.key]
                counts = np.bincount(values[allowed[rows]], minlength=len(self.values[facet.key]))
            else:
                column = self.single[facet.key][allowed]
                counts = np.bincount(column[column >= 0], minlength=len(self.values[facet.key]))
            names = [NONE if v is None else v for v in self.values[facet.key]]
            results.append(_result(facet, {names[i]: int(counts[i]) for i in np.flatnonzero(counts)},
                                   params.getlist(facet.key)))
        listed = base
        for mask in passing.values():
            listed = listed & mask
        return results, listed

    def listed_ids(self, listed: np.ndarray) -> set[int]:
        return set(self.ids[listed].tolist())

    def in_order(self, order: list[int], listed: np.ndarray) -> list[int]:
        """The ids of `order` that are listed, in that order."""
        if not order or not len(self.ids):
            return []
        positions, present = self._where(order)
        keep = present & listed[positions]
        return np.asarray(order, dtype=np.int64)[keep].tolist()


class FacetIndexes:
    """Facet indexes kept in this process, one per database and queryset (its SQL: users who may read
    different rows get different indexes), each reused only while the caller's token is the one it was
    built under.

    `token` is called before a build and again after it: an index is kept only if nothing changed the
    token meanwhile, so a kept index holds exactly the data of its token. A None token (unknown state)
    builds an index for this call and keeps nothing. `wait`: when the kept index is stale but was built
    less than `wait` seconds ago, None (the caller counts in the database), so that a run of writes costs
    one rebuild per `wait` seconds, not one per page view.
    """

    def __init__(self, size: int = 8):
        self.size = size
        self._built: OrderedDict = OrderedDict()  # key: (token, index, when built)
        self._lock = threading.Lock()

    def get(self, qs: QuerySet, facets: list[Facet], token: Callable[[], str | None],
            wait: float = 0.0) -> FacetIndex | None:
        sql, sql_params = qs.query.sql_with_params()
        key = (qs.db, connections[qs.db].settings_dict["NAME"], sql, repr(sql_params), tuple(f.key for f in facets))
        current = token()
        with self._lock:
            found = self._built.get(key)
            if found is not None:
                if current is not None and found[0] == current:
                    self._built.move_to_end(key)
                    return found[1]
                if time.monotonic() - found[2] < wait:
                    return None
        index = FacetIndex(qs, facets)  # outside the lock: a build at 100k rows takes about half a second
        if current is not None and token() == current:
            with self._lock:
                self._built[key] = (current, index, time.monotonic())
                self._built.move_to_end(key)
                while len(self._built) > self.size:
                    self._built.popitem(last=False)
        return index

    def clear(self) -> None:
        with self._lock:
            self._built.clear()


class ListedRows:
    """What a list page paginates: `qs` with its row count already known (from the facet index), so no COUNT query.

    With `order` (every listed id, in display order), a page is read by its ids and put in that order,
    so the database sorts nothing and reads only the rows shown. `worded`: for a search by meaning, the ids of its
    hits that have the searched words, when the search knows them (the list says how many are listed).
    """

    def __init__(self, qs: QuerySet, count: int, order: list | None = None, worded: set | None = None):
        self.qs, self._count, self.order, self.worded = qs, count, order, worded

    def worded_count(self) -> int:
        """How many listed rows have the searched words (`worded` must be known)."""
        if self.order is not None:
            return sum(pk in self.worded for pk in self.order)
        return self.qs.filter(pk__in=self.worded).count()

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: slice):
        if self.order is None:
            return self.qs[index]
        ids = self.order[index]
        found = self.qs.order_by().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


def _path(qs: QuerySet, path: str):
    """Whether `path` crosses a many-valued relation, and the field its values come from."""
    infos, _final, targets, _rest = qs.query.names_to_path(path.split(LOOKUP_SEP), qs.model._meta)
    return any(info.m2m for info in infos), targets[0]


def _many(qs: QuerySet, facet: Facet) -> bool:
    """Whether a row may have several values for `facet` (a many-valued relation, or several paths)."""
    return bool(facet.also) or _path(qs, facet.path)[0]


def _wanted(qs: QuerySet, path: str, values: list[str]) -> set:
    """The filter's query-string values as the database would compare them (e.g. "2" → 2)."""
    return _converted(_path(qs, path)[1], values)


def _converted(field, values: list[str]) -> set:
    wanted = set()
    for value in values:
        if value != "":
            try:
                wanted.add(field.to_python(value))
            except ValidationError:
                pass  # matches no row, as the database filter would
    return wanted


def _via_key(model, path: str) -> tuple[str, str]:
    """(what to read on the row, the rest of the path on the related model): a path through a foreign key
    is read as the key's column and resolved once per distinct key, which spares a join per row."""
    first, _sep, rest = path.partition(LOOKUP_SEP)
    try:
        field = model._meta.get_field(first)
    except FieldDoesNotExist:  # e.g. a FilteredRelation
        return path, ""
    if rest and (field.many_to_one or (field.one_to_one and field.concrete)):
        return first, rest
    return path, ""


def _value_ids(qs: QuerySet, facets: list[Facet]) -> tuple[set, dict[str, dict]]:
    """The ids of the rows in `qs`, and for each facet {value: ids of the rows that have it}."""
    ids = {facet.key: defaultdict(set) for facet in facets}
    single = [f for f in facets if not _many(qs, f)]
    reads = {f.key: _via_key(qs.model, f.path) for f in single}
    columns = list(dict.fromkeys(column for column, _rest in reads.values()))
    # Rows grouped by their combination of values first: far fewer combinations than rows to loop over.
    combinations = defaultdict(list)
    for row in qs.values_list("pk", *columns):
        combinations[row[1:]].append(row[0])
    resolved = {}  # column: {key: {rest of the path: value}}
    for i, column in enumerate(columns):
        rests = [rest for c, rest in reads.values() if c == column and rest]
        if rests:
            keys = {combination[i] for combination in combinations} - {None}
            related = qs.model._meta.get_field(column).related_model._base_manager.filter(pk__in=keys)
            resolved[column] = {key: dict(zip(rests, values)) for key, *values in related.values_list("pk", *rests)}
    for combination, pks in combinations.items():
        for facet in single:
            column, rest = reads[facet.key]
            value = combination[columns.index(column)]
            if rest:
                value = resolved[column].get(value, {}).get(rest)
            ids[facet.key][value].update(pks)
    for facet in facets:
        if facet not in single:
            # An inner join: rows without a value for this facet are not counted in it anyway.
            for path in facet.paths:
                for pk, value in qs.filter(**{f"{path}__isnull": False}).values_list("pk", path):
                    ids[facet.key][value].add(pk)
    return set().union(*combinations.values()), ids
