"""Importing a case file: every bad file is refused with a line naming the field, and nothing changes.

The library's import and ``python -m decision validate`` share one code path
(``load_case_bytes``); both are run over the same corpus.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from decision.cli.main import main
from decision.model.loader import load_case_bytes
from decision.model.presets import DATA_DIR, EXAMPLE
from decision.model.problems import CaseError
from decision.store.library import Library

EXAMPLE_BYTES = (DATA_DIR / f"{EXAMPLE}.json").read_bytes()
# A problem line: a field path (or "(file)" for the file as a whole), a colon, what is wrong.
PROBLEM = re.compile(r"^(\(file\)|[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*): \S")


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE_BYTES)


def changed(path: str, value: Any) -> bytes:
    data = example()
    target = data
    *parents, last = path.split(".")
    for part in parents:
        target = target[part]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return json.dumps(data).encode()


_DELETE = object()


def with_token(path: str, token: str) -> bytes:
    """The example with a bare JSON token (NaN, Infinity) at ``path``."""
    return changed(path, "@@TOKEN@@").replace(b'"@@TOKEN@@"', token.encode())


CORPUS: dict[str, tuple[bytes, str]] = {
    # name: (file content, the field the first problem must name)
    "broken JSON": (EXAMPLE_BYTES[:200], "(file)"),
    "not a case but a list": (b"[1, 2, 3]", "(file)"),
    "empty file": (b"", "(file)"),
    "wrong type": (changed("horizon_months", "sixty"), "horizon_months"),
    "wrong type in an estimate": (changed("stop.replacement_cost", "a lot"), "stop.replacement_cost"),
    "true is not a number": (changed("legal.claim", True), "legal.claim"),
    "missing group": (changed("current", _DELETE), "current"),
    "missing field": (changed("stop.exit_cost", _DELETE), "stop.exit_cost"),
    "unknown field": (changed("legal.clam", 1), "legal.clam"),
    "NaN": (with_token("current.dysfunction_cost_per_month", "NaN"), "current.dysfunction_cost_per_month"),
    "Infinity": (with_token("discount_rate", "Infinity"), "discount_rate"),
    "-Infinity in an estimate": (
        changed("legal.p_win", {"low": 0.1, "mode": 0.5, "high": "@@TOKEN@@"}).replace(b'"@@TOKEN@@"', b"-Infinity"),
        "legal.p_win",
    ),
    "negative amount": (changed("stop.exit_cost", -60000), "stop.exit_cost"),
    "negative sunk cost": (changed("sunk.book_value", -1), "sunk.book_value"),
    "low above high": (changed("stop.replacement_cost", {"low": 3, "mode": 2, "high": 1}), "stop.replacement_cost"),
    "probability above 1": (changed("legal.p_win", 1.5), "legal.p_win"),
    "share above 1": (changed("solve.client_share", 2), "solve.client_share"),
    "newer schema": (changed("schema_version", 99), "schema_version"),
    "5 MB": (b'{"title": "' + b"x" * 5_000_000 + b'"}', "(file)"),
    "deep nesting": (b"[" * 200_000 + b"]" * 200_000, "(file)"),
    "deep nesting in a field": (changed("title", json.loads("[" * 500 + "]" * 500)), "title"),
    "not UTF-8": (EXAMPLE_BYTES.replace(b"ERP at a mid-size", "Café ERP".encode("latin-1")), "(file)"),
    "title too long": (changed("title", "x" * 201), "title"),
    "severity out of range": (changed("diagnosis.functionality.client", 9), "diagnosis.functionality.client"),
}


def snapshot(library: Library) -> list[tuple[str, int, int]]:
    return [(r.id, r.version, len(library.history(r.id))) for r in library.cases()]


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library(tmp_path / "library.sqlite3")
    library.import_bytes(EXAMPLE_BYTES)
    return library


@pytest.mark.parametrize("name", list(CORPUS))
def test_a_bad_file_is_refused_naming_the_field_and_nothing_changes(library, name):
    raw, field = CORPUS[name]
    before = snapshot(library)
    with pytest.raises(CaseError) as raised:
        library.import_bytes(raw)
    problems = raised.value.problems
    assert problems, "a refusal says what is wrong"
    for line in problems:
        assert PROBLEM.match(line), line
        assert "Traceback" not in line and "\n" not in line
    assert any(line.startswith(field + ":") or line.startswith(field + ".") for line in problems), problems
    assert snapshot(library) == before


@pytest.mark.parametrize("name", ["NaN", "low above high", "5 MB", "not UTF-8", "newer schema", "broken JSON"])
def test_the_command_line_refuses_with_the_same_lines(tmp_path, capsys, name):
    raw, _ = CORPUS[name]
    path = tmp_path / "case.json"
    path.write_bytes(raw)
    with pytest.raises(CaseError) as raised:
        load_case_bytes(raw)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    # The command line reads at most 1 MB + 1 byte of a file, so it cannot say how big a larger one is.
    without_size = re.compile(r"the file is [\d.]+ MB")
    assert [without_size.sub("", line) for line in err.splitlines()] == [
        without_size.sub("", f"{path}: {line}") for line in raised.value.problems
    ]


def test_specific_messages_a_director_can_act_on(library):
    def problems(name: str) -> list[str]:
        with pytest.raises(CaseError) as raised:
            library.import_bytes(CORPUS[name][0])
        return raised.value.problems

    assert problems("5 MB") == ["(file): the file is 5.0 MB; a case file may be at most 1 MB"]
    assert problems("not UTF-8") == ["(file): the file is not UTF-8 text"]
    assert problems("deep nesting") == ["(file): the file is nested too deeply"]
    assert problems("NaN") == ["current.dysfunction_cost_per_month: the value must be a finite number"]
    assert problems("missing field") == ["stop.exit_cost: is required but missing"]


def test_html_in_text_fields_is_accepted_and_kept_literally(library):
    script = "<script>alert(1)</script>"
    data = example()
    data["title"] = script
    data["diagnosis"]["functionality"]["evidence"] = '<img src=x onerror="alert(2)">'
    record = library.import_bytes(json.dumps(data).encode())
    stored = library.get(record.id)
    assert stored.record.title == script
    assert stored.case.title == script
    assert stored.case.diagnosis.functionality.evidence == '<img src=x onerror="alert(2)">'
    assert library.history(record.id)[0].event == "imported"


def test_a_valid_file_becomes_a_new_case(library):
    before = {r.id for r in library.cases()}
    record = library.import_bytes(EXAMPLE_BYTES)
    assert record.id not in before
    assert {r.id for r in library.cases()} == before | {record.id}
