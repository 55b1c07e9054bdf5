"""Reading a case file: one loader for the command line, the app's uploads and the library.

Bytes become a validated Case or a CaseError with one problem per thing wrong;
nothing is guessed, and no failure escapes as a traceback.
"""

from __future__ import annotations

import json
import os
from typing import Any

from pydantic import ValidationError

from decision.model.case import SCHEMA_VERSION, Case
from decision.model.problems import CaseError, Problem, describe_problems

MAX_CASE_BYTES = 1_000_000


def _file_problem(key: str, **values: Any) -> CaseError:
    return CaseError.of([Problem("(file)", key, values)])


def _too_large(size: int) -> CaseError:
    return _file_problem("validation.too_large", megabytes=size / 1e6, limit=MAX_CASE_BYTES / 1e6)


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


def load_case_bytes(raw: bytes) -> Case:
    """Parse and validate the bytes of a case file; every failure becomes a CaseError."""
    if len(raw) > MAX_CASE_BYTES:
        raise _too_large(len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_problem("validation.not_utf8") from None
    try:
        # NaN and Infinity are read as numbers so that validation names the field they are in.
        data = json.loads(text, parse_constant=float)
    except RecursionError:
        raise _file_problem("validation.too_deep") from None
    except json.JSONDecodeError as error:
        raise _file_problem(
            "validation.not_json", reason=error.msg, line=error.lineno, column=error.colno, position=error.pos
        ) from None
    return parse_case(data)


def load_case(path: str) -> Case:
    """Read and validate a case file; a file over the size limit is refused unread."""
    size = os.path.getsize(path)
    if size > MAX_CASE_BYTES:
        raise _too_large(size)
    with open(path, "rb") as handle:
        return load_case_bytes(handle.read())
