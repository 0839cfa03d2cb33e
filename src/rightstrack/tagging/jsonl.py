"""Reading and validating the JSON-lines files the `tag` command takes."""

import json
from pathlib import Path


class InputError(ValueError):
    """A problem with an input file, worded for a one-line error message."""


def read_records(path: str, *, labelled: bool) -> list[dict]:
    """Records of a JSONL file: each needs a string "text" (and a list of string "labels" if `labelled`)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from None
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}: malformed JSON ({error.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f'{path}:{number}: missing "text" (a string)')
        labels = record.get("labels")
        if labelled and not (isinstance(labels, list) and all(isinstance(label, str) for label in labels)):
            raise InputError(f'{path}:{number}: missing "labels" (a list of strings)')
        records.append(record)
    if not records:
        raise InputError(f"{path}: no records")
    return records
