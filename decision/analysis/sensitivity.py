"""Why the recommendation is what it is: tornado, break-even, value of information and risk.

Everything starts from one sample of the case (``draw``). An input is fixed with
``Draws.with_value``, which leaves the draws of every other input and every
random event untouched (common random numbers), so a change in the results is
the effect of that input alone, not sampling noise. Each analysis re-runs the
vectorised simulation (a few milliseconds at 10,000 iterations).

- Tornado: per uncertain input, every strategy's cost with the input fixed at
  its low and at its high estimate; ordered by how much that moves the gap
  between the recommended strategy and the runner-up.
- Break-even: per key input, the value at which the recommendation (among the
  strategies triage allows) flips, with that input fixed and the rest
  uncertain. A coarse grid over the searched range, then the two grid points
  around the flip nearest to the current estimate are narrowed (probes around
  the linear interpolation, bisection when that stalls); durations are whole
  months. Both the searched range and the grid are in ``break_even``.
- Value of information: EVPI over the allowed strategies, and per input (and
  per random outcome: does solving succeed, is the lawsuit won) an EVPPI
  estimated by grouping the iterations on the drawn value.
- Risk: S-curves, the chance of costing more than a threshold, expected regret.
- Triage answers as inputs: each of the four questions answered otherwise, and the
  same costs ranked again (``triage_driver.triage_switches``): the answers that would
  change the advice, so that no sentence claims nothing can change it when one can.

The ``basis`` ("mean" or "p90") is the statistic the recommendation is made on,
as in ``results.recommend``; value of information and regret are always on
expected cost, which is what they are defined on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from decision.analysis.triage_driver import TriageSwitch, triage_switches
from decision.engine.simulation import Draws, case_estimate, draw, simulate, whole_months
from decision.model import registry
from decision.model.case import Case
from decision.model.triage import triage

BASES: tuple[str, ...] = ("mean", "p90")
NAMES: dict[str, str] = {spec.path: spec.name for spec in registry.INPUTS}
# Inputs that change the client's costs (the supplier's only change the zone of agreement).
CLIENT_INPUTS: tuple[str, ...] = tuple(spec.path for spec in registry.INPUTS if spec.client)
# Chances and shares: searched over [0, 1] for a break-even.
PROBABILITY_INPUTS = frozenset(spec.path for spec in registry.INPUTS if spec.kind in ("probability", "share"))
RATE_INPUTS = frozenset(spec.path for spec in registry.INPUTS if spec.kind == "share_year")
MONTH_INPUTS = frozenset(spec.path for spec in registry.INPUTS if spec.duration)
BREAK_EVEN_INPUTS: tuple[str, ...] = registry.BREAK_EVEN_INPUTS
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
    if path in RATE_INPUTS:
        return "rate"
    if path in MONTH_INPUTS:
        return "months"
    return "money"


def scores(totals: dict[str, np.ndarray], basis: str, strategies: tuple[str, ...] | None = None) -> dict[str, float]:
    """The statistic the recommendation is made on, per strategy: the mean or the P90."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, got {basis!r}")
    strategies = tuple(totals) if strategies is None else strategies
    if basis == "p90":
        return {s: float(np.percentile(totals[s], 90)) for s in strategies}
    return {s: float(totals[s].mean()) for s in strategies}


def ranked(values: dict[str, float], allowed: tuple[str, ...]) -> list[str]:
    """The allowed strategies from best to worst, as ``results.recommend`` ranks them."""
    return sorted(allowed, key=lambda s: values[s])


def _fixed_totals(case: Case, draws: Draws, path: str, value: float, book_view: bool) -> dict[str, np.ndarray]:
    return simulate(case, draws=draws.with_value(NAMES[path], value)).totals(book_view)


def _as_drawn(path: str, value: float) -> float:
    """The value as the simulation uses it: durations are whole months, at least one."""
    return float(whole_months(np.asarray(value))) if path in MONTH_INPUTS else float(value)


# --- tornado ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TornadoBar:
    """One input fixed at its low and at its high estimate; costs per strategy on the basis."""

    input: str
    low_value: float
    high_value: float
    low: dict[str, float]
    high: dict[str, float]
    low_gap: float  # runner-up minus recommended, input at its low
    high_gap: float

    @property
    def swing(self) -> float:
        return abs(self.high_gap - self.low_gap)

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
        }


def tornado(
    case: Case,
    draws: Draws,
    recommended: str,
    runner_up: str,
    basis: str = "mean",
    book_view: bool = False,
) -> list[TornadoBar]:
    """Every uncertain client input at its low and high, largest swing of the gap first."""
    bars = []
    for path in client_inputs(case):
        estimate = case_estimate(case, path)
        if estimate.is_fixed:
            continue
        low_value, high_value = _as_drawn(path, estimate.low), _as_drawn(path, estimate.high)
        low = scores(_fixed_totals(case, draws, path, low_value, book_view), basis)
        high = scores(_fixed_totals(case, draws, path, high_value, book_view), basis)
        bars.append(
            TornadoBar(
                input=path,
                low_value=low_value,
                high_value=high_value,
                low=low,
                high=high,
                low_gap=low[runner_up] - low[recommended],
                high_gap=high[runner_up] - high[recommended],
            )
        )
    order = {path: i for i, path in enumerate(client_inputs(case))}
    return sorted(bars, key=lambda bar: (-bar.swing, order[bar.input]))


# --- break-even ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BreakEven:
    """Where the recommendation flips when one input is fixed; ``value`` is None when it never does.

    ``stays_while`` is "above" when ``from_strategy`` stays best as long as the input is
    above ``value`` (and "below" for the other way round). For whole months ``value`` is
    the first month at which the other strategy is better.
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
    """[0, 1] for a probability, otherwise [0, 3 x high] (whole months from 1)."""
    if path in PROBABILITY_INPUTS:
        return 0.0, 1.0
    high = 3.0 * case_estimate(case, path).high
    if path in MONTH_INPUTS:
        return 1.0, max(1.0, float(np.floor(high)))
    return 0.0, high


class _Recommender:
    """With one input fixed at a value: the recommended strategy and its margin (remembered per value).

    The margin is how much more the next-best allowed strategy costs (on the basis): positive
    where ``recommended`` stays best, negative where another one wins.
    """

    def __init__(
        self,
        case: Case,
        draws: Draws,
        path: str,
        recommended: str,
        allowed: tuple[str, ...],
        basis: str,
        book_view: bool,
    ):
        self.case, self.draws, self.path, self.recommended = case, draws, path, recommended
        self.allowed, self.basis, self.book_view = allowed, basis, book_view
        self.seen: dict[float, tuple[str, float]] = {}

    def __call__(self, value: float) -> tuple[str, float]:
        if value not in self.seen:
            totals = _fixed_totals(self.case, self.draws, self.path, value, self.book_view)
            values = scores(totals, self.basis, self.allowed)
            others = min(values[s] for s in self.allowed if s != self.recommended)
            self.seen[value] = (ranked(values, self.allowed)[0], others - values[self.recommended])
        return self.seen[value]

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
) -> BreakEven:
    """The flip of the recommendation nearest to the input's current estimate.

    A grid of GRID_POINTS values (and the current estimate) finds the flips; the one nearest
    the current estimate is then narrowed to one whole month, or to BISECTION_TOLERANCE of the
    searched range, by probing around the linear interpolation of the margin (costs are close
    to linear in most inputs, so two probes usually close it) with bisection when that stalls.
    """
    whole = path in MONTH_INPUTS
    low, high = search_range(case, path)
    current = min(max(_as_drawn(path, case_estimate(case, path).mean), low), high)
    drawn = draws.values[NAMES[path]]
    none = BreakEven(path, None, recommended, None, None, current, low, high, 0.0)
    if high <= low:
        return none
    grid = np.linspace(low, high, GRID_POINTS)
    grid = np.unique(np.append(np.rint(grid) if whole else grid, current))
    best = _Recommender(case, draws, path, recommended, allowed, basis, book_view)
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
    beyond = drawn >= value if stays_while == "below" else drawn <= value
    return BreakEven(path, value, recommended, other, stays_while, current, low, high, float(beyond.mean()))


def _break_even_order(case: Case) -> Callable[[BreakEven], tuple[float, float]]:
    """Flips first: the most likely (largest share of draws beyond it) first, then the nearest.

    Nearness is the distance from the current estimate in widths of the estimate
    (high - low), or of the searched range for an input that is fixed.
    """

    def key(item: BreakEven) -> tuple[float, float]:
        if item.value is None:
            return (2.0, 0.0)
        estimate = case_estimate(case, item.input)
        width = estimate.high - estimate.low if not estimate.is_fixed else item.search_high - item.search_low
        return (-item.share_beyond, abs(item.value - item.current) / width)

    return key


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

    @property
    def gap(self) -> float:
        """How much better the recommended strategy is than the runner-up, on the basis."""
        return self.base[self.runner_up] - self.base[self.recommended]

    @property
    def default_threshold(self) -> float:
        """A starting threshold for the exceedance question: the recommended strategy's P90, rounded."""
        sorted_totals = self.risk.sorted_totals[self.recommended]
        return float(round(np.percentile(sorted_totals, 90), -4))

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
            "recommended": self.recommended,
            "runner_up": self.runner_up,
            "tornado": [bar.contract() for bar in self.tornado],
            "break_even": [item.contract() for item in self.break_even],
            "evpi": self.evpi,
            "evppi": {item.input: item.amount for item in self.evppi},
            "regret": dict(self.risk.regret),
        }


def analyse(
    case: Case,
    iterations: int = 10_000,
    seed: int = 1,
    view: str = "decision",
    basis: str = "mean",
    break_even_inputs: tuple[str, ...] = BREAK_EVEN_INPUTS,
) -> Sensitivity:
    """Tornado, break-even, value of information and risk of a case on one sample."""
    book_view = view == "book"
    draws = draw(case, iterations, seed)
    simulation = simulate(case, draws=draws)
    totals = simulation.totals(book_view)
    allowed = triage(case).allowed
    base = scores(totals, basis)
    order = ranked(base, allowed)
    recommended, runner_up = order[0], order[1]
    book_base = scores(simulation.totals(True), basis)
    bars = tornado(case, draws, recommended, runner_up, basis, book_view)
    flips = [break_even(case, draws, p, recommended, allowed, basis, book_view) for p in break_even_inputs]
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
    )
