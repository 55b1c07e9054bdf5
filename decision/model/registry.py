"""The one registry: every input of a case and every strategy, declared once.

An input is a field of the case file. Its entry says where it lives (``path``), what
kind of value it is (``kind``: money, months, a probability, a share, a rate, a
choice), the allowed range (the kind's limits unless the entry narrows them), its
default (or that it is required), whether it is a three-point estimate (uncertain)
or one value, its name and random stream in the simulation, and its research hint
(what would tell the director its value). Labels and help texts are catalogue
messages: ``inputs.<path>.label`` and ``inputs.<path>.help``.

A strategy's entry gives its key, its place in every table and chart (the order of
``STRATEGY_SPECS``), its colour and its label key ``strategy.<key>.name``.

The case schema (``decision.model.case``), the simulation's draws, validation,
sensitivity, variants, the Assumptions page and the charts all read this module.
Adding an input touches this registry, the formula that uses it and its test, and
the catalogues; adding a strategy touches this registry, its formula in
``decision.engine.simulation.FORMULAS`` and its test, and the catalogues.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# --- kinds of value and their limits ---------------------------------------------------------

Kind = Literal[
    "euro",  # a one-off amount
    "euro_month",  # an amount per month
    "euro_year",  # an amount per year
    "months",  # a duration in months (sampled durations are whole months, at least 1)
    "probability",  # a chance, stored 0..1, shown as a percentage
    "share",  # a fraction of something, stored 0..1, shown as a percentage
    "share_year",  # a growth rate per year, stored as a fraction
    "rate",  # an interest or discount rate per year, stored as a fraction
    "horizon",  # whole months of the horizon
    "strategy",  # a choice among strategies
    "choice",  # a choice among other codes
    "flag",  # yes or no
]

# The largest amount any euro field accepts: a thousand billion euros. Larger numbers are
# typing errors (1e30), and they would overflow formatting and the simulation's sums.
MAX_EURO = 1e12
MAX_MONTHS = 600.0


@dataclass(frozen=True)
class KindSpec:
    """What a kind of value allows, and how it is typed and shown."""

    minimum: float | None
    maximum: float | None
    percent: bool = False  # stored as 0..1, typed and shown as a percentage
    validation_unit: str = ""  # the ``inputs.unit`` message a validation problem names ("" for none)


KINDS: dict[str, KindSpec] = {
    "euro": KindSpec(0.0, MAX_EURO),
    "euro_month": KindSpec(0.0, MAX_EURO),
    "euro_year": KindSpec(0.0, MAX_EURO),
    "months": KindSpec(0.0, MAX_MONTHS, validation_unit="months"),
    "probability": KindSpec(0.0, 1.0, percent=True),
    "share": KindSpec(0.0, 1.0, percent=True),
    "share_year": KindSpec(-0.99, 10.0, percent=True),
    "rate": KindSpec(0.0, 0.30, percent=True),
    "horizon": KindSpec(12.0, 120.0),
    "strategy": KindSpec(None, None),
    "choice": KindSpec(None, None),
    "flag": KindSpec(None, None),
}
PERCENT_KINDS: frozenset[str] = frozenset(kind for kind, spec in KINDS.items() if spec.percent)
MONEY_KINDS: frozenset[str] = frozenset({"euro", "euro_month", "euro_year"})

# --- strategies ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StrategySpec:
    """One way out: its key, colour (Okabe-Ito, colour-blind safe) and whether it is solving."""

    key: str
    colour: str
    solves: bool = False  # the negotiated programme (solve)
    group: str = ""  # the case group the strategy needs: it exists only when the case has it
    batna: bool = True  # whether it can be the client's alternative to an agreement (7.8)

    @property
    def label_key(self) -> str:
        return f"strategy.{self.key}.name"


STRATEGY_SPECS: tuple[StrategySpec, ...] = (
    StrategySpec("muddle", "#E69F00"),  # orange
    StrategySpec("switch", "#56B4E9"),  # sky blue
    StrategySpec("stop", "#D55E00"),  # vermillion
    StrategySpec("solve", "#009E73", solves=True, batna=False),  # bluish green
    StrategySpec("partner", "#0072B2", group="partner"),  # blue
    StrategySpec("exit_deal", "#CC79A7", group="exit_deal", batna=False),  # reddish purple
)
STRATEGIES: tuple[str, ...] = tuple(spec.key for spec in STRATEGY_SPECS)
# The four ways out of the source text, which every case has.
CORE_STRATEGIES: tuple[str, ...] = tuple(spec.key for spec in STRATEGY_SPECS if not spec.group)
STRATEGY_BY_KEY: dict[str, StrategySpec] = {spec.key: spec for spec in STRATEGY_SPECS}
# The strategies a failed attempt at solving falls back to.
FALLBACKS: tuple[str, ...] = ("stop", "switch", "muddle")
# The strategies that can be the client's alternative to an agreement (MODEL.md 7.8).
NON_SOLVE: tuple[str, ...] = tuple(spec.key for spec in STRATEGY_SPECS if spec.batna)
# The ways a failed attempt with another partner, or a failed exit negotiation, falls back.
PARTNER_FALLBACKS: tuple[str, ...] = ("switch", "stop", "muddle")
EXIT_DEAL_FALLBACKS: tuple[str, ...] = ("stop", "switch")
BASES: tuple[str, ...] = ("mean", "p90", "certainty_equivalent")


def strategies_of(case: object) -> tuple[str, ...]:
    """The strategies a case has, in order: the four of v1, and those whose group it holds."""
    return tuple(
        spec.key
        for spec in STRATEGY_SPECS
        if spec.key in STRATEGIES and (not spec.group or getattr(case, spec.group, None) is not None)
    )


# --- cost categories and the four families of the source text (MODEL.md section 1) -------------

# Each category of a strategy's cost, in the order of the contract's breakdown, with its family.
CATEGORIES: dict[str, str] = {
    "dysfunction": "delay",
    "incidents": "delay",
    "running": "delay",
    "improvement": "improvement",
    "exit": "divestment",
    "replacement": "divestment",
    "legal_fees": "legal",
    "legal_outcome": "legal",
    "write_off": "divestment",
}
FAMILIES: tuple[str, ...] = ("divestment", "delay", "legal", "improvement")

# --- inputs ------------------------------------------------------------------------------------

Research = Literal["legal_opinion", "code_audit", "pilot", "measurement"]
Default = float | str | None


@dataclass(frozen=True)
class InputSpec:
    """One field of the case file, declared once.

    ``estimate`` fields are three-point estimates (low, most likely, high) sampled in the
    simulation under ``name`` from random stream ``stream`` (numbers are never reused, so
    a new input leaves every other input's draws unchanged). Other fields hold one value.
    ``required`` fields have no default; ``optional`` ones may be empty (null).
    """

    path: str
    kind: Kind
    default: Default = None
    required: bool = False
    optional: bool = False
    estimate: bool = True
    name: str = ""
    stream: int | None = None
    low: float | None = None  # narrows the kind's minimum
    high: float | None = None  # narrows the kind's maximum
    research: Research | None = None
    break_even: int | None = None  # place in the list of break-even searches
    whatif: tuple[int, float] | None = None  # place and step of its what-if control on the Comparison page
    choices: tuple[str, ...] = ()
    at_least_one: bool = True  # a sampled duration is at least one month (else whole months, 0 allowed)
    stand_in: str | None = None  # when left empty, the estimate at this path is used (the same draw)
    version: int = 1  # the schema version that added the field
    # A downside its default rules out (no growth of the damage, no incident, no counterclaim, all
    # damages recovered): left at that one value, the advice has not weighed it, and says so.
    risk: bool = False

    @property
    def group(self) -> str:
        return self.path.split(".")[0] if "." in self.path else ""

    @property
    def field(self) -> str:
        return self.path.split(".")[-1]

    @property
    def minimum(self) -> float | None:
        return self.low if self.low is not None else KINDS[self.kind].minimum

    @property
    def maximum(self) -> float | None:
        return self.high if self.high is not None else KINDS[self.kind].maximum

    @property
    def label_key(self) -> str:
        return f"inputs.{self.path}.label"

    @property
    def help_key(self) -> str:
        return f"inputs.{self.path}.help"

    @property
    def client(self) -> bool:
        """Whether the input changes the client's costs (the supplier's change only the zone)."""
        return self.group != "supplier"

    @property
    def duration(self) -> bool:
        return self.kind == "months" and self.estimate


def _estimate(
    path: str,
    kind: Kind,
    name: str,
    stream: int,
    default: float | None = None,
    *,
    optional: bool = False,
    low: float | None = None,
    research: Research | None = None,
    break_even: int | None = None,
    whatif: tuple[int, float] | None = None,
    at_least_one: bool = True,
    stand_in: str | None = None,
    version: int = 1,
    risk: bool = False,
) -> InputSpec:
    return InputSpec(
        path,
        kind,
        default,
        required=default is None and not optional,
        optional=optional,
        name=name,
        stream=stream,
        low=low,
        research=research,
        break_even=break_even,
        whatif=whatif,
        at_least_one=at_least_one,
        stand_in=stand_in,
        version=version,
        risk=risk,
    )


def _single(
    path: str,
    kind: Kind,
    default: Default,
    *,
    optional: bool = False,
    choices: tuple[str, ...] = (),
    version: int = 1,
) -> InputSpec:
    return InputSpec(path, kind, default, optional=optional, estimate=False, choices=choices, version=version)


# In the order of the case file. Streams number the estimates in the order of v1's draws.
FIELDS: tuple[InputSpec, ...] = (
    _single("horizon_months", "horizon", 60),
    _single("discount_rate", "rate", 0.06),
    _single("sunk.invested_to_date", "euro", 0.0),
    _single("sunk.book_value", "euro", 0.0),
    _estimate(
        "current.dysfunction_cost_per_month",
        "euro_month",
        "dysfunction",
        0,
        research="measurement",
        break_even=5,
        whatif=(3, 1000.0),
    ),
    _estimate("current.dysfunction_growth_per_year", "share_year", "growth", 1, 0.0, research="measurement", risk=True),
    _estimate("current.running_cost_per_month", "euro_month", "running", 2),
    _estimate("current.incident_probability_per_year", "probability", "p_incident", 3, 0.0, risk=True),
    _estimate("current.incident_cost", "euro", "incident_cost", 4, 0.0, risk=True),
    _single("current.residual_grows", "flag", True, version=2),
    _estimate("contract.committed_months", "months", "committed_months", 26, 0.0, at_least_one=False, version=2),
    _estimate("stop.exit_cost", "euro", "exit_cost", 5),
    _estimate("stop.replacement_cost", "euro", "replacement_cost", 6, research="pilot", break_even=3),
    _estimate(
        "stop.replacement_months", "months", "replacement_months", 7, research="pilot", break_even=2, whatif=(2, 1.0)
    ),
    _estimate("stop.new_running_cost_per_month", "euro_month", "new_running", 8),
    _estimate("stop.new_residual_dysfunction", "share", "new_residual", 9, research="pilot"),
    _estimate("legal.fees_per_year", "euro_year", "legal_fees", 10),
    _estimate("legal.duration_months", "months", "legal_months", 11, research="legal_opinion"),
    _estimate("legal.p_win", "probability", "p_win", 12, research="legal_opinion", break_even=1, whatif=(1, 1.0)),
    _estimate("legal.claim", "euro", "claim", 13),
    _single("legal.liability_cap", "euro", None, optional=True),
    _estimate("legal.recovery_fraction", "share", "recovery", 14, 1.0, research="legal_opinion", risk=True),
    _estimate("legal.cost_award", "euro", "cost_award", 15, 0.0),
    _estimate("legal.counterclaim", "euro", "counterclaim", 16, 0.0, research="legal_opinion", risk=True),
    _estimate("legal.p_settle", "probability", "p_settle", 27, 0.0, research="legal_opinion", version=2),
    _estimate(
        "legal.settle_months",
        "months",
        "settle_months",
        28,
        optional=True,
        stand_in="legal.duration_months",
        version=2,
    ),
    _estimate("legal.settle_fraction", "share", "settle_fraction", 29, 0.5, research="legal_opinion", version=2),
    _estimate("legal.restitution", "euro", "restitution", 30, 0.0, research="legal_opinion", version=2),
    _estimate("legal.interest_rate", "rate", "interest", 31, 0.0, version=2),
    _estimate("solve.programme_cost", "euro", "programme_cost", 17, research="code_audit"),
    _single("solve.client_share", "share", 0.5),
    _estimate("solve.internal_cost", "euro", "internal_cost", 18),
    _estimate("solve.improvement_months", "months", "improvement_months", 19, research="code_audit", break_even=4),
    _estimate("solve.p_success", "probability", "p_success", 20, research="code_audit", break_even=0, whatif=(0, 1.0)),
    _estimate("solve.residual_dysfunction", "share", "residual", 21),
    _single("solve.fallback", "strategy", "stop", choices=FALLBACKS),
    _estimate("solve.gate_months", "months", "gate_months", 32, optional=True, low=1.0, version=2),
    _estimate("solve.gate_detection", "probability", "gate_detection", 33, 1.0, version=2),
    _estimate("solve.tender_cost", "euro", "tender_cost", 34, 0.0, version=2),
    _estimate("solve.tender_saves_months", "months", "tender_saves", 35, 0.0, at_least_one=False, version=2),
    _single("solve.repair_share", "share", None, optional=True, version=2),
    _estimate("partner.exit_cost", "euro", "partner_exit", 36, 0.0, version=2),
    _estimate("partner.transition_cost", "euro", "transition_cost", 37, version=2),
    _estimate("partner.transition_months", "months", "transition_months", 38, version=2),
    _estimate("partner.p_success", "probability", "partner_p_success", 39, version=2),
    _estimate("partner.residual_dysfunction", "share", "partner_residual", 40, version=2),
    _estimate(
        "partner.running_cost_per_month",
        "euro_month",
        "partner_running",
        41,
        optional=True,
        stand_in="current.running_cost_per_month",
        version=2,
    ),
    _single("partner.fallback", "strategy", "switch", choices=PARTNER_FALLBACKS, version=2),
    _estimate("exit_deal.p_agree", "probability", "p_agree", 42, version=2),
    _estimate("exit_deal.negotiation_months", "months", "negotiation_months", 43, version=2),
    _estimate("exit_deal.negotiation_cost", "euro", "negotiation_cost", 44, 0.0, version=2),
    _estimate("exit_deal.settlement", "euro", "settlement", 45, 0.0, version=2),
    _estimate("exit_deal.replacement_saving", "euro", "replacement_saving", 46, 0.0, version=2),
    _estimate("exit_deal.months_saved", "months", "months_saved", 47, 0.0, at_least_one=False, version=2),
    _single("exit_deal.fallback", "strategy", "stop", choices=EXIT_DEAL_FALLBACKS, version=2),
    _estimate(
        "supplier.revenue_per_month",
        "euro_month",
        "revenue",
        22,
        optional=True,
        stand_in="current.running_cost_per_month",
    ),
    _estimate("supplier.normal_margin", "share", "margin", 23, 0.15, low=-1.0),
    _estimate("supplier.fees_per_year", "euro_year", "supplier_fees", 24, 0.0),
    _estimate("supplier.loss_of_client_cost", "euro", "loss_of_client", 25, 0.0),
    _single("preferences.basis", "choice", "mean", choices=BASES, version=2),
    _single("preferences.risk_tolerance", "euro", None, optional=True, version=2),
)
# Groups of the case file that may be left out entirely (then their strategy does not exist).
OPTIONAL_GROUPS: tuple[str, ...] = ("partner", "exit_deal")
BY_PATH: dict[str, InputSpec] = {spec.path: spec for spec in FIELDS}
# The three-point estimates, in the order of their random streams.
INPUTS: tuple[InputSpec, ...] = tuple(sorted((s for s in FIELDS if s.estimate), key=lambda s: s.stream or 0))
BY_NAME: dict[str, InputSpec] = {spec.name: spec for spec in INPUTS}
# The groups of assumptions a variant holds: those every case has, then the contract's terms (v2)
# and the two optional ways out. A variant without the contract (an older file) keeps the case's;
# the optional ways out are switched on per case, so a variant only holds their assumptions.
CORE_GROUPS: tuple[str, ...] = ("current", "stop", "legal", "solve", "supplier")
GROUPS: tuple[str, ...] = (*CORE_GROUPS, "contract", *OPTIONAL_GROUPS)
# The single values a variant compares besides the estimates.
SINGLE_INPUTS: tuple[InputSpec, ...] = tuple(s for s in FIELDS if not s.estimate and s.group in GROUPS)
BREAK_EVEN_INPUTS: tuple[str, ...] = tuple(
    spec.path for spec in sorted((s for s in INPUTS if s.break_even is not None), key=lambda s: s.break_even or 0)
)
# The what-if controls of the Comparison page: the input and the step of its control, in order.
WHATIFS: dict[str, float] = {
    path: step for _, path, step in sorted((s.whatif[0], s.path, s.whatif[1]) for s in INPUTS if s.whatif is not None)
}


def fields_of(group: str) -> tuple[InputSpec, ...]:
    """Every field of one group of the case file, in file order."""
    return tuple(spec for spec in FIELDS if spec.group == group)


def inputs_of(group: str) -> tuple[InputSpec, ...]:
    """The three-point estimates of one group, in file order.

    Estimates a case may leave empty without a stand-in (the gate of an attempt) are left out:
    they are entered on their own.
    """
    return tuple(spec for spec in fields_of(group) if spec.estimate and (not spec.optional or spec.stand_in))


def left_empty(case: object, spec: InputSpec) -> bool:
    """Whether the case leaves the estimate empty (its group absent, or the field null): the model then
    uses its stand-in's draw, or, for the gate of an attempt, none."""
    holder = getattr(case, spec.group, None) if spec.group else case
    return holder is None or getattr(holder, spec.field, None) is None


def own_inputs(case: object) -> tuple[InputSpec, ...]:
    """The estimates the case gives a value of its own, in stream order: the ones the simulation samples."""
    return tuple(spec for spec in INPUTS if not left_empty(case, spec))


def inputs_in(case: object) -> tuple[InputSpec, ...]:
    """The estimates a case holds (its optional groups included when present), in stream order."""
    return tuple(
        spec for spec in INPUTS if spec.group not in OPTIONAL_GROUPS or getattr(case, spec.group, None) is not None
    )
