"""The case file: pydantic models for MODEL.md section 6, plus the optional extensions.

A case is immutable once validated; pages and tools derive a changed case with
``case.model_copy(update=...)`` or by re-validating a dict, never by mutation.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, Literal, get_args

from babel.numbers import format_decimal
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

from decision.text.fmt import LOCALES
from decision.text.i18n import catalogue, translate

SCHEMA_VERSION = 1
MAX_CASE_BYTES = 1_000_000

STRATEGIES: tuple[str, ...] = ("muddle", "switch", "stop", "solve")
FALLBACKS: tuple[str, ...] = ("stop", "switch", "muddle")
DIAGNOSIS_AREAS: tuple[str, ...] = (
    "functionality",
    "account_management",
    "invoicing",
    "service_desk",
    "change_requests",
    "process_knowledge",
    "releases",
)


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
        shown = {name: _shown(name, value, lang) for name, value in self.values.items()}
        return translate(self.key, lang, **shown)

    def line(self) -> str:
        """The English line the command line prints: "path: message"."""
        return f"{self.path}: {self.message()}" if self.path else self.message()


class Invalid(ValueError):
    """A validator's error as a Problem (key and values), so that it can be said in either language."""

    def __init__(self, key: str, **values: Any):
        self.problem = Problem("", key, values)
        super().__init__(self.problem.message())


# The wording of the JSON reader and of pydantic's date parser, as message codes.
_REASONS = {
    "Expecting value": "validation.reason.json_value",
    "Expecting property name enclosed in double quotes": "validation.reason.json_property_name",
    "Expecting ':' delimiter": "validation.reason.json_colon",
    "Expecting ',' delimiter": "validation.reason.json_comma",
    "Extra data": "validation.reason.json_extra",
    "Unterminated string starting at": "validation.reason.json_unterminated",
    "Invalid control character at": "validation.reason.json_control",
    "Invalid \\escape": "validation.reason.json_escape",
    "Invalid \\uXXXX escape": "validation.reason.json_unicode_escape",
    "invalid character in year": "validation.reason.date_year",
    "invalid character in month": "validation.reason.date_month",
    "invalid character in day": "validation.reason.date_day",
    "input is too short": "validation.reason.date_too_short",
    "month value is outside expected range of 1-12": "validation.reason.date_month_range",
    "day value is outside expected range": "validation.reason.date_day_range",
    "invalid date separator, expected `-`": "validation.reason.date_separator",
}


def _shown(name: str, value: Any, lang: str) -> str:
    """A problem's value as its message says it.

    Numbers keep the command line's English form (``:g``) and get the Dutch decimal
    comma and thousands dots in Dutch; codes (part, unit, reason, choices) are translated.
    """
    if name == "part":
        return translate(f"validation.part.{value}", lang)
    if name == "unit":
        return f" {translate(f'inputs.unit.{value}', lang)}" if value else ""
    if name == "reason":
        return translate(_REASONS[value], lang) if value in _REASONS else str(value)
    if name == "choices":
        *first, last = value
        return f"{', '.join(first)} {translate('validation.or', lang)} {last}" if first else str(last)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    locale = LOCALES.get(lang, LOCALES["en"])
    if name == "megabytes":
        return format_decimal(value, format="0.0", locale=locale)
    return f"{value:g}" if lang == "en" else format_decimal(value, format="#,##0.######", locale=locale)


class _Strict(BaseModel):
    """Base for every case model: unknown fields are an error, instances are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_bool_for_number(cls, value: Any, info: ValidationInfo) -> Any:
        """JSON true/false is not a number (pydantic would silently read it as 1/0)."""
        if isinstance(value, bool) and info.field_name is not None:
            kinds = get_args(cls.model_fields[info.field_name].annotation) or (
                cls.model_fields[info.field_name].annotation,
            )
            if bool not in kinds and (int in kinds or float in kinds):
                raise Invalid("validation.bool_not_number")
        return value


class Estimate(_Strict):
    """A three-point estimate; ``low == high`` is a fixed value."""

    low: float
    mode: float
    high: float
    distribution: Literal["pert", "triangular"] = "pert"
    source: str = ""
    note: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Estimate:
        if not self.low <= self.mode <= self.high:
            raise Invalid("validation.order", low=self.low, mode=self.mode, high=self.high)
        return self

    @classmethod
    def fixed(cls, value: float, source: str = "", note: str = "") -> Estimate:
        return cls(low=value, mode=value, high=value, source=source, note=note)

    @property
    def is_fixed(self) -> bool:
        return self.low == self.high

    @property
    def mean(self) -> float:
        """Mean of the distribution (PERT: (low + 4 mode + high) / 6; triangular: a third each)."""
        if self.distribution == "triangular":
            return (self.low + self.mode + self.high) / 3
        return (self.low + 4 * self.mode + self.high) / 6

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        """A fixed value without a source or note is written back as a bare number."""
        if self.is_fixed and not self.source and not self.note and self.distribution == "pert":
            return self.low
        return handler(self)


def _to_estimate(value: Any) -> Any:
    if isinstance(value, bool):
        raise Invalid("validation.bool_not_estimate")
    if isinstance(value, (int, float)):
        return {"low": value, "mode": value, "high": value}
    return value


def _bounded(low: float | None = None, high: float | None = None, unit: str = "") -> BeforeValidator:
    """An estimate whose low and high must lie in [low, high]; ``unit`` names an ``inputs.unit`` message."""

    def check(value: Any) -> Any:
        bare = isinstance(value, (int, float))
        value = _to_estimate(value)
        if isinstance(value, dict):
            for key in ("low", "mode", "high"):
                number = value.get(key)
                if isinstance(number, (int, float)) and not isinstance(number, bool):
                    part = "value" if bare else key
                    if not math.isfinite(number):
                        raise Invalid("validation.part_not_finite", part=part)
                    if low is not None and number < low:
                        raise Invalid("validation.part_at_least", part=part, limit=low, unit=unit, value=number)
                    if high is not None and number > high:
                        raise Invalid("validation.part_at_most", part=part, limit=high, unit=unit, value=number)
                if bare:
                    break
        return value

    # The JSON Schema says what a file may hold: a bare number in range, or an estimate object.
    bare_number = Annotated[float, Field(ge=low, le=high)]
    return BeforeValidator(check, json_schema_input_type=bare_number | Estimate)


Money = Annotated[Estimate, _bounded(0.0)]
Months = Annotated[Estimate, _bounded(0.0, 600.0, "months")]
Probability = Annotated[Estimate, _bounded(0.0, 1.0)]
GrowthRate = Annotated[Estimate, _bounded(-0.99, 10.0)]


class Sunk(_Strict):
    invested_to_date: float = Field(0.0, ge=0)
    book_value: float = Field(0.0, ge=0)


class Current(_Strict):
    dysfunction_cost_per_month: Money
    dysfunction_growth_per_year: GrowthRate = Estimate.fixed(0.0)
    running_cost_per_month: Money
    incident_probability_per_year: Probability = Estimate.fixed(0.0)
    incident_cost: Money = Estimate.fixed(0.0)


class Stop(_Strict):
    exit_cost: Money
    replacement_cost: Money
    replacement_months: Months
    new_running_cost_per_month: Money
    new_residual_dysfunction: Probability


class Legal(_Strict):
    fees_per_year: Money
    duration_months: Months
    p_win: Probability
    claim: Money
    liability_cap: float | None = Field(None, ge=0)
    recovery_fraction: Probability = Estimate.fixed(1.0)
    cost_award: Money = Estimate.fixed(0.0)
    counterclaim: Money = Estimate.fixed(0.0)


class Solve(_Strict):
    programme_cost: Money
    client_share: float = Field(0.5, ge=0, le=1)
    internal_cost: Money
    improvement_months: Months
    p_success: Probability
    residual_dysfunction: Probability
    fallback: Literal["stop", "switch", "muddle"] = "stop"


class Supplier(_Strict):
    revenue_per_month: Money | None = None
    normal_margin: Annotated[Estimate, _bounded(-1.0, 1.0)] = Estimate.fixed(0.15)
    fees_per_year: Money = Estimate.fixed(0.0)
    loss_of_client_cost: Money = Estimate.fixed(0.0)


class AreaRating(_Strict):
    """Severity 0-4 of one complaint area, as the client and (optionally) the supplier see it."""

    client: int = Field(0, ge=0, le=4)
    supplier: int | None = Field(None, ge=0, le=4)
    evidence: str = Field("", max_length=5000)


class Diagnosis(_Strict):
    functionality: AreaRating = AreaRating()
    account_management: AreaRating = AreaRating()
    invoicing: AreaRating = AreaRating()
    service_desk: AreaRating = AreaRating()
    change_requests: AreaRating = AreaRating()
    process_knowledge: AreaRating = AreaRating()
    releases: AreaRating = AreaRating()


class Triage(_Strict):
    weekly_board_agenda: bool = False
    continuity_threat: bool = False
    client_recognises_supplier: int | None = Field(None, ge=1, le=5)
    supplier_values_client: int | None = Field(None, ge=1, le=5)


class Profile(_Strict):
    """Who and what the case is about (an extension of v1; all optional)."""

    organisation: str = Field("", max_length=200)
    system: str = Field("", max_length=200)
    supplier: str = Field("", max_length=200)
    contract: str = Field("", max_length=2000)
    contract_value: float | None = Field(None, ge=0)
    language: Literal["nl", "en"] | None = None


class SmartGoal(_Strict):
    """One criterion of the SMART agreement; every field may be empty in a draft."""

    area: Literal[DIAGNOSIS_AREAS] | None = None  # type: ignore[valid-type]
    metric: str = Field("", max_length=500)
    baseline: float | None = None
    target: float | None = None
    unit: str = Field("", max_length=50)
    deadline: dt.date | None = None
    owner: Literal["client", "supplier", "both"] | None = None
    measured_by: str = Field("", max_length=500)


class NegotiationOption(_Strict):
    """An option for mutual gain: a package and what it changes in the solve programme.

    The changes are added to low, most likely and high of the estimate: euros for the
    programme cost (shared) and the internal cost (client only), months for the
    improvement time, and a change of the chance of success (0.1 = ten points).
    """

    title: str = Field("", max_length=200)
    programme_cost_change: float = Field(0.0, ge=-1e9, le=1e9)
    internal_cost_change: float = Field(0.0, ge=-1e9, le=1e9)
    months_change: float = Field(0.0, ge=-600, le=600)
    p_success_change: float = Field(0.0, ge=-1, le=1)
    note: str = Field("", max_length=2000)


class Negotiation(_Strict):
    """The case's own content for the four principles of Getting to Yes (all optional)."""

    people: str = Field("", max_length=5000)
    client_interests: str = Field("", max_length=5000)
    supplier_interests: str = Field("", max_length=5000)
    options: tuple[NegotiationOption, ...] = ()
    criteria: str = Field("", max_length=5000)


class Variant(_Strict):
    """A named set of assumptions (groups current, stop, legal, solve, supplier).

    ``party`` marks the client's or the supplier's own estimates, so both views
    can be compared input by input.
    """

    name: str = Field(min_length=1, max_length=100)
    party: Literal["client", "supplier"] | None = None
    current: Current
    stop: Stop
    legal: Legal
    solve: Solve
    supplier: Supplier = Supplier()


class Case(_Strict):
    schema_version: int = SCHEMA_VERSION
    title: str = Field("", max_length=200)
    horizon_months: int = Field(60, ge=12, le=120)
    discount_rate: float = Field(0.06, ge=0, le=0.30)
    sunk: Sunk = Sunk()
    current: Current
    stop: Stop
    legal: Legal
    solve: Solve
    supplier: Supplier = Supplier()
    diagnosis: Diagnosis = Diagnosis()
    triage: Triage = Triage()
    profile: Profile = Profile()
    start_date: dt.date | None = None
    smart_goals: tuple[SmartGoal, ...] = ()
    negotiation: Negotiation = Negotiation()
    variants: tuple[Variant, ...] = Field((), max_length=20)

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, version: int) -> int:
        if version > SCHEMA_VERSION:
            raise Invalid("validation.newer_schema", version=version, supported=SCHEMA_VERSION)
        if version < 1:
            raise Invalid("validation.schema_minimum", minimum=1)
        return version

    def revenue_estimate(self) -> Estimate:
        """What the client pays the supplier per month; MODEL.md defaults it to the running cost."""
        return self.supplier.revenue_per_month or self.current.running_cost_per_month

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, exclude_defaults=False)


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


def _problem(where: str, item: Any) -> Problem:
    kind, context, value = item["type"], item.get("ctx") or {}, item.get("input")
    if kind in _MESSAGES:
        return Problem(where, _MESSAGES[kind])
    if isinstance(context.get("error"), Invalid):
        return replace(context["error"].problem, path=where)
    if kind in _BOUNDS and isinstance(context.get(_BOUNDS[kind][0]), (int, float)):
        bound_name, with_value, without_value = _BOUNDS[kind]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
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
