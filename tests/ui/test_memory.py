"""The garbage collector between runs (ui/memory.py): survivors of a full run are frozen, and a
cycle among them is freed by the next full run's collection, so memory stays bounded."""

from __future__ import annotations

import gc
import weakref

import pytest

from ui import memory


class Node:
    """An object that can take part in a reference cycle and be watched with a weak reference."""

    def __init__(self) -> None:
        self.other: Node | None = None


def cycle() -> tuple[Node, weakref.ref[Node]]:
    first, second = Node(), Node()
    first.other, second.other = second, first
    return first, weakref.ref(second)


COLLECT_AND_FREEZE = memory.collect_and_freeze  # tests/conftest.py makes it a no-op for the page tests


@pytest.fixture(autouse=True)
def _the_real_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "collect_and_freeze", COLLECT_AND_FREEZE)


def test_the_survivors_are_frozen_and_a_later_collection_passes_them_by() -> None:
    kept, watched = cycle()
    memory.collect_and_freeze()
    try:
        assert gc.get_freeze_count() > 0
        del kept  # now garbage, but frozen: only a cycle collection could free it
        gc.collect()
        assert watched() is not None
        memory.collect_and_freeze()  # the next full run
        assert watched() is None
    finally:
        gc.unfreeze()


def test_a_frozen_object_is_still_freed_when_its_last_reference_goes() -> None:
    kept = Node()
    watched = weakref.ref(kept)
    memory.collect_and_freeze()
    try:
        del kept
        assert watched() is None
    finally:
        gc.unfreeze()


def test_a_full_run_of_the_app_ends_with_the_survivors_frozen(app_at) -> None:
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    app_at()
    try:
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
