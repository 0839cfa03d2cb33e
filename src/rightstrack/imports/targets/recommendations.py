"""Importing recommendations, with their documents, mechanisms, States, institutions and tags.

`validate()` never writes and reads no database rows per row. `write_batch()` matches a batch of rows to existing
records in a few queries, compares their stored values (not model instances) to find the unchanged ones, updates
the changed ones through `record_save` (so each change lands in history with the importing user) and creates the
new ones, their States, co-executors and tags with multi-row inserts of plain values and their 'created' history
rows copied inside the database (`core.bulk`: `bulk_create` spent ~85% of the import building model instances and
INSERTs value by value), then hands their ids to the search app (`index_created`).
"""

from collections import defaultdict

from django.apps import apps
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.bulk import insert_history, insert_rows, insert_select
from rightstrack.core.models import ImplementationStatus
from rightstrack.core.services import record_delete, record_save
from rightstrack.imports.targets.labels import (
    Lookup,
    check_length,
    institution_ids,
    institution_lookup,
    label_key,
    tag_ids,
    term_lookups,
)
from rightstrack.imports.values import parse_bool, parse_choice, parse_date
from rightstrack.recommendations.keys import text_hash
from rightstrack.recommendations.models import (
    Cluster,
    Country,
    Mechanism,
    Recommendation,
    SourceDocument,
    paragraph_key,
)
from rightstrack.recommendations.status import recommendation_derive
from rightstrack.search.signals import index_created
from rightstrack.taxonomy.models import TagAssignment

RESPONSE_ALIASES = {"accepted": "supported", "supported/noted": "partially_supported",
                    "partially accepted": "partially_supported", "rejected": "noted", "": "pending"}
TREATY_BODIES = {"ccpr", "cat", "cedaw", "crpd", "cerd", "cescr", "crc", "cmw", "ced", "spt"}
ACCEPTED = TagAssignment.Status.ACCEPTED
# The stored fields an import sets, by attname; an existing record whose values equal the row's is unchanged.
COMPARED = ("source_document_id", "text", "paragraph", "external_id", "language", "response", "response_comment",
            "status", "deadline", "lead_institution_id", "cluster_id", "is_published", "institutions_from_measures")
M2M = {"recommending_states": "country_id", "co_executors": "institution_id"}
# The fields a new record takes from its row (`_record`); the others keep their defaults.
NEW_FIELDS = (*COMPARED, "paragraph_key", "published_at", "status_override", "status_override_reason")


# Fields of a source document that every row naming it repeats; they must agree within a file.
SHARED_DOCUMENT_FIELDS = {"document_date": gettext_lazy("publication date"), "session": gettext_lazy("session"),
                          "mechanism": gettext_lazy("mechanism")}


def _same(name: str, a, b) -> bool:
    return label_key(a) == label_key(b) if name == "mechanism" else a == b


def _sync_tags(obj, field: str, wanted: dict, current: dict, actor) -> None:
    """Make the accepted tags of each imported vocabulary equal to the file's labels."""
    for vocabulary, ids in wanted.items():
        have = current.get(vocabulary, set())
        for tag in obj.tags.filter(vocabulary=vocabulary, term_id__in=ids - have):
            record_save(obj=tag, actor=actor, values={"status": ACCEPTED}, reason="import")
        existing = set(obj.tags.filter(vocabulary=vocabulary).values_list("term_id", flat=True))
        for term_id in ids - existing:
            record_save(obj=TagAssignment(term_id=term_id, **{field: obj}, status=ACCEPTED,
                                          created_by=actor if getattr(actor, "pk", None) else None),
                        actor=actor, reason="import")
        for tag in obj.tags.filter(vocabulary=vocabulary, status=ACCEPTED).exclude(term_id__in=ids):
            record_delete(obj=tag, actor=actor, reason="import: label no longer in the file")


def _override(status: str) -> dict:
    """A status that an imported file gives, other than the record's own, is kept as a coordinator's override."""
    return {"status_override": status, "status_override_reason": _("Status given by an imported file.")}


def _accepted_tags(obj) -> dict:
    tags = defaultdict(set)
    for tag in obj.tags.all():
        if tag.status == ACCEPTED:
            tags[tag.vocabulary].add(tag.term_id)
    return tags


class RecommendationTarget:
    """Imports recommendations, with their documents, mechanisms, States, institutions and tags."""

    model = Recommendation

    def __init__(self, column_of):
        self.column_of = column_of
        self.terms = term_lookups()
        self.institutions = institution_lookup()
        self.clusters = Lookup(_("cluster"), Cluster.objects.values_list("name", "id"))
        self.documents = {d.symbol: d for d in SourceDocument.objects.select_related("mechanism")}
        self.mechanisms = {}
        for mechanism in Mechanism.objects.all():
            self.mechanisms[label_key(mechanism.code)] = self.mechanisms[label_key(mechanism.name)] = mechanism
        self.country_names = dict(Country.objects.values_list("pk", "name"))
        self.countries = {label_key(name): pk for pk, name in self.country_names.items()}
        self.by_document: dict[int, dict] = {}
        self.stated: dict[str, dict[str, tuple[int, object]]] = {}  # symbol -> field -> (first row, value)
        self.responses, self.statuses = Recommendation.Response.choices, ImplementationStatus.choices

    def validate(self, record: dict) -> tuple[dict, list]:
        """The record checked and resolved to ids, and (column, reason) problems; writes nothing."""
        problems, col = [], self.column_of
        clean = {"text": record.get("text", "")}
        if not clean["text"]:
            problems.append((col("text"), _("the recommendation text is empty")))
        symbol = record.get("document", "")
        if not symbol and record.get("session"):
            symbol = f"UPR Info: {record.get('country') or 'State under review'} session {record['session']}"
        if not symbol:
            problems.append((col("document"), _("no document symbol")))
        check_length(SourceDocument, "symbol", symbol, col, "document", problems)
        clean["document"] = symbol
        mechanism = record.get("mechanism", "")
        if symbol and symbol not in self.documents and not mechanism:
            problems.append((col("mechanism"), _("document %(symbol)r is new and no mechanism is given")
                             % {"symbol": symbol}))
        clean["mechanism"] = mechanism
        check_length(Mechanism, "code", mechanism, col, "mechanism", problems)
        for name in ("document_date", "deadline"):
            if name in record:
                try:
                    clean[name] = parse_date(record[name])
                except ValueError as error:
                    problems.append((col(name), str(error)))
        if record.get("cycle"):
            clean["cycle"] = int(record["cycle"]) if str(record["cycle"]).isdigit() else None
        for name in ("session", "paragraph", "external_id", "language", "response_comment"):
            if name in record:
                clean[name] = record[name]
                model = SourceDocument if name == "session" else Recommendation
                check_length(model, name, record[name], col, name, problems)
        if "language" in clean and not clean["language"]:
            clean["language"] = "en"
        try:
            if "response" in record:
                clean["response"] = parse_choice(record["response"], self.responses, RESPONSE_ALIASES,
                                                 default="pending")
        except ValueError as error:
            problems.append((col("response"), str(error)))
        try:
            if "status" in record:
                clean["status"] = parse_choice(record["status"], self.statuses,
                                               default=ImplementationStatus.NOT_STARTED.value)
        except ValueError as error:
            problems.append((col("status"), str(error)))
        try:
            if "published" in record:
                clean["published"] = parse_bool(record["published"])
        except ValueError as error:
            problems.append((col("published"), str(error)))
        if "recommending_states" in record:
            clean["recommending_states"] = sorted(set(record["recommending_states"]))
            for name in clean["recommending_states"]:
                check_length(Country, "name", name, col, "recommending_states", problems)
        clean.update(institution_ids(record, self.institutions, col, problems))
        if "cluster" in record:
            clean["cluster"] = (self.clusters.find(record["cluster"], col("cluster"), problems)
                                if record["cluster"] else None)
        clean["tags"] = tag_ids(record, self.terms, col, problems)
        return clean, problems

    def unknown_labels(self) -> list[dict]:
        """The taxonomy labels the file used that match no term or alias, most used first: vocabulary, label, how
        many times it was used, and the term it is closest to (an id, or None)."""
        found = [{"vocabulary": vocabulary, "label": label, "rows": rows, "suggestion": suggestion}
                 for vocabulary, lookup in self.terms.items()
                 for label, rows, suggestion, _close in lookup.unknown.values()]
        return sorted(found, key=lambda item: (-item["rows"], item["vocabulary"], item["label"]))

    def key(self, clean: dict) -> tuple:
        """1. the OHCHR annotation id; 2. (document, paragraph); 3. the normalised text's hash in its document."""
        if clean.get("external_id"):
            return ("id", clean["external_id"])
        if clean.get("paragraph"):
            return ("paragraph", clean["document"], clean["paragraph"])
        return ("text", clean["document"], text_hash(clean["text"]))

    def slot(self, clean: dict) -> tuple | None:
        """The unique place a row takes besides its key: (document, paragraph), when it names a paragraph."""
        return (clean["document"], clean["paragraph"]) if clean.get("paragraph") else None

    def slot_problem(self, clean: dict, row: int) -> tuple[str, str]:
        """Why a row cannot take a (document, paragraph) an earlier row of the file, with another key, took."""
        return (self.column_of("paragraph"),
                _("paragraph %(paragraph)s of %(document)s already belongs to row %(row)s, which is another "
                  "recommendation") % {"paragraph": clean["paragraph"], "document": clean["document"], "row": row})

    def conflicts(self, rows) -> dict[int, tuple[str, str]]:
        """Row number -> (column, reason) for the valid rows that state their document differently from an earlier
        row of the file, or whose paragraph is taken in the database (`_paragraph_conflicts`)."""
        found = self._document_conflicts(rows)
        found.update(self._paragraph_conflicts([(n, c) for n, c in rows if n not in found]))
        return found

    def _document_conflicts(self, rows) -> dict[int, tuple[str, str]]:
        """Rows that give their document another date, session or mechanism than an earlier row of the file gave
        it. A file states each document once; which value holds is for the coordinator to decide, not for the last
        row (rows arrive in file order, batch after batch, so `stated` holds the first row's values)."""
        found = {}
        for number, clean in rows:
            stated = self.stated.setdefault(clean["document"], {})
            values = {name: clean.get(name) for name in SHARED_DOCUMENT_FIELDS if clean.get(name)}
            for name, value in values.items():
                row, earlier = stated.get(name, (number, value))
                if _same(name, earlier, value):
                    continue
                found[number] = (self.column_of(name), _(
                    "document %(document)s is given %(field)s %(value)s here but %(earlier)s in row %(row)s; "
                    "a document has one %(field)s, so make the rows agree") % {
                    "document": clean["document"], "field": SHARED_DOCUMENT_FIELDS[name], "value": value,
                    "earlier": earlier, "row": row})
                break
            else:
                for name, value in values.items():
                    stated.setdefault(name, (number, value))
        return found

    def _paragraph_conflicts(self, rows) -> dict[int, tuple[str, str]]:
        """Row number -> (column, reason) for the valid rows whose (document, paragraph) already belongs to another
        recommendation in the database, so writing them would break the unique paragraph. Two queries per batch.

        A row matches a record as `write_batch` will (by annotation id, else by an unclaimed paragraph); a row
        without a paragraph column keeps its record's paragraph, which may then land in another document.
        """
        ids = {clean["external_id"] for _number, clean in rows if clean.get("external_id")}
        by_id = {ext: (pk, para) for pk, ext, para in Recommendation.objects.filter(external_id__in=ids)
                 .values_list("pk", "external_id", "paragraph")}
        wanted = {}
        for number, clean in rows:
            own = by_id.get(clean.get("external_id")) if clean.get("external_id") else None
            paragraph = clean["paragraph"] if "paragraph" in clean else own[1] if own else ""
            if paragraph and clean["document"] in self.documents:
                wanted[number] = (self.documents[clean["document"]].pk, paragraph, own)
        holders = {}
        if wanted:
            docs = {doc_id for doc_id, _para, _own in wanted.values()}
            paragraphs = {para for _doc, para, _own in wanted.values()}
            for pk, doc_id, para, ext in Recommendation.objects.filter(
                    source_document_id__in=docs, paragraph__in=paragraphs).values_list(
                    "pk", "source_document_id", "paragraph", "external_id"):
                holders[(doc_id, para)] = (pk, ext)
        found = {}
        for number, clean in rows:
            if number not in wanted:
                continue
            doc_id, paragraph, own = wanted[number]
            holder = holders.get((doc_id, paragraph))
            if holder is None:
                continue
            pk, ext = holder
            if (own[0] == pk) if own else (ext in ("", clean.get("external_id", ""))):
                continue  # the row's own record
            other = (_("annotation id %(id)s") % {"id": ext} if ext
                     else _("no annotation id, record #%(pk)s") % {"pk": pk})
            column = self.column_of("paragraph" if "paragraph" in clean else "document")
            found[number] = (column, _("paragraph %(paragraph)s of %(document)s already belongs to another "
                                       "recommendation (%(other)s)")
                             % {"paragraph": paragraph, "document": clean["document"], "other": other})
        return found

    # writing -------------------------------------------------------------
    def _document(self, clean: dict, actor) -> SourceDocument:
        doc = self.documents.get(clean["document"])
        changes = {k: v for k, v in (("date", clean.get("document_date")), ("session", clean.get("session")),
                                     ("cycle", clean.get("cycle")))
                   if v and (doc is None or getattr(doc, k) != v)}
        if doc is None:
            doc = record_save(obj=SourceDocument(symbol=clean["document"], mechanism=self._mechanism(
                clean["mechanism"], actor), **changes), actor=actor, reason="import")
            self.documents[doc.symbol] = doc
        elif changes:
            record_save(obj=doc, actor=actor, values=changes, reason="import")
        return doc

    def _mechanism(self, label: str, actor) -> Mechanism:
        mechanism = self.mechanisms.get(label_key(label))
        if mechanism is None:
            code = label.strip()
            kind = (Mechanism.Kind.UPR if code.casefold() == "upr" else Mechanism.Kind.TREATY_BODY
                    if code.casefold() in TREATY_BODIES else Mechanism.Kind.OTHER)
            mechanism = record_save(obj=Mechanism(code=code, name=code, kind=kind), actor=actor, reason="import")
            self.mechanisms[label_key(code)] = mechanism
        return mechanism

    def _country_ids(self, names) -> set[int]:
        """The ids of these States; States not yet known are created."""
        missing = {label_key(n): n for n in names if label_key(n) not in self.countries}
        if missing:
            Country.objects.bulk_create([Country(name=n) for n in missing.values()], ignore_conflicts=True)
            for pk, name in Country.objects.filter(name__in=missing.values()).values_list("pk", "name"):
                self.countries[label_key(name)], self.country_names[pk] = pk, name
        return {self.countries[label_key(n)] for n in names}

    def _existing(self, items) -> dict[int, int]:
        """Row number -> the id of the recommendation it matches, following the key order."""
        ids = [c["external_id"] for _number, c, _doc in items if c.get("external_id")]
        by_id = dict(Recommendation.objects.filter(external_id__in=ids).values_list("external_id", "pk"))
        paragraphs = defaultdict(set)
        for _number, c, doc in items:
            if c.get("paragraph"):
                paragraphs[doc.pk].add(c["paragraph"])
        by_paragraph = {}
        for doc_id, values in paragraphs.items():
            for pk, para, ext in Recommendation.objects.filter(source_document_id=doc_id, paragraph__in=values) \
                    .values_list("pk", "paragraph", "external_id"):
                by_paragraph[(doc_id, para)] = (pk, ext)
        found = {}
        for number, c, doc in items:
            ext = c.get("external_id", "")
            if ext and ext in by_id:
                found[number] = by_id[ext]
            elif c.get("paragraph"):
                pk, other = by_paragraph.get((doc.pk, c["paragraph"]), (None, ""))
                if pk and other in ("", ext):
                    found[number] = pk
            elif (by_text := self._by_text(doc.pk)) and (pk := by_text.get(text_hash(c["text"]))):
                found[number] = pk
        return found

    def _by_text(self, doc_id: int) -> dict:
        """Text hash -> id of the document's recommendations without an external id (the only ones the third
        key can match: a record with an id is matched by its id)."""
        if doc_id not in self.by_document:
            self.by_document[doc_id] = {
                text_hash(text): pk for pk, text in
                Recommendation.objects.filter(source_document_id=doc_id, external_id="").values_list("pk", "text")}
        return self.by_document[doc_id]

    def _wanted(self, clean: dict, doc) -> dict:
        """What the row says, as attname -> value (plus m2m id sets and tags), for the fields the file holds."""
        values = {"source_document_id": doc.pk, "text": clean["text"]}
        for name in ("paragraph", "external_id", "language", "response", "response_comment", "status",
                     "deadline"):
            if name in clean:
                values[name] = clean[name]
        for name in ("lead_institution", "cluster"):
            if name in clean:
                values[f"{name}_id"] = clean[name]
        if "lead_institution" in clean or "co_executors" in clean:
            values["institutions_from_measures"] = False  # the file sets them directly
        if "published" in clean:
            values["is_published"] = clean["published"]
        if "recommending_states" in clean:
            values["recommending_states"] = self._country_ids(clean["recommending_states"])
        if "co_executors" in clean:
            values["co_executors"] = set(clean["co_executors"])
        values["tags"] = clean["tags"]
        return values

    @staticmethod
    def _stored(pks) -> dict[int, dict]:
        """The stored values of these recommendations, their m2m ids and accepted tags, in a few queries."""
        stored = {}
        for row in Recommendation.objects.filter(pk__in=pks).values_list("pk", *COMPARED):
            stored[row[0]] = dict(zip(COMPARED, row[1:]))
            stored[row[0]].update({name: set() for name in M2M}, tags=defaultdict(set))
        for name, column in M2M.items():
            through = getattr(Recommendation, name).through
            for rec_id, other in through.objects.filter(recommendation_id__in=pks).values_list(
                    "recommendation_id", column):
                stored[rec_id][name].add(other)
        for rec_id, vocabulary, term_id in TagAssignment.objects.filter(
                recommendation_id__in=pks, status=ACCEPTED).values_list("recommendation_id", "vocabulary", "term_id"):
            stored[rec_id]["tags"][vocabulary].add(term_id)
        return stored

    @staticmethod
    def _same(stored: dict, wanted: dict) -> bool:
        for name, value in wanted.items():
            if name == "tags":
                if any(ids != stored["tags"].get(vocabulary, set()) for vocabulary, ids in value.items()):
                    return False
            elif stored[name] != value:
                return False
        return True

    def write_batch(self, rows, actor, reason: str) -> dict[int, str]:
        """Create, update or leave alone each valid row; returns row number -> action."""
        items = [(n, c, self._document(c, actor)) for n, c in rows]
        matched = self._existing(items)
        stored = self._stored(set(matched.values()))
        actions, new = {}, []
        for number, clean, doc in items:
            wanted = self._wanted(clean, doc)
            pk = matched.get(number)
            if pk is None:
                new.append((number, clean, wanted))
            elif self._same(stored[pk], wanted):
                actions[number] = "unchanged"

            else:
                self._update(Recommendation.objects.get(pk=pk), wanted, actor, reason)
                actions[number] = "updated"
        self._create([wanted for _number, _clean, wanted in new], actor, reason)
        actions.update({number: "created" for number, _clean, _wanted in new})
        return actions

    @staticmethod
    def _update(rec, wanted, actor, reason) -> None:
        """Save what differs through `record_save` (and the tags one by one), so history has every change."""
        changes = {name: value for name, value in wanted.items()
                   if name not in M2M and name != "tags" and getattr(rec, name) != value}
        if "status" in changes:  # a status the file gives is a statement beside the measures': an override
            changes.update(_override(changes.pop("status")))
        if "is_published" in changes:
            rec.mark_published(changes["is_published"])
            changes["published_at"] = rec.published_at
        m2m = {name: list(wanted[name]) for name in M2M
               if name in wanted and wanted[name] != {o.pk for o in getattr(rec, name).all()}}
        current_tags = _accepted_tags(rec)
        tags = {v: ids for v, ids in wanted["tags"].items() if ids != current_tags.get(v, set())}
        if changes or m2m:
            record_save(obj=rec, actor=actor, values=changes, m2m=m2m, reason=reason)
            recommendation_derive(recommendations=[rec], actor=actor, reason=reason)
        _sync_tags(rec, "recommendation", tags, current_tags, actor)

    def _create(self, new: list[dict], actor, reason) -> None:
        """Create new recommendations with one 'created' history row each, which also lists their States and
        co-executors (as simple-history's m2m history does), and their tags with history rows."""
        if not new:
            return
        now = timezone.now()
        user = actor if getattr(actor, "pk", None) else None
        history = {"default_user": user, "default_change_reason": reason, "default_date": now}
        records = [self._record(wanted, now) for wanted in new]
        pks = insert_rows(Recommendation, NEW_FIELDS, [tuple(getattr(rec, name) for name in NEW_FIELDS)
                                                        for rec in records], created_at=now, updated_at=now)
        for rec, pk in zip(records, pks):
            rec.pk = pk
        insert_history(Recommendation, Recommendation.objects.filter(pk__in=pks), **history)
        created = Recommendation.history.filter(id=OuterRef("recommendation_id")).values("history_id")
        for name, column in M2M.items():
            through = getattr(Recommendation, name).through
            insert_rows(through, ("recommendation_id", column), [
                (rec.pk, other) for rec, wanted in zip(records, new) for other in sorted(wanted.get(name, ()))])
            insert_select(apps.get_model("recommendations", f"HistoricalRecommendation_{name}"),
                          through.objects.filter(recommendation_id__in=pks),
                          {"id": F("id"), "recommendation_id": F("recommendation_id"), column: F(column),
                           "history_id": Subquery(created)})
        # The tag table's indexes lead with the term, so the rows go in sorted by it.
        tags = sorted((term_id, vocabulary, rec.pk) for rec, wanted in zip(records, new)
                      for vocabulary, ids in wanted["tags"].items() for term_id in ids)
        insert_rows(TagAssignment, ("term_id", "vocabulary", "recommendation_id"), tags, created_at=now,
                    updated_at=now, status=ACCEPTED, source=TagAssignment.Source.PERSON, created_by_id=getattr(user, "pk", None))
        insert_history(TagAssignment, TagAssignment.objects.filter(recommendation_id__in=pks), **history)
        for rec in records:
            if not rec.external_id:
                self._by_text(rec.source_document_id)[text_hash(rec.text)] = rec.pk
        index_created(pks)

    @staticmethod
    def _record(wanted: dict, now) -> Recommendation:
        """A new recommendation with what the row says; a field the file does not give keeps its default."""
        rec = Recommendation(**{k: v for k, v in wanted.items() if k not in M2M and k != "tags"})
        rec.paragraph_key = paragraph_key(rec.paragraph)  # what `Recommendation.save` would set
        if rec.is_published:
            rec.published_at = now
        if "status" in wanted and wanted["status"] != ImplementationStatus.NOT_STARTED:
            # A new record has no measures, so its derived status is 'not started': any other status the file
            # gives is a coordinator's override.
            for name, value in _override(wanted["status"]).items():
                setattr(rec, name, value)
        return rec
