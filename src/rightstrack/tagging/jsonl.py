"""Reading and validating the JSON-lines files the `tag` command takes."""

import json
from collections.abc import Iterator


class InputError(ValueError):
    """A problem with an input file, worded for a one-line error message."""


def iter_records(path: str, *, labelled: bool) -> Iterator[dict]:
    """Records of a JSONL file one at a time, so memory does not grow with the file: each needs a string "text"
    (and a list of string "labels" if `labelled`). Raises InputError at the first bad line, or if there is none."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    seen = False
    with handle:
        try:
            for number, line in enumerate(handle, 1):
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
                seen = True
                yield record
        except UnicodeDecodeError as error:
            raise InputError(f"cannot read {path}: {error}") from None
    if not seen:
        raise InputError(f"{path}: no records")


def read_records(path: str, *, labelled: bool) -> list[dict]:
    """Every record of a JSONL file (see `iter_records`)."""
    return list(iter_records(path, labelled=labelled))
