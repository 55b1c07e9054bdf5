"""The message catalogues: both languages complete, every key used, the same placeholders.

A key counts as used when some Python source of the app (app.py, app_pages/,
ui/, decision/) holds a string literal equal to it, a literal ending in "." or
"_" that is a prefix of it ("economics.lowest_" + basis), or an f-string used as
a message key that matches it: one that starts with text, with any text in place
of the expressions (t(f"strategy.{s}.name")); one that starts with an expression,
with a string literal of the sources in place of that expression
(t(f"{key}_help") with column("agreement.column.area")). f-strings that name a
case field or a widget (bound(f"triage_page.{field}", f"triage.{field}", ...))
are not message keys and mark nothing used; see message_key_fstrings.
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


# The message lookups: t(key), translate(key, lang), Reason(key, ...) and catalogue(lang).get(key).
MESSAGE_FUNCTIONS = frozenset({"t", "translate", "Reason"})
SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def is_message_lookup(node: ast.AST) -> bool:
    """A call whose first argument is a message key."""
    if not (isinstance(node, ast.Call) and node.args):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in MESSAGE_FUNCTIONS
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "get"
        and isinstance(func.value, ast.Call)
        and isinstance(func.value.func, ast.Name)
        and func.value.func.id == "catalogue"
    )


def scope_nodes(scope: ast.AST):
    """The nodes of one function (or module) body, not those of functions defined in it."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (*SCOPES, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))


def message_key_fstrings(trees: list[ast.Module]) -> list[ast.JoinedStr]:
    """The f-strings used as message keys, and only those.

    An f-string is a message key when it is the key given to a lookup
    (t(f"strategy.{s}.name")), is assigned to a name that the same function gives
    to a lookup (key = f"negotiation.opener.{...}"; t(key, ...)), or is returned by
    a function or property whose name is given to a lookup (t(spec.label_key)).
    Widget keys and case-field paths (bound(f"triage_page.{field}",
    f"triage.{field}", ...)) are none of these, so they mark no message used.
    """
    found: list[ast.JoinedStr] = []
    key_functions: set[str] = set()
    for tree in trees:
        for scope in [tree, *(node for node in ast.walk(tree) if isinstance(node, SCOPES[1:]))]:
            nodes = list(scope_nodes(scope))
            keys = [node.args[0] for node in nodes if is_message_lookup(node)]
            found += [key for key in keys if isinstance(key, ast.JoinedStr)]
            key_names = {key.id for key in keys if isinstance(key, ast.Name)}
            key_functions |= {key.attr for key in keys if isinstance(key, ast.Attribute)}
            key_functions |= {
                key.func.id for key in keys if isinstance(key, ast.Call) and isinstance(key.func, ast.Name)
            }
            found += [
                node.value
                for node in nodes
                if isinstance(node, ast.Assign)
                and isinstance(node.value, ast.JoinedStr)
                and any(isinstance(target, ast.Name) and target.id in key_names for target in node.targets)
            ]
    for tree in trees:
        for function in ast.walk(tree):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and function.name in key_functions:
                found += [
                    node.value
                    for node in scope_nodes(function)
                    if isinstance(node, ast.Return) and isinstance(node.value, ast.JoinedStr)
                ]
    return found


@lru_cache(maxsize=1)
def source_strings() -> tuple[frozenset[str], tuple[str, ...], tuple[re.Pattern[str], ...]]:
    """Every string literal, every prefix literal and the pattern of every message-key f-string of the app."""
    literals: set[str] = set()
    trees = [ast.parse(path.read_text(encoding="utf-8"), filename=str(path)) for path in SOURCES]
    for tree in trees:
        in_fstring = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstring:
                literals.add(node.value)
    prefixes = tuple(text for text in literals if text.endswith((".", "_")) and "." in text)
    patterns = (fstring_pattern(node) for node in message_key_fstrings(trees))
    return frozenset(literals), prefixes, tuple(pattern for pattern in patterns if pattern is not None)


def fstring_pattern(node: ast.JoinedStr) -> re.Pattern[str] | None:
    """f"strategy.{s}.name" -> ^strategy\\..+\\.name$; f"{key}_help" -> ^(?P<head>.+)_help$.

    A pattern whose f-string starts with an expression matches a key only when the
    text in place of that expression (the head) is a string literal of the sources
    (column("agreement.column.area") with t(f"{key}_help")). None for an f-string
    that starts with text holding no dot, or that holds no text at all.
    """
    first = node.values[0] if node.values else None
    if isinstance(first, ast.Constant):
        if "." not in str(first.value):
            return None
    elif not any(isinstance(part, ast.Constant) and part.value for part in node.values):
        return None
    parts = [re.escape(part.value) if isinstance(part, ast.Constant) else ".+" for part in node.values]
    if not isinstance(first, ast.Constant):
        parts[0] = "(?P<head>.+)"
    return re.compile("^" + "".join(parts) + "$")


def matches(pattern: re.Pattern[str], key: str, literals: frozenset[str]) -> bool:
    found = pattern.match(key)
    return found is not None and ("head" not in pattern.groupindex or found["head"] in literals)


def is_used(key: str) -> bool:
    literals, prefixes, patterns = source_strings()
    return (
        key in literals
        or any(key.startswith(prefix) for prefix in prefixes)
        or any(matches(pattern, key, literals) for pattern in patterns)
    )


def placeholders(template: str) -> set[str]:
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(template) if field}


def test_every_key_is_in_both_languages():
    dutch, english = set(catalogue("nl")), set(catalogue("en"))
    assert sorted(english - dutch) == [], "keys missing in Dutch"
    assert sorted(dutch - english) == [], "keys missing in English"


def unused(keys: set[str]) -> list[str]:
    return sorted(key for key in keys if not is_used(key))


def test_every_key_is_used_somewhere():
    assert unused(set(catalogue("nl")) | set(catalogue("en"))) == []


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
    assert is_used("triage.not_acute")  # Reason("triage.not_acute") in decision/model/triage.py
    assert is_used("economics.lowest_p90")  # "economics.lowest_" + basis in decision/engine/results.py
    assert is_used("strategy.solve.short")  # t(f"strategy.{strategy}.short") in app_pages/start.py
    assert is_used("strategy.solve.name")  # translate(f"strategy.{strategy}.name", ...) in decision/text/i18n.py
    assert is_used("workshop.amounts_hidden")  # t(f"workshop.amounts_{shown}") in ui/workshop.py
    assert is_used("negotiation.opener.normal_margin.opens")  # key = f"negotiation.opener.{...}"; t(key, ...)
    assert is_used("inputs.legal.p_win.help")  # t(spec.help_key), help_key returns f"inputs.{self.path}.help"
    assert not is_used("workshop.no_such_message")
    assert not is_used("workshop.no_such_message_help")  # t(f"{key}_help") needs "workshop.no_such_message"


def test_a_pattern_led_by_an_expression_needs_its_head_in_the_sources():
    pattern = fstring_pattern(ast.parse('f"{key}_help"', mode="eval").body)
    assert pattern is not None
    assert matches(pattern, "agreement.column.area_help", frozenset({"agreement.column.area"}))
    assert not matches(pattern, "agreement.column.area_help", frozenset({"agreement.column.unit"}))
    assert fstring_pattern(ast.parse('f"{key}"', mode="eval").body) is None


@pytest.mark.parametrize(
    "key",
    [
        "triage.no_such_message",  # bound(..., f"triage.{field}", ...) names a case field
        "negotiation.no_such_message",  # bound(key, f"negotiation.{field}", ...), try_update({...})
        "diagnosis.no_such_area.evidence",  # bound(f"diagnosis.{area}.evidence", ...)
        "triage_page.no_such_field",  # widget key f"triage_page.{field}"
    ],
)
def test_case_fields_and_widget_keys_mark_no_message_used(key: str):
    """f-strings naming a case field or a widget are not message keys: they hide no unused message."""
    assert not is_used(key)


def test_an_unused_key_is_reported():
    """A key in a namespace whose other keys are used (also by f-strings) is still reported when unused."""
    keys = {"triage.not_acute", "triage.no_such_message", "negotiation.no_such_message", "strategy.solve.name"}
    assert unused(keys) == ["negotiation.no_such_message", "triage.no_such_message"]


def test_a_dutch_amount_written_in_a_message_does_not_break_after_its_euro_sign():
    """ "€ 800.000" with an ordinary space broke over two lines on the quick start ("€" at a line's end);
    the messages write it as money does, with a no-break space (and "1,25 mln" likewise)."""
    import re

    from decision.text.i18n import catalogue

    broken = {key: text for key, text in catalogue("nl").items() if re.search(r"€ \d|\d (mln|miljoen)\b", text)}
    assert broken == {}
