"""Reading a case file: one loader for the command line, the app's uploads and the library.

Bytes become a validated Case or a CaseError with one problem per thing wrong;
nothing is guessed, and no failure escapes as a traceback. Hostile files get a
problem too, never a hang or a crash: only a regular file is read, and never more
than the size limit (a device such as /dev/zero, a named pipe or a folder is
refused unread); a whole number longer than ``MAX_INTEGER_DIGITS`` digits and a key
that appears twice in one object are refused with a line that names them.
"""

from __future__ import annotations

import json
import os
import stat
from typing import Any

from pydantic import ValidationError

from decision.model.case import SCHEMA_VERSION, Case
from decision.model.problems import CaseError, Problem, describe_problems

MAX_CASE_BYTES = 1_000_000
# No number in a case needs more; Python refuses to read whole numbers past 4,300 digits.
MAX_INTEGER_DIGITS = 20
# A duplicated key is shown up to this many characters; at most this many duplicated keys are listed.
KEY_SHOWN_CHARS = 40
MAX_DUPLICATES_LISTED = 10


def _file_problem(key: str, **values: Any) -> CaseError:
    return CaseError.of([Problem("(file)", key, values)])


def _too_large(size: int) -> CaseError:
    limit = MAX_CASE_BYTES / 1e6
    # One decimal (5.0 MB), unless that would round back to the limit: 1,000,001 bytes is 1.000001 MB.
    megabytes = round(size / 1e6, 1) if round(size / 1e6, 1) > limit else size / 1e6
    return _file_problem("validation.too_large", megabytes=megabytes, limit=limit)


def parse_case(data: Any) -> Case:
    """Validate a dict (already parsed JSON) into a Case, or raise CaseError.

    A file from a newer schema gets that one message, not a line for every field
    this version does not know.
    """
    if not isinstance(data, dict):
        raise _file_problem("validation.not_object")
    version = data.get("schema_version")
    if isinstance(version, (int, float)) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        newer = Problem("schema_version", "validation.newer_schema", {"version": version, "supported": SCHEMA_VERSION})
        raise CaseError.of([newer])
    try:
        return Case.model_validate(data)
    except ValidationError as error:
        raise CaseError.of(describe_problems(error)) from None
    except RecursionError:
        raise _file_problem("validation.too_deep") from None


def _whole_number(text: str) -> int:
    """A JSON integer, refused before Python turns thousands of digits into a number (or a traceback)."""
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise _file_problem("validation.integer_too_long", limit=MAX_INTEGER_DIGITS)
    return int(text)


def _shown_key(key: str) -> str:
    """A key as JSON text on one line (control and non-ASCII characters escaped), shortened when long."""
    short = key if len(key) <= KEY_SHOWN_CHARS else key[: KEY_SHOWN_CHARS - 1] + "…"
    return json.dumps(short)


def _parse_json(text: str) -> Any:
    """The JSON value of ``text``; a key twice in one object is a CaseError naming each such key."""
    duplicates: dict[str, None] = {}  # in the order found

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) < len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    duplicates[key] = None
                seen.add(key)
        return found

    # NaN and Infinity are read as numbers so that validation names the field they are in.
    data = json.loads(text, parse_constant=float, parse_int=_whole_number, object_pairs_hook=unique_keys)
    if duplicates:
        raise CaseError.of(
            [
                Problem("(file)", "validation.duplicate_key", {"field": _shown_key(key)})
                for key in list(duplicates)[:MAX_DUPLICATES_LISTED]
            ]
        )
    return data


def load_case_bytes(raw: bytes) -> Case:
    """Parse and validate the bytes of a case file; every failure becomes a CaseError."""
    if len(raw) > MAX_CASE_BYTES:
        raise _too_large(len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_problem("validation.not_utf8") from None
    try:
        data = _parse_json(text)
    except RecursionError:
        raise _file_problem("validation.too_deep") from None
    except json.JSONDecodeError as error:
        raise _file_problem(
            "validation.not_json", reason=error.msg, line=error.lineno, column=error.colno, position=error.pos
        ) from None
    return parse_case(data)


def _open_without_waiting(path: str, flags: int) -> int:
    # Should the path have become a named pipe since it was checked, opening it does not wait for a writer.
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def load_case(path: str) -> Case:
    """Read and validate a case file.

    Only a regular file is read (a device, pipe or folder is a CaseError, never a hang),
    a file over the size limit is refused unread, and at most one byte more than the
    limit is ever read, should the file grow meanwhile. OSError when it cannot be read.
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise _file_problem("validation.not_a_file")
    if info.st_size > MAX_CASE_BYTES:
        raise _too_large(info.st_size)
    with open(path, "rb", opener=_open_without_waiting) as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise _file_problem("validation.not_a_file")
        raw = handle.read(MAX_CASE_BYTES + 1)
    return load_case_bytes(raw)
