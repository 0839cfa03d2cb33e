"""Backup and restore of everything: every table (history included) and the uploaded files (MEDIA_ROOT).

A backup is one zip: `data.jsonl` (one object per line, keys sorted, so the same data always gives the same
bytes on SQLite and PostgreSQL), `media/...` and `manifest.json` with SHA-256 checksums of both.
Restore checks the checksums first, refuses a non-empty database unless forced, and loads in one
transaction. The full-text/vector search index is derived data: it is left out and rebuilt after restore. What
people decided in the search app (confirmed and dismissed cluster suggestions) and the taggers trained here (tag
review's registry and held-out evaluations; the model files are in MEDIA_ROOT) are kept.
"""

import errno
import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, time
from itertools import islice
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from rightstrack.jobs.models import Job
from rightstrack.jobs.runner import job_fail_interrupted

FORMAT_VERSION = 1
CHUNK = 2000  # rows serialized at a time
SKIPPED_MODELS = {
    "contenttypes.contenttype", "auth.permission", "sessions.session",
    # Derived from the records, rebuilt with `rightstrack reindex`: the search index, the vectors and the facet
    # triggers' bookkeeping.
    "search.searchdocument", "search.recommendationembedding", "search.measureembedding", "search.facetgeneration",
}
# The job log is kept (it holds who imported and built what), but no worker runs a job restored as running.
RESTORED_RUNNING_ERROR = _("This job was running when the backup was made, so it did not finish in the restored "
                           "copy. Start it again.")
# Models that moved to another app since a backup may have been made: its rows load into the model's new home.
MOVED_MODELS = {"search.taggingmodelversion": "tagreview.taggingmodelversion"}


class BackupError(Exception):
    """The backup file cannot be used, or restoring would overwrite data."""


def backed_up_models() -> list:
    """Every concrete model whose rows a backup holds, in dependency order."""
    app_list = {config: None for config in apps.get_app_configs()}
    ordered = serializers.sort_dependencies(app_list.items(), allow_cycles=True)
    return [m for m in ordered if m._meta.label_lower not in SKIPPED_MODELS and not m._meta.proxy
            and m._meta.managed]


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (it cuts them to milliseconds)."""

    def default(self, o):
        if isinstance(o, (datetime, time)):
            return o.isoformat()
        return super().default(o)


class _Serializer(PythonSerializer):
    """Django's serializer, but a many-to-many relation fetched with the chunk is read from that fetch alone:
    Django's builds the relation's query for every row even when it then reads the fetched rows (about 0.5 ms a
    relation a row). The values are written exactly as Django writes them."""

    def handle_m2m_field(self, obj, field):
        fetched = getattr(obj, "_prefetched_objects_cache", {}).get(field.name)
        if fetched is None or not field.remote_field.through._meta.auto_created:
            super().handle_m2m_field(obj, field)
        elif self.use_natural_foreign_keys and hasattr(field.remote_field.model, "natural_key"):
            self._current[field.name] = [related.natural_key() for related in fetched]
        else:
            self._current[field.name] = [self._value_from_field(related, related._meta.pk) for related in fetched]


def _lines(model) -> iter:
    # Serializing reads every many-to-many relation of a row, and every related row it names by natural key, with
    # a query per row unless they come with the chunk: 40,000 such queries made a 20k-recommendation backup slow.
    natural = [f.name for f in model._meta.concrete_fields
               if f.is_relation and hasattr(f.remote_field.model, "natural_key")]
    many = [f.name for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
    rows = model._base_manager.order_by("pk").select_related(*natural).prefetch_related(*many).iterator(
        chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        for data in _Serializer().serialize(chunk, use_natural_foreign_keys=True):
            yield json.dumps(data, cls=_Encoder, sort_keys=True, ensure_ascii=False) + "\n"


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(1024 * 1024):
        digest.update(chunk)
    return digest.hexdigest()


def backup_create(*, path: Path, progress: Callable[[float], None] | None = None) -> dict:
    """Write a backup zip to `path`; returns its manifest.

    The zip is written beside `path` under a temporary name and renamed onto it only once complete and flushed to
    disk, so a failure (a full disk, a file-size limit, a kill) leaves no half-written backup and leaves an earlier
    backup at `path` untouched. A full disk raises BackupError saying so."""
    progress = progress or (lambda fraction: None)
    models = backed_up_models()
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        manifest = _write(partial, models, progress)
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            kept = f"; the earlier backup {path} is unchanged" if path.exists() else ""
            raise BackupError(f"no space left to write the backup {path} ({error.strerror}): nothing was "
                              f"written{kept}") from error
        raise
    except BaseException:
        partial.unlink(missing_ok=True)  # never leave a half-written backup that looks usable
        raise
    progress(1.0)
    return manifest


def _write(path: Path, models: list, progress) -> dict:
    counts, digest = {}, hashlib.sha256()
    media_root = Path(settings.MEDIA_ROOT)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        with archive.open("data.jsonl", "w", force_zip64=True) as data:
            for index, model in enumerate(models):
                n = 0
                for line in _lines(model):
                    raw = line.encode()
                    data.write(raw)
                    digest.update(raw)
                    n += 1
                if n:
                    counts[model._meta.label_lower] = n
                progress(0.8 * (index + 1) / len(models))
        files = {}
        if media_root.is_dir():
            for file in sorted(p for p in media_root.rglob("*") if p.is_file()):
                name = file.relative_to(media_root).as_posix()
                with open(file, "rb") as handle:
                    files[name] = _sha256(handle)
                archive.write(file, f"media/{name}")
        manifest = {"format": FORMAT_VERSION, "created": datetime.now(UTC).isoformat(),
                    "database": connection.vendor, "counts": counts, "data_sha256": digest.hexdigest(),
                    "files": files}
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def database_is_empty() -> bool:
    """True when no backed-up table holds a row (what migrations create does not count)."""
    return not any(m._base_manager.exists() for m in backed_up_models())


def _verify(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError("not a rightstrack backup (no readable manifest.json)") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"unsupported backup format {manifest.get('format')!r}")
    with archive.open("data.jsonl") as data:
        if _sha256(data) != manifest["data_sha256"]:
            raise BackupError("data.jsonl does not match its checksum: the backup is damaged")
    for name, checksum in manifest["files"].items():
        with archive.open(f"media/{name}") as handle:
            if _sha256(handle) != checksum:
                raise BackupError(f"media/{name} does not match its checksum: the backup is damaged")
    return manifest


class _NaturalKeys:
    """Primary keys of rows named by natural key in the backup (users, content types, permissions), looked up
    once per model instead of once per row; a key not found yet (its rows were restored since) reloads the model."""

    def __init__(self):
        self.maps: dict = {}
        self.missing: set = set()

    def pk(self, model, key: list):
        key = tuple(key)
        if key not in self.maps.get(model, {}) and (model, key) not in self.missing:
            self.maps[model] = {tuple(obj.natural_key()): obj.pk for obj in model._base_manager.all()}
            if key not in self.maps[model]:
                self.missing.add((model, key))
        return self.maps[model].get(key, list(key))  # unknown: left for the deserializer to report

    def resolve(self, model, rows: list[dict]) -> list[dict]:
        """Serialized rows of `model` with natural keys replaced by primary keys."""
        named = [f for f in model._meta.get_fields() if f.is_relation and (f.many_to_many or f.concrete)
                 and hasattr(f.related_model, "natural_key")]
        if not named:
            return rows
        resolved = []
        for row in rows:
            fields = dict(row["fields"])
            for field in named:
                value = fields.get(field.name)
                if value and field.many_to_many and isinstance(value[0], list):
                    fields[field.name] = [self.pk(field.related_model, v) for v in value]
                elif value and not field.many_to_many and isinstance(value, list):
                    fields[field.name] = self.pk(field.related_model, value)
            resolved.append({**row, "fields": fields})
        return resolved


def _insert(rows: list[dict], keys: _NaturalKeys) -> None:
    """Insert serialized rows of one model as they are (no signals, no `save()`, values untouched, as a raw save
    does) in multi-row statements, and their many-to-many rows straight into the through tables. Setting those
    through the relation would fire m2m_changed, and django-simple-history would then add history rows that the
    backup never had."""
    model = apps.get_model(rows[0]["model"])
    rows = keys.resolve(model, rows)
    deserialized = list(serializers.deserialize("python", rows))
    objects, fields = [d.object for d in deserialized], model._meta.local_concrete_fields
    # A raw insert, as `save_base(raw=True)` makes: `bulk_create` would stamp auto_now fields with the time now.
    size = max(1, connection.ops.bulk_batch_size(fields, objects))
    for start in range(0, len(objects), size):
        model._base_manager._insert(objects[start:start + size], fields=fields, raw=True)
    for name in {name for d in deserialized for name in (d.m2m_data or {})}:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through._base_manager.bulk_create([through(**{f"{source}_id": d.object.pk, f"{target}_id": i})
                                           for d in deserialized for i in (d.m2m_data or {}).get(name, ())],
                                          batch_size=500)


def backup_restore(*, path: Path, force: bool = False, progress: Callable[[float], None] | None = None) -> dict:
    """Load a backup into this database and MEDIA_ROOT; refuses a non-empty database unless `force`."""
    progress = progress or (lambda fraction: None)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"cannot open {path}: {error}") from None
    with archive:
        manifest = _verify(archive)
        call_command("migrate", interactive=False, verbosity=0)
        if not database_is_empty():
            if not force:
                raise BackupError("the database already holds data; restore replaces everything, so pass --force")
            call_command("flush", interactive=False, verbosity=0)
        total = max(sum(manifest["counts"].values()), 1)
        with transaction.atomic(), connection.constraint_checks_disabled():
            keys, rows = _NaturalKeys(), []
            with archive.open("data.jsonl") as data:
                # Rows come model by model (dependency order); each model's rows go in CHUNK at a time.
                for index, line in enumerate(data, start=1):
                    row = json.loads(line)
                    row["model"] = MOVED_MODELS.get(row["model"], row["model"])
                    if rows and (row["model"] != rows[0]["model"] or len(rows) >= CHUNK):
                        _insert(rows, keys)
                        rows = []
                        progress(0.9 * index / total)
                    rows.append(row)
                if rows:
                    _insert(rows, keys)
            connection.check_constraints()
            models = backed_up_models()
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
            for job in Job.objects.filter(state=Job.State.RUNNING):
                job_fail_interrupted(job, str(RESTORED_RUNNING_ERROR))
        media_root = Path(settings.MEDIA_ROOT)
        for name in manifest["files"]:
            target = (media_root / name).resolve()
            if not target.is_relative_to(media_root.resolve()):
                raise BackupError(f"refusing to write outside MEDIA_ROOT: {name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(f"media/{name}") as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
    progress(1.0)
    return manifest
