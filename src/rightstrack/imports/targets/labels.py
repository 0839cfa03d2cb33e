"""Labels a file uses (terms, institutions, clusters, recommendations) resolved to ids through lookup tables
loaded once per import, with suggestions for the unknown ones; and the length check every target applies."""

import difflib
import re
from collections import defaultdict
from functools import cache, lru_cache

from django.utils.translation import gettext as _

from rightstrack.accounts.models import Institution
from rightstrack.core.text import normalised_text
from rightstrack.taxonomy.models import Term, TermAlias, Vocabulary

TAG_FIELDS = {"themes": Vocabulary.THEME.value, "groups": Vocabulary.GROUP.value,
              "sdg_targets": Vocabulary.SDG_TARGET.value, "upr_issues": Vocabulary.UPR_ISSUE.value,
              "action_categories": Vocabulary.ACTION_CATEGORY.value}
UNKNOWN_KEPT = 500  # distinct unknown labels counted per vocabulary (for the review's mapping step)
_SDG = re.compile(r"^(\d{1,2}\.[0-9a-z]{1,2})\b", re.IGNORECASE)


@lru_cache(maxsize=50_000)
def label_key(text: str) -> str:
    """A label compared case- and whitespace-insensitively (labels repeat, so this is cached)."""
    return normalised_text(text)


@cache
def _limit(model, name: str) -> int | None:
    return model._meta.get_field(name).max_length


def check_length(model, name, value, column_of, field, problems) -> None:
    """Report a value longer than the model field allows, under the file column that feeds `field`."""
    limit = _limit(model, name)
    if limit and len(value) > limit:
        problems.append((column_of(field), _("longer than %(limit)s characters (%(length)s)") % {"limit": limit,
                                                                                        "length": len(value)}))


class Lookup:
    """Labels of one kind by normalised name; reports unknown or ambiguous labels with a suggestion, and counts the
    uses of each unknown label so they can be mapped (`unknown`: normalised label -> [label as first written,
    uses, suggested value or None, close matches]; at most UNKNOWN_KEPT labels, the rest are only reported)."""

    def __init__(self, what: str, pairs, preferred=()):
        self.what, self.table, self.preferred = what, {}, {label_key(label): value for label, value in preferred}
        self.unknown: dict[str, list] = {}
        for label, value in pairs:
            key = label_key(label)
            if key:
                self.table[key] = value if self.table.get(key, value) == value else None  # None: ambiguous

    def find(self, label: str, column: str, problems) -> object | None:
        key = label_key(label)
        value = self.preferred[key] if key in self.preferred else self.table.get(key, False)
        if value is False:
            if key in self.unknown:
                self.unknown[key][1] += 1
                close = self.unknown[key][3]
            else:
                close = difflib.get_close_matches(key, list(self.table), n=1, cutoff=0.8)
                if len(self.unknown) < UNKNOWN_KEPT:
                    suggestion = self.preferred.get(close[0], self.table[close[0]]) if close else None
                    self.unknown[key] = [label, 1, suggestion, close]
            message = (_("unknown %(what)s %(label)r — did you mean %(close)r?") if close
                       else _("unknown %(what)s %(label)r"))
            problems.append((column, message % {"what": self.what, "label": label, "close": close[0] if close
                                                else ""}))
        elif value is None:
            problems.append((column, _("ambiguous %(what)s %(label)r: several match") % {"what": self.what,
                                                                                          "label": label}))
        return value or None


def term_lookups() -> dict[str, Lookup]:
    """One lookup per imported vocabulary: term codes, names and the aliases coordinators mapped."""
    pairs, preferred = defaultdict(list), defaultdict(list)
    for term_id, vocabulary, code, name in Term.objects.values_list("id", "vocabulary", "code", "name"):
        pairs[vocabulary] += [(code, term_id), (name, term_id)]
        if code == name:
            # The current UHRI list names its themes without codes; a legacy coded theme with the same
            # label must not make the label ambiguous.
            preferred[vocabulary].append((name, term_id))
    for term_id, vocabulary, label in TermAlias.objects.values_list("term_id", "vocabulary", "label"):
        pairs[vocabulary].append((label, term_id))  # a coordinator's mapping of a label the file used
    return {v: Lookup(str(Vocabulary(v).label).lower(), pairs[v], preferred[v]) for v in TAG_FIELDS.values()}


def institution_lookup() -> Lookup:
    """Institutions by abbreviation or name."""
    return Lookup(_("institution"), [(a, i) for i, a in Institution.objects.values_list("id", "abbreviation")]
                  + [(n, i) for i, n in Institution.objects.values_list("id", "name")])


def institution_ids(record, lookup: Lookup, column_of, problems) -> dict:
    """The lead institution (an id or None) and co-executors (a set of ids) a row names, for the columns it has."""
    ids = {}
    if "lead_institution" in record:
        ids["lead_institution"] = (lookup.find(record["lead_institution"], column_of("lead_institution"), problems)
                                   if record["lead_institution"] else None)
    if "co_executors" in record:
        ids["co_executors"] = {lookup.find(v, column_of("co_executors"), problems)
                               for v in record["co_executors"]} - {None}
    return ids


def tag_ids(record, lookups, column_of, problems) -> dict:
    """Vocabulary -> the term ids a row's tag columns name (only the vocabularies the file has columns for)."""
    tags = {}
    for name, vocabulary in TAG_FIELDS.items():
        if name in record:
            ids, lookup, column = set(), lookups[vocabulary], column_of(name)
            for label in record[name]:
                if vocabulary == Vocabulary.SDG_TARGET and (match := _SDG.match(label)):
                    label = match.group(1)  # UHRI writes "16.3 – Promote the rule of law"
                found = lookup.find(label, column, problems)
                if found:
                    ids.add(found)
            tags[vocabulary] = ids
    return tags
