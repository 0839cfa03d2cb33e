"""When the job worker was last alive: a file the worker touches, so a locked or unreachable database cannot
hide a living worker, and a dead worker shows as silent on the jobs page."""

import os
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

STALE_AFTER_SECONDS = 60


def heartbeat_path() -> Path:
    return settings.DATA_DIR / "worker.heartbeat"


def heartbeat_beat() -> None:
    """Record that the worker is alive now."""
    path = heartbeat_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    os.utime(path)


def heartbeat_last() -> datetime | None:
    """When the worker last said it was alive, or None if it never did."""
    try:
        return datetime.fromtimestamp(heartbeat_path().stat().st_mtime, tz=UTC)
    except FileNotFoundError:
        return None


def heartbeat_is_stale(last: datetime | None, now: datetime | None = None) -> bool:
    """True when the worker has been silent for longer than it ever is while it runs (or never ran)."""
    now = now or datetime.now(tz=UTC)
    return last is None or (now - last).total_seconds() > STALE_AFTER_SECONDS
