"""A full disk while writing a backup: a clear error, no half-written file, and the last good backup untouched.

The full disk is a file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so that a write past it fails with EFBIG
instead of killing the process), set only while the backup runs."""

import resource
import signal
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rightstrack.backup.services import BackupError, backup_create


@contextmanager
def disk_full_after(size: int):
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def test_a_full_disk_leaves_the_last_good_backup_untouched(world, tmp_path):
    path = tmp_path / "rightstrack.zip"
    backup_create(path=path)
    good = path.read_bytes()
    assert len(good) > 1024
    with disk_full_after(1024), pytest.raises(BackupError) as refused:
        backup_create(path=path)
    assert "no space left" in str(refused.value) and "is unchanged" in str(refused.value)
    assert path.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rightstrack.zip"]  # no partial file left behind


def test_the_command_says_so_in_one_line(world, tmp_path):
    with disk_full_after(1024), pytest.raises(CommandError, match="no space left to write the backup"):
        call_command("backup", str(tmp_path / "new.zip"))
    assert list(tmp_path.iterdir()) == []
