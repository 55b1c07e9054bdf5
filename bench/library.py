"""Benchmark of the case library (``decision/store/library.py``) as the Library page uses it.

In a temporary ``KRUISPUNT_DATA_DIR``: a library with ``--cases`` cases (a preset
under varied titles) and one case with ``--versions`` versions. Then the median of
``--repeat`` runs (``time.perf_counter``) of:

- opening the library (``Library()``: what the app does once per data file);
- what every run of the Library page asks: the list (``cases()``) and the history
  of the selected case (``history()``), for a case with one version and for the
  case with many;
- what a new session asks to open its case (``latest()``, ``get()``), and what a
  rename or restore asks (``record()``, ``version()``);
- for scale, reading every stored case JSON (what a list that loaded each case
  would cost), and the list's query on its own;
- last, one autosave (``save()`` of a changed case: a new version), on a case of its own.

Prints one line per operation; no budget, no assertions.
Run: ``.venv/bin/python bench/library.py [--cases 500] [--versions 200] [--repeat 15] [--preset ID]``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from decision.cli.bench import median_seconds  # noqa: E402
from decision.model.case import Case  # noqa: E402
from decision.model.loader import parse_case  # noqa: E402
from decision.model.presets import EXAMPLE, load_preset  # noqa: E402
from decision.store.library import DATA_DIR_ENV, Library  # noqa: E402


def titled(base: Case, title: str) -> Case:
    return parse_case({**base.model_dump(mode="json"), "title": title})


def build(library: Library, base: Case, cases: int, versions: int) -> tuple[str, str]:
    """``cases`` cases at version 1, then one more case saved to ``versions`` versions; their ids."""
    first = ""
    for number in range(cases):
        record = library.create(titled(base, f"{base.title} #{number + 1}"[:200]), recommendation="solve")
        first = first or record.id
    long = library.create(titled(base, f"{base.title} v1"[:200]), recommendation="solve")
    for version in range(1, versions):
        library.save(long.id, titled(base, f"{base.title} v{version + 1}"[:200]), version, recommendation="solve")
    return first, long.id


def every_json(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return sum(len(text) for (text,) in conn.execute("SELECT case_json FROM versions"))


def list_query(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return len(conn.execute("SELECT * FROM cases WHERE deleted IS NULL ORDER BY updated DESC").fetchall())


def run(cases: int, versions: int, repeat: int, preset: str) -> list[tuple[str, float]]:
    base = load_preset(preset)
    with tempfile.TemporaryDirectory(prefix="kruispunt-bench-") as folder:
        os.environ[DATA_DIR_ENV] = folder
        library = Library()
        start = time.perf_counter()
        short_id, long_id = build(library, base, cases, versions)
        built = time.perf_counter() - start
        size = library.path.stat().st_size
        json_bytes = every_json(library.path)
        assert len(library.cases()) == cases + 1
        assert len(library.history(long_id)) == versions
        print(
            f"library: {cases + 1} cases, one with {versions} versions; {size / 1e6:.1f} MB file,"
            f" {json_bytes / 1e6:.1f} MB of case JSON; built in {built:.1f} s; median of {repeat} runs"
        )
        timings = [
            ("open: Library()", lambda: Library()),
            ("list: cases()", library.cases),
            ("list: latest()", library.latest),
            ("history: 1 version", lambda: library.history(short_id)),
            (f"history: {versions} versions", lambda: library.history(long_id)),
            ("get: latest version", lambda: library.get(long_id)),
            ("record()", lambda: library.record(long_id)),
            ("version(): oldest", lambda: library.version(long_id, 1)),
            ("floor: the list's query only", lambda: list_query(library.path)),
            ("scale: read every case JSON", lambda: every_json(library.path)),
        ]
        results = [(name, median_seconds(work, repeat)) for name, work in timings]
        saved = library.create(titled(base, "saved"))
        saves = iter(range(1, repeat + 1))

        def save() -> None:
            number = next(saves)
            library.save(saved.id, titled(base, f"saved {number + 1}"), number)

        results.append(("save(): one new version", median_seconds(save, repeat)))
    for name, seconds in results:
        print(f"{name:<34}{seconds * 1000:>10.2f} ms")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--versions", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--preset", default=EXAMPLE)
    args = parser.parse_args()
    run(args.cases, args.versions, args.repeat, args.preset)


if __name__ == "__main__":
    main()
