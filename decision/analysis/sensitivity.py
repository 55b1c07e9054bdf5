"""Why the recommendation is what it is: tornado, break-even, value of information and risk.

Everything starts from one sample of the case (``draw``). An input is fixed with
``Draws.with_value``, which leaves the draws of every other input and every
random event untouched (common random numbers), so a change in the results is
the effect of that input alone, not sampling noise. Each analysis re-runs the
vectorised simulation (a few milliseconds at 10,000 iterations).

- Tornado: per uncertain input, every strategy's cost with the input fixed at
  its low and at its high estimate; ordered by how much that moves the gap
  between the recommended strategy and the runner-up. The horizon and the
  discount rate (``SETTINGS``: one value of the case, not an estimate) join it
  at a shorter and a longer horizon, a lower and a higher rate
  (``setting_range``); the horizon's ends are simulated on the same draws, with
  the incident months drawn again from the same stream for the new length.
  A bar without swing and that leaves the advice where it is has no influence
  within its range (``Sensitivity.no_influence``): listed apart, not drawn.
- Break-even: the value at which the recommendation (among the strategies
  triage allows) flips, with that input fixed and the rest uncertain; for the
  key inputs, the horizon and the discount rate always, and for every other
  input whose range in the tornado moves the recommendation. A coarse grid
  over the searched range (the tornado's two ends included), then the two grid
  points around the flip nearest to the current estimate are narrowed (probes
  around the linear interpolation, bisection when that stalls); durations are
  whole months. An input searched because it moves is searched within its own
  estimate, where the tornado found the flip.
- Value of information: EVPI over the allowed strategies, and per input (and
  per random outcome: does solving succeed, is the lawsuit won) an EVPPI
  estimated by grouping the iterations on the drawn value.
- Risk: S-curves, the chance of costing more than a threshold, expected regret.
- Triage answers as inputs: each of the four questions answered otherwise, and the
  same costs ranked again (``triage_driver.triage_switches``): the answers that would
  change the advice, so that no sentence claims nothing can change it when one can.

The ``basis`` ("mean", "p90" or "certainty_equivalent" with a risk tolerance in
euros; by default the case's ``preferences``) is the statistic the
recommendation is made on, as in ``results.recommend``; value of information
and regret are always on expected cost, which is what they are defined on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from babel.lists import format_list

from decision.analysis.triage_driver import TriageSwitch, triage_switches
from decision.engine.results import certainty_equivalent
from decision.engine.simulation import Draws, Simulation, case_estimate, draw, incident_months, simulate, whole_months
from decision.model import registry
from decision.model.case import Case
from decision.model.triage import triage
from decision.text import fmt
from decision.text.i18n import translate

BASES: tuple[str, ...] = registry.BASES
NAMES: dict[str, str] = {spec.path: spec.name for spec in registry.INPUTS}
# Inputs that change the client's costs (the supplier's only change the zone of agreement).
CLIENT_INPUTS: tuple[str, ...] = tuple(spec.path for spec in registry.INPUTS if spec.client)
# Chances and shares: searched over [0, 1] for a break-even.
PROBABILITY_INPUTS = frozenset(spec.path for spec in registry.INPUTS if spec.kind in ("probability", "share"))
RATE_INPUTS = frozenset(spec.path for spec in registry.INPUTS if spec.kind == "share_year")
MONTH_INPUTS = frozenset(spec.path for spec in registry.INPUTS if spec.duration)
BREAK_EVEN_INPUTS: tuple[str, ...] = registry.BREAK_EVEN_INPUTS
# The case's own settings that join the tornado and the break-even search: one value each, not an
# estimate. Their ends in the tornado (docs/MODEL-NOTES.md, Sensitivity): the horizon at half and at one
# and a half times the case's (whole months), the discount rate 4 percentage points either side; both
# within the registry's limits (12..120 months, 0..30%). Their break-even is searched over those limits.
SETTINGS: tuple[str, ...] = ("horizon_months", "discount_rate")
HORIZON_SWING = 0.5
DISCOUNT_SWING = 0.04
# What ``analyse`` always searches for a break-even (rows even when nothing flips): the key inputs and
# the settings. Every other input is searched when its range in the tornado moves the recommendation.
ALWAYS_SEARCHED: tuple[str, ...] = (*BREAK_EVEN_INPUTS, *SETTINGS)
# A swing below this (euros: it rounds to € 0) is no swing.
NO_SWING = 0.5
# The random outcomes whose value of information is listed besides the inputs.
OUTCOME_RESEARCH: dict[str, str] = {"solve.outcome": "code_audit", "legal.outcome": "legal_opinion"}
# The research that would tell the director an input's value: the most worth paying for it is its EVPPI.
RESEARCH: dict[str, str] = {
    **{spec.path: spec.research for spec in registry.INPUTS if spec.research is not None},
    **OUTCOME_RESEARCH,
}
GRID_POINTS = 9
BISECTION_TOLERANCE = 1e-3  # of the searched range, for inputs that are not whole months
EVPPI_GROUPS = 25
CURVE_POINTS = 101
# Information worth less than this share of perfect information is not worth listing.
INFORMATION_WORTH_LISTING = 0.01


def client_inputs(case: Case) -> tuple[str, ...]:
    """The client inputs the case itself holds: not those of a group it leaves out, nor an empty one
    that stands in for another (the settlement's months are the lawsuit's when left empty)."""
    return tuple(spec.path for spec in registry.own_inputs(case) if spec.path in CLIENT_INPUTS)


def input_kind(path: str) -> str:
    """How an input's value is said: ``probability``, ``rate``, ``months`` or ``money``."""
    if path in PROBABILITY_INPUTS:
        return "probability"
    if path in RATE_INPUTS or path == "discount_rate":
        return "rate"
    if path in MONTH_INPUTS or path == "horizon_months":
        return "months"
    return "money"


def is_setting(path: str) -> bool:
    """Whether ``path`` is one of the case's settings (the horizon, the discount rate), not an estimate."""
    return path in SETTINGS


def label_key(path: str) -> str:
    """The catalogue key of an input's label in a table: ``inputs.<path>.label``, or for a setting
    (which has no such label of its own) its short label ``sensitivity.input.<path>``."""
    return f"sensitivity.input.{path}" if is_setting(path) else f"inputs.{path}.label"


def scores(
    totals: dict[str, np.ndarray],
    basis: str,
    strategies: tuple[str, ...] | None = None,
    risk_tolerance: float | None = None,
) -> dict[str, float]:
    """The statistic the recommendation is made on, per strategy: the mean, the P90 or the certainty
    equivalent at ``risk_tolerance`` euros (``results.certainty_equivalent``)."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, got {basis!r}")
    strategies = tuple(totals) if strategies is None else strategies
    if basis == "p90":
        return {s: float(np.percentile(totals[s], 90)) for s in strategies}
    if basis == "certainty_equivalent":
        if risk_tolerance is None or risk_tolerance <= 0:
            raise ValueError("the certainty-equivalent basis needs a risk tolerance above 0")
        return {s: certainty_equivalent(totals[s], risk_tolerance) for s in strategies}
    return {s: float(totals[s].mean()) for s in strategies}


def ranked(values: dict[str, float], allowed: tuple[str, ...]) -> list[str]:
    """The allowed strategies from best to worst, as ``results.recommend`` ranks them."""
    return sorted(allowed, key=lambda s: values[s])


def _half_up(value: float) -> float:
    return float(np.floor(value + 0.5))


def _whole(path: str) -> bool:
    """Whether the input is whole months (a duration, or the horizon)."""
    return path in MONTH_INPUTS or path == "horizon_months"


def _limits(path: str) -> tuple[float, float]:
    spec = registry.BY_PATH[path]
    assert spec.minimum is not None and spec.maximum is not None
    return spec.minimum, spec.maximum


def setting_value(case: Case, path: str) -> float:
    """The case's own value of a setting."""
    return float(getattr(case, path))


def setting_range(case: Case, path: str) -> tuple[float, float]:
    """The ends of a setting in the tornado: the horizon at half and one and a half times the case's
    (whole months), the discount rate DISCOUNT_SWING either side; within the registry's limits."""
    value = setting_value(case, path)
    minimum, maximum = _limits(path)
    if path == "horizon_months":
        low, high = _half_up(value * (1 - HORIZON_SWING)), _half_up(value * (1 + HORIZON_SWING))
    else:
        low, high = round(value - DISCOUNT_SWING, 10), round(value + DISCOUNT_SWING, 10)
    return max(minimum, low), min(maximum, high)


def with_fixed(case: Case, draws: Draws, path: str, value: float) -> tuple[Case, Draws]:
    """The case and draws with one input or setting fixed at ``value`` and every other draw unchanged.

    Another horizon is another length of simulation: the same draws, with the incident months drawn
    again from the same stream up to the new horizon (the same months as far as both horizons go).
    """
    if path == "horizon_months":
        months = int(value)
        again = incident_months(draws.values["p_incident"], months, draws.seed)
        return case.model_copy(update={"horizon_months": months}), replace(draws, incident_months=again, horizon=months)
    if path == "discount_rate":
        return case.model_copy(update={"discount_rate": float(value)}), draws
    return case, draws.with_value(NAMES[path], value)


def fixed_simulation(case: Case, draws: Draws, path: str, value: float) -> Simulation:
    """The simulation with one input or setting fixed at ``value`` (``with_fixed``)."""
    fixed_case, fixed_draws = with_fixed(case, draws, path, value)
    return simulate(fixed_case, draws=fixed_draws)


def _as_drawn(path: str, value: float) -> float:
    """The value as the simulation uses it: durations are whole months, at least one; the horizon whole months."""
    if path == "horizon_months":
        return _half_up(value)
    return float(whole_months(np.asarray(value))) if path in MONTH_INPUTS else float(value)


class _Scores:
    """Every strategy's score on the basis with one input fixed at a value, remembered per input and value
    (the tornado's ends serve the break-even search again)."""

    def __init__(self, case: Case, draws: Draws, basis: str, book_view: bool, risk_tolerance: float | None):
        self.case, self.draws, self.basis, self.book_view = case, draws, basis, book_view
        self.risk_tolerance = risk_tolerance
        self.seen: dict[tuple[str, float], dict[str, float]] = {}

    def __call__(self, path: str, value: float) -> dict[str, float]:
        key = (path, float(value))
        if key not in self.seen:
            totals = fixed_simulation(self.case, self.draws, path, value).totals(self.book_view)
            self.seen[key] = scores(totals, self.basis, risk_tolerance=self.risk_tolerance)
        return self.seen[key]


# --- tornado ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TornadoBar:
    """One input fixed at its low and at its high estimate; costs per strategy on the basis.

    For a setting (the horizon, the discount rate) low and high are the ends of ``setting_range``.
    ``low_best`` and ``high_best`` are the recommendation (among the allowed) at either end.
    """

    input: str
    low_value: float
    high_value: float
    low: dict[str, float]
    high: dict[str, float]
    low_gap: float  # runner-up minus recommended, input at its low
    high_gap: float
    low_best: str = ""
    high_best: str = ""
    moves: bool = False  # whether the recommendation at one of the ends is another strategy

    @property
    def swing(self) -> float:
        return abs(self.high_gap - self.low_gap)

    @property
    def has_swing(self) -> bool:
        """Whether the swing is at least NO_SWING (half a euro): a bar worth drawing."""
        return self.swing >= NO_SWING

    @property
    def no_influence(self) -> bool:
        """No swing, and the recommendation stays the same at both ends: nothing to draw or search."""
        return not self.has_swing and not self.moves

    @property
    def can_flip(self) -> bool:
        """Whether the input alone, within its estimate, can make the runner-up the cheaper of the two."""
        return min(self.low_gap, self.high_gap) < 0

    def contract(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "low_value": self.low_value,
            "high_value": self.high_value,
            "low_means": dict(self.low),
            "high_means": dict(self.high),
            "low_gap": self.low_gap,
            "high_gap": self.high_gap,
            "low_best": self.low_best,
            "high_best": self.high_best,
            "moves": self.moves,
        }


def tornado_ends(case: Case) -> list[tuple[str, float, float]]:
    """Per uncertain client input and per setting: its path and the values at its two ends, as simulated."""
    ends = []
    for path in client_inputs(case):
        estimate = case_estimate(case, path)
        if not estimate.is_fixed:
            ends.append((path, _as_drawn(path, estimate.low), _as_drawn(path, estimate.high)))
    for path in SETTINGS:
        low, high = setting_range(case, path)
        if high > low:
            ends.append((path, low, high))
    return ends


def tornado(
    case: Case,
    draws: Draws,
    recommended: str,
    runner_up: str,
    basis: str = "mean",
    book_view: bool = False,
    *,
    allowed: tuple[str, ...] | None = None,
    risk_tolerance: float | None = None,
    fixed: _Scores | None = None,
) -> list[TornadoBar]:
    """Every uncertain client input at its low and high, and the horizon and the discount rate at theirs,
    largest swing of the gap first (a tie in the case file's order, the settings last)."""
    allowed = allowed if allowed is not None else triage(case).allowed
    fixed = fixed if fixed is not None else _Scores(case, draws, basis, book_view, risk_tolerance)
    bars = []
    for path, low_value, high_value in tornado_ends(case):
        low, high = fixed(path, low_value), fixed(path, high_value)
        low_best, high_best = ranked(low, allowed)[0], ranked(high, allowed)[0]
        bars.append(
            TornadoBar(
                input=path,
                low_value=low_value,
                high_value=high_value,
                low=low,
                high=high,
                low_gap=low[runner_up] - low[recommended],
                high_gap=high[runner_up] - high[recommended],
                low_best=low_best,
                high_best=high_best,
                moves=recommended != low_best or recommended != high_best,
            )
        )
    order = {path: i for i, path in enumerate((*client_inputs(case), *SETTINGS))}
    return sorted(bars, key=lambda bar: (-bar.swing, order[bar.input]))


# --- break-even ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BreakEven:
    """Where the recommendation flips when one input is fixed; ``value`` is None when it never does.

    ``stays_while`` is "above" when ``from_strategy`` stays best as long as the input is
    above ``value`` (and "below" for the other way round). For whole months ``value`` is
    the first month at which the other strategy is better. For a setting (not drawn)
    ``share_beyond`` is 0.
    """

    input: str
    value: float | None
    from_strategy: str
    to_strategy: str | None
    stays_while: str | None
    current: float
    search_low: float
    search_high: float
    share_beyond: float  # share of the input's draws on the other side of the break-even

    @property
    def setting(self) -> bool:
        """Whether the input is a setting of the case (the horizon, the discount rate), not an estimate."""
        return is_setting(self.input)

    def contract(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "value": self.value,
            "from": self.from_strategy,
            "to": self.to_strategy,
            "stays_while": self.stays_while,
            "current": self.current,
            "search": [self.search_low, self.search_high],
            "share_beyond": self.share_beyond,
        }


def search_range(case: Case, path: str) -> tuple[float, float]:
    """[0, 1] for a probability, otherwise [0, 3 x high] (whole months from 1); a setting over its limits
    (the horizon 12 to 120 months, the discount rate 0 to 30%)."""
    if is_setting(path):
        return _limits(path)
    if path in PROBABILITY_INPUTS:
        return 0.0, 1.0
    high = 3.0 * case_estimate(case, path).high
    if path in MONTH_INPUTS:
        return 1.0, max(1.0, float(np.floor(high)))
    return 0.0, high


def current_value(case: Case, path: str) -> float:
    """The input's value now: a setting's own, an estimate's mean (whole months for a duration)."""
    return setting_value(case, path) if is_setting(path) else _as_drawn(path, case_estimate(case, path).mean)


class _Recommender:
    """With one input fixed at a value: the recommended strategy and its margin.

    The margin is how much more the next-best allowed strategy costs (on the basis): positive
    where ``recommended`` stays best, negative where another one wins.
    """

    def __init__(self, fixed: _Scores, path: str, recommended: str, allowed: tuple[str, ...]):
        self.fixed, self.path, self.recommended, self.allowed = fixed, path, recommended, allowed

    def __call__(self, value: float) -> tuple[str, float]:
        values = self.fixed(self.path, value)
        others = min((values[s] for s in self.allowed if s != self.recommended), default=np.inf)
        return ranked(values, self.allowed)[0], others - values[self.recommended]

    def stays(self, value: float) -> bool:
        return self(value)[0] == self.recommended


def _probes(a: float, b: float, margin_a: float, margin_b: float, tolerance: float, whole: bool) -> list[float]:
    """Values that close the bracket [a, b] around the flip if the margin is close to linear there.

    The straight line through the two margins crosses zero at the estimate; the probes are
    the two ends of a bracket one tolerance wide around it (two neighbouring whole months).
    Falls back to the middle when the line says nothing.
    """
    if margin_a == margin_b or not np.isfinite(margin_a - margin_b):
        estimate = (a + b) / 2
    else:
        estimate = a + (b - a) * margin_a / (margin_a - margin_b)
    if whole:
        first = float(np.floor(estimate))
        probes = [first, first + 1.0]
    else:
        probes = [estimate - tolerance / 2, estimate + tolerance / 2]
    inside = [v for v in probes if a < v < b]
    if inside:
        return inside
    return [float(np.floor((a + b) / 2)) if whole else (a + b) / 2]


def break_even(
    case: Case,
    draws: Draws,
    path: str,
    recommended: str,
    allowed: tuple[str, ...],
    basis: str = "mean",
    book_view: bool = False,
    *,
    risk_tolerance: float | None = None,
    search: tuple[float, float] | None = None,
    grid_points: int = GRID_POINTS,
    also: tuple[float, ...] = (),
    fixed: _Scores | None = None,
) -> BreakEven:
    """The flip of the recommendation nearest to the input's current value.

    A grid of ``grid_points`` values over the searched range (``search_range``, or ``search``), the
    current value and the values ``also`` (the tornado's ends) finds the flips; the one nearest the
    current value is then narrowed to one whole month, or to BISECTION_TOLERANCE of the searched
    range, by probing around the linear interpolation of the margin (costs are close to linear in
    most inputs, so two probes usually close it) with bisection when that stalls.
    """
    whole = _whole(path)
    low, high = search if search is not None else search_range(case, path)
    current = min(max(current_value(case, path), low), high)
    none = BreakEven(path, None, recommended, None, None, current, low, high, 0.0)
    if high <= low:
        return none
    grid = np.linspace(low, high, max(2, grid_points))
    extra = [current, *(v for v in also if low <= v <= high)]
    grid = np.unique(np.append(np.rint(grid) if whole else grid, extra))
    fixed = fixed if fixed is not None else _Scores(case, draws, basis, book_view, risk_tolerance)
    best = _Recommender(fixed, path, recommended, allowed)
    stays = [best.stays(float(v)) for v in grid]
    flips = [i for i in range(len(grid) - 1) if stays[i] != stays[i + 1]]
    if not flips:
        return none
    i = min(flips, key=lambda k: min(abs(grid[k] - current), abs(grid[k + 1] - current)))
    a, b = float(grid[i]), float(grid[i + 1])  # stays at a != stays at b
    stays_at_a = stays[i]
    tolerance = 1.0 if whole else BISECTION_TOLERANCE * (high - low)
    while b - a > tolerance:
        width = b - a
        for value in _probes(a, b, best(a)[1], best(b)[1], tolerance, whole):
            if not a < value < b:
                continue
            if best.stays(value) == stays_at_a:
                a = value
            else:
                b = value
        if b - a > tolerance and b - a > width / 2:  # the line did not help: halve the bracket
            middle = float(np.floor((a + b) / 2)) if whole else (a + b) / 2
            if a < middle < b:
                if best.stays(middle) == stays_at_a:
                    a = middle
                else:
                    b = middle
    if whole:
        value = b if stays_at_a else a  # the first whole month at which another strategy is better
    else:
        value = (a + b) / 2
    other = best(a if not stays_at_a else b)[0]
    stays_while = "below" if stays_at_a else "above"
    share = 0.0
    if not is_setting(path):  # a setting is not drawn: no share of draws lies beyond it
        drawn = draws.values[NAMES[path]]
        share = float((drawn >= value if stays_while == "below" else drawn <= value).mean())
    return BreakEven(path, value, recommended, other, stays_while, current, low, high, share)


def _break_even_order(case: Case) -> Callable[[BreakEven], tuple[float, float]]:
    """Flips first: the most likely (largest share of draws beyond it) first, then the nearest.

    Nearness is the distance from the current value in widths of the estimate (high - low), of a
    setting's range in the tornado, or of the searched range for an input that is fixed.
    """

    def key(item: BreakEven) -> tuple[float, float]:
        if item.value is None:
            return (2.0, 0.0)
        if item.setting:
            low, high = setting_range(case, item.input)
        else:
            estimate = case_estimate(case, item.input)
            low, high = estimate.low, estimate.high
        width = high - low if high > low else item.search_high - item.search_low
        return (-item.share_beyond, abs(item.value - item.current) / width)

    return key


def say_no_influence(inputs: tuple[str, ...], lang: str = "en") -> str | None:
    """The inputs without influence within their range as one sentence ("No influence within their
    range: the cost of a major incident and ..."), or None when there are none."""
    if not inputs:
        return None
    phrases = [translate(f"sensitivity.phrase.{path}", lang) for path in inputs]
    return translate(
        "sensitivity.no_influence", lang, inputs=format_list(phrases, locale=fmt.LOCALES.get(lang, fmt.LOCALES["en"]))
    )


# --- value of information and risk ----------------------------------------------------------


def evpi(totals: dict[str, np.ndarray], allowed: tuple[str, ...]) -> float:
    """Expected value of perfect information: min of the means minus the mean of the per-iteration minimum."""
    best_mean = min(float(totals[s].mean()) for s in allowed)
    per_iteration = np.min(np.vstack([totals[s] for s in allowed]), axis=0)
    return max(0.0, best_mean - float(per_iteration.mean()))


def evppi(
    totals: dict[str, np.ndarray], allowed: tuple[str, ...], drawn: np.ndarray, groups: int = EVPPI_GROUPS
) -> float:
    """What knowing one input exactly is worth: min_s E[C_s] - E_group[min_s E[C_s | group]].

    The iterations are grouped on the input's drawn value: one group per distinct value
    when there are at most ``groups`` of them (whole months), else ``groups`` equal-count
    quantile groups. The estimate lies in [0, EVPI] by construction.
    """
    distinct, inverse = np.unique(drawn, return_inverse=True)
    if len(distinct) < 2:
        return 0.0
    if len(distinct) > groups:
        rank = np.empty(len(drawn), dtype=np.int64)
        rank[np.argsort(drawn, kind="stable")] = np.arange(len(drawn))
        inverse = rank * groups // len(drawn)
    counts = np.bincount(inverse)
    group_means = np.vstack([np.bincount(inverse, weights=totals[s]) / counts for s in allowed])
    informed = float((counts * group_means.min(axis=0)).sum() / len(drawn))
    best_mean = min(float(totals[s].mean()) for s in allowed)
    return min(max(0.0, best_mean - informed), evpi(totals, allowed))  # the bound, also in floating point


def outcomes(draws: Draws) -> dict[str, np.ndarray]:
    """The random events whose outcome research could reveal, per iteration.

    Knowing a probability exactly is often worth little (it rarely moves the mean
    past a break-even); knowing how the improvement programme or the lawsuit would
    end is what an audit or a legal opinion tries to tell.
    """
    return {
        "solve.outcome": draws.success_uniforms < draws.values["p_success"],
        "legal.outcome": draws.win_uniforms < draws.values["p_win"],
    }


@dataclass(frozen=True)
class InformationValue:
    input: str
    amount: float
    research: str | None


@dataclass(frozen=True)
class Risk:
    """Per strategy the sorted totals (the S-curve) and the expected regret (allowed strategies)."""

    sorted_totals: dict[str, np.ndarray]
    regret: dict[str, float]

    def exceedance(self, threshold: float) -> dict[str, float]:
        """Per strategy, the chance it costs more than ``threshold``."""
        return {s: 1.0 - np.searchsorted(v, threshold, side="right") / len(v) for s, v in self.sorted_totals.items()}

    def s_curve(self, points: int = CURVE_POINTS) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Per strategy (costs, cumulative probabilities) at ``points`` evenly spaced probabilities."""
        probabilities = np.linspace(0.0, 1.0, points)
        return {s: (np.quantile(v, probabilities), probabilities) for s, v in self.sorted_totals.items()}


def regret(totals: dict[str, np.ndarray], allowed: tuple[str, ...]) -> dict[str, float]:
    """Expected regret per allowed strategy: the mean of its cost minus the cheapest allowed one's."""
    cheapest = np.min(np.vstack([totals[s] for s in allowed]), axis=0)
    return {s: float((totals[s] - cheapest).mean()) for s in allowed}


# --- everything at once ---------------------------------------------------------------------


@dataclass(frozen=True)
class Sensitivity:
    iterations: int
    seed: int
    view: str
    basis: str
    allowed: tuple[str, ...]
    recommended: str
    runner_up: str
    base: dict[str, float]  # per strategy on the basis, all inputs uncertain
    book_recommended: str  # what the book view (write-off included) would recommend
    tornado: tuple[TornadoBar, ...]
    break_even: tuple[BreakEven, ...]
    evpi: float
    evppi: tuple[InformationValue, ...]  # largest first
    risk: Risk
    # The triage answers that, answered otherwise, change the advice (not part of the JSON contract).
    triage_switches: tuple[TriageSwitch, ...] = ()
    risk_tolerance: float | None = None  # euros, on the certainty-equivalent basis only

    @property
    def gap(self) -> float:
        """How much better the recommended strategy is than the runner-up, on the basis."""
        return self.base[self.runner_up] - self.base[self.recommended]

    @property
    def default_threshold(self) -> float:
        """A starting threshold for the exceedance question: the recommended strategy's P90, rounded."""
        sorted_totals = self.risk.sorted_totals[self.recommended]
        return float(round(np.percentile(sorted_totals, 90), -4))

    @property
    def drawn_bars(self) -> tuple[TornadoBar, ...]:
        """The tornado's bars with a swing, largest first: what the chart draws."""
        return tuple(bar for bar in self.tornado if bar.has_swing)

    @property
    def no_influence(self) -> tuple[str, ...]:
        """The inputs that change nothing within their range (no swing, the same advice at both ends),
        in the tornado's order: said apart, not drawn as empty bars."""
        return tuple(bar.input for bar in self.tornado if bar.no_influence)

    def notable_information(self) -> list[InformationValue]:
        """The inputs and outcomes worth at least INFORMATION_WORTH_LISTING of perfect information."""
        return [item for item in self.evppi if item.amount > 0 and item.amount >= INFORMATION_WORTH_LISTING * self.evpi]

    def first_flip(self) -> BreakEven | None:
        return next((b for b in self.break_even if b.value is not None), None)

    def contract(self) -> dict[str, Any]:
        """The JSON of ``python -m decision sensitivity``."""
        return {
            "iterations": self.iterations,
            "seed": self.seed,
            "view": self.view,
            "basis": self.basis,
            "risk_tolerance": self.risk_tolerance,
            "recommended": self.recommended,
            "runner_up": self.runner_up,
            "tornado": [bar.contract() for bar in self.tornado],
            "no_influence": list(self.no_influence),
            "break_even": [item.contract() for item in self.break_even],
            "evpi": self.evpi,
            "evppi": {item.input: item.amount for item in self.evppi},
            "regret": dict(self.risk.regret),
        }


def break_evens(
    case: Case,
    draws: Draws,
    bars: list[TornadoBar],
    recommended: str,
    allowed: tuple[str, ...],
    basis: str,
    book_view: bool,
    fixed: _Scores,
    searched: Sequence[str],
) -> list[BreakEven]:
    """The break-even of every input in ``searched`` (also probing the tornado's ends), then of every
    other input whose tornado bar moves the advice, within its own low and high."""
    ends = {bar.input: (bar.low_value, bar.high_value) for bar in bars}
    always = tuple(dict.fromkeys(searched))
    flips = [
        break_even(case, draws, p, recommended, allowed, basis, book_view, also=ends.get(p, ()), fixed=fixed)
        for p in always
    ]
    return flips + [
        break_even(
            case,
            draws,
            bar.input,
            recommended,
            allowed,
            basis,
            book_view,
            search=(min(bar.low_value, bar.high_value), max(bar.low_value, bar.high_value)),
            grid_points=2,
            fixed=fixed,
        )
        for bar in bars
        if bar.moves and bar.input not in always
    ]


def analyse(
    case: Case,
    iterations: int = 10_000,
    seed: int = 1,
    view: str = "decision",
    basis: str | None = None,
    break_even_inputs: tuple[str, ...] = ALWAYS_SEARCHED,
    risk_tolerance: float | None = None,
    *,
    draws: Draws | None = None,
    simulation: Simulation | None = None,
) -> Sensitivity:
    """Tornado, break-even, value of information and risk of a case on one sample.

    ``basis`` and ``risk_tolerance`` default to the case's ``preferences`` (MODEL.md 7.7). The
    ``break_even_inputs`` are searched always; every other input whose range in the tornado moves
    the recommendation is searched too, within its range. Pass ``draws`` (``draw(case, iterations,
    seed)``) and ``simulation`` (of those draws) when they are at hand, not to make them again.
    """
    basis = basis or case.preferences.basis
    tolerance = risk_tolerance if risk_tolerance is not None else case.preferences.risk_tolerance
    tolerance = tolerance if basis == "certainty_equivalent" else None
    book_view = view == "book"
    draws = draws if draws is not None else draw(case, iterations, seed)
    simulation = simulation if simulation is not None else simulate(case, draws=draws)
    totals = simulation.totals(book_view)
    allowed = triage(case).allowed
    base = scores(totals, basis, risk_tolerance=tolerance)
    order = ranked(base, allowed)
    recommended, runner_up = order[0], order[1]
    book_base = scores(simulation.totals(True), basis, risk_tolerance=tolerance)
    fixed = _Scores(case, draws, basis, book_view, tolerance)
    bars = tornado(case, draws, recommended, runner_up, basis, book_view, allowed=allowed, fixed=fixed)
    flips = break_evens(case, draws, bars, recommended, allowed, basis, book_view, fixed, break_even_inputs)
    information = [
        InformationValue(p, evppi(totals, allowed, draws.values[NAMES[p]]), RESEARCH.get(p))
        for p in client_inputs(case)
        if not case_estimate(case, p).is_fixed
    ]
    information += [
        InformationValue(outcome, evppi(totals, allowed, happens.astype(float)), RESEARCH[outcome])
        for outcome, happens in outcomes(draws).items()
    ]
    return Sensitivity(
        iterations=draws.n,
        seed=seed,
        view=view,
        basis=basis,
        allowed=allowed,
        recommended=recommended,
        runner_up=runner_up,
        base=base,
        book_recommended=ranked(book_base, allowed)[0],
        tornado=tuple(bars),
        break_even=tuple(sorted(flips, key=_break_even_order(case))),
        evpi=evpi(totals, allowed),
        evppi=tuple(sorted(information, key=lambda item: -item.amount)),
        risk=Risk({s: np.sort(totals[s]) for s in totals}, regret(totals, allowed)),
        triage_switches=triage_switches(case, base, allowed),
        risk_tolerance=tolerance,
    )
