"""A stored case that today's checks refuse, made openable: each refused field set back.

A case saved by an older version of Kruispunt (or written into the library by another
tool) may hold what the case model now refuses: an amount of 1e30, a text over its
limit, a date in 1900, a field this version does not know. Such a case still opens:
every refused field is set back to where a new case starts (the blank case's value, or
the schema's default), a text over its limit is cut to it and a list to its maximum.
The page says what was refused, field by field, and the user corrects it there.

Nothing here reads the session or the library: ``repaired`` takes the stored JSON.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from decision.model.blank import blank_case
from decision.model.case import Case
from decision.model.loader import parse_case
from decision.model.problems import CaseError, Problem
from decision.model.registry import BY_PATH

# Each round sets back what one validation found; a field set back can only reveal what it held.
MAX_ROUNDS = 20
_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")
_MISSING = object()
# Problems of the file as a whole: nothing in it can be set back (not an object, a newer schema).
_WHOLE_FILE = ("", "(file)")
# Problems a text or list is cut for (to the problem's limit) rather than set back.
_CUT = ("validation.text_too_long", "validation.too_many")


def parts(path: str) -> list[str | int]:
    """A problem's path as keys and list indices: "smart_goals[1].deadline" -> ["smart_goals", 1, "deadline"]."""
    return [int(index) if index else name for index, name in _PART.findall(path)]


def repaired(data: Any) -> tuple[Case, CaseError | None] | None:
    """``data`` (a stored case as JSON data) as a case, with what was refused (None: nothing was).

    None when nothing of it can be kept: it is no JSON object, or it comes from a newer
    version of Kruispunt (whose fields this version cannot judge).
    """
    if not isinstance(data, dict):
        return None
    work = copy.deepcopy(data)
    blank = blank_case().model_dump(mode="json")
    first: CaseError | None = None
    for _ in range(MAX_ROUNDS):
        try:
            return parse_case(work), first
        except CaseError as error:
            first = first or error
            if any(p.path in _WHOLE_FILE or p.key == "validation.newer_schema" for p in error.details):
                return None
            before = json.dumps(work, sort_keys=True, default=str)
            for problem in sorted(error.details, key=_order, reverse=True):  # later list items first
                _set_back(work, _field(parts(problem.path)), problem, blank)
            if json.dumps(work, sort_keys=True, default=str) == before:
                return None
    return None


def _order(problem: Problem) -> list[tuple[int, Any]]:
    return [(0, part) if isinstance(part, int) else (1, part) for part in parts(problem.path)]


def _field(path: list[str | int]) -> list[str | int]:
    """What to set back for a problem at ``path``: an input's estimate as a whole (its low alone
    cannot be set back without breaking low <= most likely <= high), else the field itself."""
    offset = 2 if path[:1] == ["variants"] else 0
    if len(path) >= offset + 2 and f"{path[offset]}.{path[offset + 1]}" in BY_PATH:
        return path[: offset + 2]
    return path


def _at(data: Any, path: list[str | int]) -> Any:
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return _MISSING
    return data


def _set_back(work: dict[str, Any], path: list[str | int], problem: Problem, blank: dict[str, Any]) -> None:
    """Set the field at ``path`` back: cut a text or list to its limit, else the blank case's value
    (a variant's group: the case's group), else leave it out so its default applies."""
    if not path:
        return
    parent, key = _at(work, path[:-1]), path[-1]
    in_dict = isinstance(parent, dict) and isinstance(key, str)
    in_list = isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent)
    if not (in_dict or in_list):
        return
    current = _at(work, path)
    limit = problem.values.get("limit")
    start = _at(blank, path[2:] if path[:1] == ["variants"] else path)
    if isinstance(limit, int) and problem.key in _CUT and isinstance(current, (str, list)):
        parent[key] = current[:limit]
    elif start is not _MISSING and current != start:
        parent[key] = copy.deepcopy(start)
    elif current is not _MISSING:
        del parent[key]
