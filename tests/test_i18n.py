"""The message catalogues: both languages complete, every key used, the same placeholders.

A key counts as used when some Python source of the app (app.py, app_pages/,
ui/, decision/) holds a string literal equal to it, a literal ending in "." or
"_" that is a prefix of it ("economics.lowest_" + basis), or an f-string that
starts with text and matches it with any text in place of the expressions
(f"strategy.{s}.name").
"""

from __future__ import annotations

import ast
import re
import string
from functools import lru_cache
from pathlib import Path

import pytest

from decision.text.i18n import LANGUAGES, catalogue

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "app.py",
    *sorted((ROOT / "app_pages").rglob("*.py")),
    *sorted((ROOT / "ui").rglob("*.py")),
    *sorted((ROOT / "decision").rglob("*.py")),
]


@lru_cache(maxsize=1)
def source_strings() -> tuple[frozenset[str], tuple[str, ...], tuple[re.Pattern[str], ...]]:
    """Every string literal, every prefix literal and every f-string pattern of the app's sources."""
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        in_fstring: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                in_fstring.update(id(part) for part in node.values)
                pattern = fstring_pattern(node)
                if pattern is not None:
                    patterns.append(pattern)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstring:
                literals.add(node.value)
    prefixes = tuple(text for text in literals if text.endswith((".", "_")) and "." in text)
    return frozenset(literals), prefixes, tuple(patterns)


def fstring_pattern(node: ast.JoinedStr) -> re.Pattern[str] | None:
    """f"strategy.{s}.name" -> ^strategy\\..+\\.name$; None unless it starts with text holding a dot."""
    first = node.values[0] if node.values else None
    if not (isinstance(first, ast.Constant) and "." in str(first.value)):
        return None
    parts = [re.escape(part.value) if isinstance(part, ast.Constant) else ".+" for part in node.values]
    return re.compile("^" + "".join(parts) + "$")


def is_used(key: str) -> bool:
    literals, prefixes, patterns = source_strings()
    return (
        key in literals
        or any(key.startswith(prefix) for prefix in prefixes)
        or any(pattern.match(key) for pattern in patterns)
    )


def placeholders(template: str) -> set[str]:
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(template) if field}


def test_every_key_is_in_both_languages():
    dutch, english = set(catalogue("nl")), set(catalogue("en"))
    assert sorted(english - dutch) == [], "keys missing in Dutch"
    assert sorted(dutch - english) == [], "keys missing in English"


def test_every_key_is_used_somewhere():
    unused = sorted(key for key in set(catalogue("nl")) | set(catalogue("en")) if not is_used(key))
    assert unused == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_message_is_empty(lang: str):
    assert sorted(key for key, text in catalogue(lang).items() if not text.strip()) == []


def test_both_languages_have_the_same_placeholders():
    dutch, english = catalogue("nl"), catalogue("en")
    different = {
        key: (sorted(placeholders(english[key])), sorted(placeholders(dutch[key])))
        for key in set(dutch) & set(english)
        if placeholders(dutch[key]) != placeholders(english[key])
    }
    assert different == {}


def test_the_ways_out_have_their_dutch_names():
    names = {s: catalogue("nl")[f"strategy.{s}.name"].lower() for s in ("muddle", "stop", "switch", "solve")}
    assert names == {
        "muddle": "doormodderen",
        "stop": "stoppen en procederen",
        "switch": "stoppen en verlies nemen",
        "solve": "oplossen",
    }


def test_the_usage_scan_sees_literals_prefixes_and_fstrings():
    """The scan itself: a key built by prefix or f-string counts, an invented one does not."""
    assert is_used("economics.lowest_p90")  # "economics.lowest_" + basis in decision/results.py
    assert is_used("strategy.solve.short") or is_used("strategy.solve.name")
    assert is_used("workshop.amounts_hidden")  # f"workshop.amounts_{shown}"
    assert not is_used("workshop.no_such_message")
