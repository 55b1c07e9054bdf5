"""What can be wrong with a case, said in either language.

A ``Problem`` is a field path with a message key and its values; a ``CaseError``
carries the problems of one file (or one edit). ``describe_problems`` turns
pydantic's errors into problems in the catalogue's words, ``problem_lines`` says
them for the app.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from decision.text.i18n import catalogue, translate


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a case: where, and what as a message key with its values.

    ``path`` is the field path ("legal.p_win.high", "smart_goals[1].deadline"), "(file)"
    for the file as a whole, or "" for a line that came without structure. ``key`` is a
    message of decision/locales/<lang>/validation.toml; ``values`` are numbers and codes
    (part="low", unit="months"), formatted for the language only when the message is said.
    """

    path: str
    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        return translate(self.key, lang, literal=True, **self.values)

    def line(self) -> str:
        """The English line the command line prints: "path: message"."""
        return f"{self.path}: {self.message()}" if self.path else self.message()


class Invalid(ValueError):
    """A validator's error as a Problem (key and values), so that it can be said in either language."""

    def __init__(self, key: str, **values: Any):
        self.problem = Problem("", key, values)
        super().__init__(self.problem.message())


class CaseError(ValueError):
    """A case file that could not be read.

    ``problems`` holds one English line each (what the command line prints);
    ``details`` the same problems as Problem, to be said in either language
    with ``problem_lines``. An error raised with lines only gets one plain
    Problem per line.
    """

    def __init__(self, problems: list[str], details: list[Problem] | None = None):
        super().__init__("\n".join(problems))
        self.problems = problems
        self.details = (
            details
            if details is not None
            else [Problem("", "validation.other", {"message": line}) for line in problems]
        )

    @classmethod
    def of(cls, details: list[Problem]) -> CaseError:
        return cls([detail.line() for detail in details], details)


def _location(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item in ("function-before[check(), Estimate]", "Estimate") or "[" in str(item) and "(" in str(item):
            continue
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(file)"


_MESSAGES = {
    "missing": "validation.required",
    "extra_forbidden": "validation.unknown_field",
    "finite_number": "validation.not_finite",
    "int_from_float": "validation.whole_number",
}
# Range errors in the same words as the estimates' ("must be at least 0, got -5"): with and without the value.
_BOUNDS = {
    "greater_than_equal": ("ge", "validation.at_least", "validation.at_least_no_value"),
    "less_than_equal": ("le", "validation.at_most", "validation.at_most_no_value"),
}
# Pydantic's own messages, said in the catalogue's words: key and the values taken from the error's context.
_MIRRORED: dict[str, tuple[str, dict[str, str]]] = {
    "string_type": ("validation.text", {}),
    "string_too_long": ("validation.text_too_long", {"limit": "max_length"}),
    "string_too_short": ("validation.text_too_short", {"limit": "min_length"}),
    "too_long": ("validation.too_many", {"limit": "max_length", "count": "actual_length"}),
    "int_parsing": ("validation.integer", {}),
    "int_type": ("validation.integer_type", {}),
    "float_parsing": ("validation.number", {}),
    "float_type": ("validation.number_type", {}),
    "bool_parsing": ("validation.yes_no", {}),
    "bool_type": ("validation.yes_no_type", {}),
    "model_type": ("validation.group", {"model": "class_name"}),
    "tuple_type": ("validation.list", {}),
    "date_from_datetime_parsing": ("validation.date", {"reason": "error"}),
    "date_parsing": ("validation.date", {"reason": "error"}),
    "date_type": ("validation.date_type", {}),
    "date_from_datetime_inexact": ("validation.date_exact", {}),
}


def _as_date(value: Any) -> Any:
    """An ISO date text as a date; anything else as it is."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _problem(where: str, item: Any) -> Problem:
    kind, context, value = item["type"], item.get("ctx") or {}, item.get("input")
    if kind in _MESSAGES:
        return Problem(where, _MESSAGES[kind])
    if isinstance(context.get("error"), Invalid):
        return replace(context["error"].problem, path=where)
    if kind in _BOUNDS and isinstance(context.get(_BOUNDS[kind][0]), str):
        # A date bound: pydantic gives the bound and the value as ISO text; say them as dates.
        bound, value = _as_date(context[_BOUNDS[kind][0]]), _as_date(value)
        if bound is not None:
            context = {**context, _BOUNDS[kind][0]: bound}
    if kind in _BOUNDS and isinstance(context.get(_BOUNDS[kind][0]), (int, float, dt.date)):
        bound_name, with_value, without_value = _BOUNDS[kind]
        if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
            return Problem(where, with_value, {"limit": context[bound_name], "value": value})
        return Problem(where, without_value, {"limit": context[bound_name]})
    if kind == "model_type" and context.get("class_name") == "Estimate":
        # Text or a list where an estimate is expected: say what is expected instead of the class name.
        return Problem(where, "validation.not_a_number")
    message = str(item["msg"]).removeprefix("Value error, ")
    mirrored = _mirrored(where, kind, context)
    if mirrored is not None and mirrored.message() == message:
        return mirrored
    return Problem(where, "validation.other", {"message": message})


def _mirrored(where: str, kind: str, context: dict[str, Any]) -> Problem | None:
    if kind == "literal_error":
        # "'stop', 'switch' or 'muddle'" -> the choices, joined again with the language's "or".
        head, _, last = str(context.get("expected", "")).rpartition(" or ")
        return Problem(where, "validation.choice", {"choices": (*head.split(", "), last) if head else (last,)})
    if kind not in _MIRRORED:
        return None
    key, names = _MIRRORED[kind]
    if any(source not in context for source in names.values()):
        return None
    return Problem(where, key, {name: context[source] for name, source in names.items()})


def describe_problems(error: ValidationError) -> list[Problem]:
    """One Problem per thing wrong (duplicates dropped): the field path and what is wrong with it."""
    found: list[Problem] = []
    for item in error.errors(include_url=False):
        problem = _problem(_location(tuple(item["loc"])), item)
        if problem not in found:
            found.append(problem)
    return found


def describe(error: ValidationError) -> list[str]:
    """One English line per problem: the field path and what is wrong with it."""
    return [problem.line() for problem in describe_problems(error)]


_LABELLED = re.compile(r"^(?:variants\[\d+\]\.)?([a-z_]+\.[a-z_]+)")


def problem_lines(error: CaseError, lang: str) -> list[str]:
    """The problems of ``error`` in ``lang``, for the app.

    A field with a label on the Assumptions page is named by that label with its
    path after it ("Kans dat oplossen slaagt (solve.p_success): ..."); other fields by
    their path, which is what the case file says. A problem of the file as a whole
    is one sentence without a path. Numbers are the file's own (0.5, not 50%), so
    that the line says what to change in the file.
    """
    lines: list[str] = []
    for problem in error.details:
        message = problem.message(lang)
        if problem.path in ("", "(file)"):
            lines.append(message[:1].upper() + message[1:] if problem.path else message)
            continue
        labelled = _LABELLED.match(problem.path)
        label = catalogue(lang).get(f"inputs.{labelled.group(1)}.label") if labelled else None
        lines.append(f"{label} ({problem.path}): {message}" if label else f"{problem.path}: {message}")
    return lines
