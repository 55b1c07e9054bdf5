"""The case file: pydantic models for MODEL.md section 6, plus the optional extensions.

A case is immutable once validated; pages and tools derive a changed case with
``case.model_copy(update=...)`` or by re-validating a dict, never by mutation.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    create_model,
    field_validator,
    model_serializer,
    model_validator,
)

from decision.model.problems import Invalid
from decision.model.registry import BY_PATH, KINDS, MAX_EURO, MAX_MONTHS, InputSpec, fields_of

SCHEMA_VERSION = 2
# Every list and text of a case has a limit, named in the refusal: a file of a megabyte of empty
# items must not make a page draw hundreds of thousands of widgets.
MAX_SMART_GOALS = 30
MAX_OPTIONS = 20
MAX_VARIANTS = 20
MAX_SOURCE = 1000
MAX_NOTE = 2000
# A SMART criterion's baseline and target (any unit): beyond this a number is a typing error.
MAX_MEASURE = 1e12
# Dates a case may name (its start, the SMART deadlines): 1990 to 2100.
FIRST_DATE = dt.date(1990, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)

DIAGNOSIS_AREAS: tuple[str, ...] = (
    "functionality",
    "account_management",
    "invoicing",
    "service_desk",
    "change_requests",
    "process_knowledge",
    "releases",
)


# Characters a text may not hold: control characters other than tab and line breaks (a terminal
# escape can set a window title or write the clipboard) and the bidirectional overrides and
# isolates that make text read differently from what it is.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class _Strict(BaseModel):
    """Base for every case model: unknown fields are an error, instances are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _as_written(cls, value: Any, info: ValidationInfo) -> Any:
        """What a file writes is read as written, never reinterpreted.

        JSON true/false is not a number and "60" is not 60 (pydantic would silently read
        them as 1/0 and 60); ``null`` for an optional text is an empty text, as another tool
        may write it (a required text stays required).
        """
        if info.field_name is None:
            return value
        info_field = cls.model_fields[info.field_name]
        kinds = get_args(info_field.annotation) or (info_field.annotation,)
        numeric = bool not in kinds and (int in kinds or float in kinds)
        if isinstance(value, bool) and numeric:
            raise Invalid("validation.bool_not_number")
        if info_field.annotation is bool and not isinstance(value, bool):
            raise Invalid("validation.yes_no_type")
        if isinstance(value, str) and numeric and str not in kinds:
            raise Invalid("validation.text_not_number")
        if value is None and info_field.annotation is str and not info_field.is_required():
            return ""
        if isinstance(value, str):
            hidden = _HIDDEN.search(value)
            if hidden is not None:
                raise Invalid(
                    "validation.hidden_character", code=f"U+{ord(hidden.group()):04X}", position=hidden.start() + 1
                )
        return value


# Whose number an estimate is: the director's own, a default with its source (the quick start
# fills estimates from docs/DOMAIN.md), or still empty (the new case's neutral placeholder,
# which the engine can run on but no recommendation rests on).
ORIGINS = ("own", "default", "empty")


class Estimate(_Strict):
    """A three-point estimate; ``low == high`` is a fixed value."""

    low: float
    mode: float
    high: float
    distribution: Literal["pert", "triangular"] = "pert"
    source: str = Field("", max_length=MAX_SOURCE)
    note: str = Field("", max_length=MAX_NOTE)
    origin: Literal[ORIGINS] = "own"  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _ordered(self) -> Estimate:
        if not self.low <= self.mode <= self.high:
            raise Invalid("validation.order", low=self.low, mode=self.mode, high=self.high)
        return self

    @classmethod
    def fixed(cls, value: float, source: str = "", note: str = "", origin: str = "own") -> Estimate:
        return cls(low=value, mode=value, high=value, source=source, note=note, origin=origin)

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
        """A fixed value without a source or note is written back as a bare number; the origin is
        written only when the number is not the director's own."""
        if self.is_fixed and not self.source and not self.note and self.distribution == "pert" and self.origin == "own":
            return self.low
        data = handler(self)
        if isinstance(data, dict) and self.origin == "own":
            data.pop("origin", None)
        return data


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


def _field(spec: InputSpec) -> tuple[Any, Any]:
    """The annotation and default of a registry entry, as pydantic's create_model takes them."""
    if spec.estimate:
        estimate = Annotated[Estimate, _bounded(spec.minimum, spec.maximum, KINDS[spec.kind].validation_unit)]
        if spec.optional:
            return estimate | None, None
        return estimate, (... if spec.required else Estimate.fixed(float(spec.default or 0.0)))
    if spec.kind in ("strategy", "choice"):
        return Literal[spec.choices], spec.default
    if spec.kind == "flag":
        return bool, spec.default
    if spec.kind == "horizon":
        return int, Field(spec.default, ge=int(spec.minimum or 0), le=int(spec.maximum or 0))
    number: Any = float | None if spec.optional else float
    return number, Field(spec.default, ge=spec.minimum, le=spec.maximum)


def _risk_tolerance_for_certainty_equivalent(preferences: Any) -> Any:
    """The certainty equivalent needs a risk tolerance in euros above zero (MODEL.md 7.7)."""
    tolerance = preferences.risk_tolerance
    if preferences.basis == "certainty_equivalent" and (tolerance is None or tolerance <= 0):
        raise Invalid("validation.risk_tolerance_needed")
    return preferences


# Checks across the fields of one group.
_GROUP_CHECKS: dict[str, Any] = {
    "preferences": {"_risk_tolerance": model_validator(mode="after")(_risk_tolerance_for_certainty_equivalent)},
}


def _group(name: str) -> type[_Strict]:
    """The model of one group of the case file, built from the registry's entries for it."""
    fields: dict[str, Any] = {spec.field: _field(spec) for spec in fields_of(name)}
    title = "".join(part.capitalize() for part in name.split("_"))
    return create_model(title, __base__=_Strict, __validators__=_GROUP_CHECKS.get(name), **fields)


# The groups of inputs are declared in the registry (decision.model.registry), once.
if TYPE_CHECKING:
    Sunk: TypeAlias = Any
    Current: TypeAlias = Any
    Contract: TypeAlias = Any
    Stop: TypeAlias = Any
    Legal: TypeAlias = Any
    Solve: TypeAlias = Any
    Supplier: TypeAlias = Any
    Partner: TypeAlias = Any
    ExitDeal: TypeAlias = Any
    Preferences: TypeAlias = Any
else:
    Sunk = _group("sunk")
    Current = _group("current")
    Contract = _group("contract")
    Stop = _group("stop")
    Legal = _group("legal")
    Solve = _group("solve")
    Supplier = _group("supplier")
    Partner = _group("partner")
    ExitDeal = _group("exit_deal")
    Preferences = _group("preferences")


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
    """The source text's four questions. A file that leaves out the yes/no questions answers "no"
    (MODEL.md section 6); a new case starts with all four unanswered (null), and the app gives no
    recommendation until they are answered. The rules read an unanswered question as "no"."""

    weekly_board_agenda: bool | None = False
    continuity_threat: bool | None = False
    client_recognises_supplier: int | None = Field(None, ge=1, le=5)
    supplier_values_client: int | None = Field(None, ge=1, le=5)


class Profile(_Strict):
    """Who and what the case is about (an extension of v1; all optional)."""

    organisation: str = Field("", max_length=200)
    system: str = Field("", max_length=200)
    supplier: str = Field("", max_length=200)
    contract: str = Field("", max_length=2000)
    contract_value: float | None = Field(None, ge=0, le=MAX_EURO)
    language: Literal["nl", "en"] | None = None


class SmartGoal(_Strict):
    """One criterion of the SMART agreement; every field may be empty in a draft."""

    area: Literal[DIAGNOSIS_AREAS] | None = None  # type: ignore[valid-type]
    metric: str = Field("", max_length=500)
    baseline: float | None = Field(None, ge=-MAX_MEASURE, le=MAX_MEASURE)
    target: float | None = Field(None, ge=-MAX_MEASURE, le=MAX_MEASURE)
    unit: str = Field("", max_length=50)
    deadline: dt.date | None = Field(None, ge=FIRST_DATE, le=LAST_DATE)
    owner: Literal["client", "supplier", "both"] | None = None
    measured_by: str = Field("", max_length=500)
    # Acceptabel and Realistisch of SMART as Dutch boards read it (docs/MODEL-NOTES.md): both parties
    # agreed the criterion; the best value seen or agreed as feasible, or else the parties' confirmation.
    agreed: bool = False
    feasible_value: float | None = Field(None, ge=-MAX_MEASURE, le=MAX_MEASURE)
    realistic_confirmed: bool = False


class NegotiationOption(_Strict):
    """An option for mutual gain: a package and what it changes in the solve programme.

    The changes are added to low, most likely and high of the estimate: euros for the
    programme cost (shared) and the internal cost (client only), months for the
    improvement time, and a change of the chance of success (0.1 = ten points).
    """

    title: str = Field("", max_length=200)
    programme_cost_change: float = Field(0.0, ge=-MAX_EURO, le=MAX_EURO)
    internal_cost_change: float = Field(0.0, ge=-MAX_EURO, le=MAX_EURO)
    months_change: float = Field(0.0, ge=-MAX_MONTHS, le=MAX_MONTHS)
    p_success_change: float = Field(0.0, ge=-1, le=1)
    note: str = Field("", max_length=2000)


class Negotiation(_Strict):
    """The case's own content for the four principles of Getting to Yes (all optional)."""

    people: str = Field("", max_length=5000)
    client_interests: str = Field("", max_length=5000)
    supplier_interests: str = Field("", max_length=5000)
    options: tuple[NegotiationOption, ...] = Field((), max_length=MAX_OPTIONS)
    criteria: str = Field("", max_length=5000)


class Variant(_Strict):
    """A named set of assumptions (groups current, stop, legal, solve, supplier, and since v2 the
    contract and the optional ways out partner and exit_deal).

    ``party`` marks the client's or the supplier's own estimates, so both views
    can be compared input by input. ``contract`` None (a variant saved before v2) keeps the case's
    contract; ``partner`` and ``exit_deal`` hold the assumptions of a way out the case considers,
    None when the case did not consider it when the variant was saved.
    """

    name: str = Field(min_length=1, max_length=100)
    party: Literal["client", "supplier"] | None = None
    current: Current
    stop: Stop
    legal: Legal
    solve: Solve
    supplier: Supplier = Supplier()
    contract: Contract | None = None
    partner: Partner | None = None
    exit_deal: ExitDeal | None = None


class Case(_Strict):
    schema_version: int = 1  # a file that does not say is a v1 file; the app writes SCHEMA_VERSION
    title: str = Field("", max_length=200)
    horizon_months: int = _field(BY_PATH["horizon_months"])[1]
    discount_rate: float = _field(BY_PATH["discount_rate"])[1]
    sunk: Sunk = Sunk()
    current: Current
    stop: Stop
    legal: Legal
    solve: Solve
    supplier: Supplier = Supplier()
    contract: Contract = Contract()
    partner: Partner | None = None
    exit_deal: ExitDeal | None = None
    preferences: Preferences = Preferences()
    diagnosis: Diagnosis = Diagnosis()
    triage: Triage = Triage()
    profile: Profile = Profile()
    start_date: dt.date | None = Field(None, ge=FIRST_DATE, le=LAST_DATE)
    smart_goals: tuple[SmartGoal, ...] = Field((), max_length=MAX_SMART_GOALS)
    negotiation: Negotiation = Negotiation()
    variants: tuple[Variant, ...] = Field((), max_length=MAX_VARIANTS)

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, version: int) -> int:
        if version > SCHEMA_VERSION:
            raise Invalid("validation.newer_schema", version=version, supported=SCHEMA_VERSION)
        if version < 1:
            raise Invalid("validation.schema_minimum", minimum=1)
        return version

    def to_json(self) -> str:
        """The case file as the app writes it: always in the current schema version."""
        return self.model_copy(update={"schema_version": SCHEMA_VERSION}).model_dump_json(indent=2)
