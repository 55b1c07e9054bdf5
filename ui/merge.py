"""Two edits of one case, made in two browser tabs, merged field by field (a three-way merge).

Both tabs started from the same stored version (the common ancestor, ``base``). A field
only one tab changed takes that tab's value; a field both changed to the same value
takes it; a field both changed to different values is a conflict, which the user
decides (``prefer`` says which side it takes meanwhile).

What counts as one field: every value of the case file, except that a three-point
estimate is one field (its low cannot be taken from one tab and its high from the
other) and so is a list (the SMART criteria, the negotiation options, the variants:
their rows have no identity to match them by).

Nothing here reads the session or the library: it works on the case as JSON data
(``Case.model_dump(mode="json")``); the caller validates the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from decision.model.registry import BY_PATH

_MISSING: Any = object()  # a key one side does not have


@dataclass(frozen=True)
class Merge:
    data: dict[str, Any]  # the merged case; a conflict holds the ``prefer``red side's value
    conflicts: tuple[str, ...]  # the fields both sides changed differently, as dotted paths


def merge(
    base: dict[str, Any] | None,
    mine: dict[str, Any],
    theirs: dict[str, Any],
    prefer: Literal["mine", "theirs"] = "mine",
) -> Merge:
    """Merge ``mine`` and ``theirs``, both edits of ``base``. Without a base (it is no longer in the
    history), every field the two sides hold differently is a conflict."""
    conflicts: list[str] = []
    merged = _merge(base if base is not None else _MISSING, mine, theirs, (), conflicts, prefer)
    return Merge(merged, tuple(conflicts))


def _whole(path: tuple[str, ...]) -> bool:
    """A value merged as one: an estimate of the registry."""
    spec = BY_PATH.get(".".join(path))
    return spec is not None and spec.estimate


def _merge(base: Any, mine: Any, theirs: Any, path: tuple[str, ...], conflicts: list[str], prefer: str) -> Any:
    if mine == theirs:
        return mine
    if mine == base:
        return theirs
    if theirs == base:
        return mine
    if isinstance(mine, dict) and isinstance(theirs, dict) and not _whole(path):
        # Without a base (a group one side added), each key is merged against nothing.
        ancestor = base if isinstance(base, dict) else {}
        merged: dict[str, Any] = {}
        for key in [*mine, *(key for key in theirs if key not in mine)]:
            value = _merge(
                ancestor.get(key, _MISSING),
                mine.get(key, _MISSING),
                theirs.get(key, _MISSING),
                (*path, key),
                conflicts,
                prefer,
            )
            if value is not _MISSING:
                merged[key] = value
        return merged
    conflicts.append(".".join(path))
    return mine if prefer == "mine" else theirs
