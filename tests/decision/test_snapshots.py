"""The command line's output for every preset, compared byte for byte with snapshots.

The snapshots in ``snapshots/`` were written by the code *before* the restructure of
issue 10 (``python -m decision evaluate|sensitivity|agreement`` on each preset), so a
move of code that changes a single number, word or key order fails here. Re-write a
snapshot only for a change that is meant to change the output, and say so in the commit.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from decision.model.presets import DATA_DIR, preset_ids

REPO = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"

# snapshot suffix -> the command's arguments after the case file
COMMANDS: dict[str, tuple[str, ...]] = {
    "decision.json": ("evaluate",),
    "book-nl.json": ("evaluate", "--view", "book", "--lang", "nl", "--iterations", "2000", "--seed", "7"),
    "evaluate-nl.txt": ("evaluate", "--format", "text", "--lang", "nl", "--iterations", "2000"),
    "sensitivity.json": ("sensitivity", "--format", "json", "--iterations", "2000"),
    "agreement-nl.json": ("agreement", "--format", "json", "--iterations", "2000", "--lang", "nl"),
}


@pytest.mark.parametrize("suffix", list(COMMANDS))
@pytest.mark.parametrize("preset", preset_ids())
def test_output_unchanged(preset: str, suffix: str) -> None:
    command, *options = COMMANDS[suffix]
    case = str(DATA_DIR / f"{preset}.json")
    done = subprocess.run(
        [sys.executable, "-m", "decision", command, case, *options],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    expected = (SNAPSHOTS / f"{preset}.{suffix}").read_text(encoding="utf-8")
    assert done.stdout == expected


def test_every_preset_has_its_snapshots() -> None:
    """A preset added without snapshots would silently escape the comparison."""
    for preset in preset_ids():
        for suffix in COMMANDS:
            assert (SNAPSHOTS / f"{preset}.{suffix}").is_file(), f"{preset}.{suffix}"
