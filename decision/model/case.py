"""The case file: pydantic models for MODEL.md section 6, plus the optional extensions.

A case is immutable once validated; pages and tools derive a changed case with
``case.model_copy(update=...)`` or by re-validating a dict, never by mutation.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

from decision.model.problems import Invalid

SCHEMA_VERSION = 1

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
