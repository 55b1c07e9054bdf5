"""Monte Carlo simulation of MODEL.md section 3, vectorised over iterations.

Each iteration samples every estimate once and draws its events once; all four
strategies use the same draws (common random numbers). Each estimate and each
event stream has its own seeded generator, so fixing one input (sensitivity
analysis) leaves the draws of every other input unchanged.

Costs are computed from prefix sums of the discounted monthly flows, so any
range of months costs one subtraction; the same code gives the totals (cut at
the horizon) and the cumulative cost per month (cut at every month).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from decision.model import registry
from decision.model.case import Case, Estimate

CATEGORIES: tuple[str, ...] = tuple(registry.CATEGORIES)
# Every sampled input: its name in the draws and its path in the case, in the order of their streams.
INPUT_PATHS: dict[str, str] = {spec.name: spec.path for spec in registry.INPUTS}
DURATIONS: tuple[str, ...] = tuple(spec.name for spec in registry.INPUTS if spec.duration)
_EVENT_STREAMS = {"incidents": 1001, "win": 1002, "success": 1003}


def case_estimate(case: Case, path: str) -> Estimate:
    """The estimate at a dotted path such as ``solve.p_success``."""
    if path == "supplier.revenue_per_month":
        return case.revenue_estimate()
    group, name = path.split(".")
    return getattr(getattr(case, group), name)


def sample_estimate(estimate: Estimate, n: int, rng: np.random.Generator) -> np.ndarray:
    """n draws: PERT (Beta, lambda = 4) by default, triangular on request, constant when fixed."""
    low, mode, high = estimate.low, estimate.mode, estimate.high
    if high <= low:
        return np.full(n, float(low))
    if estimate.distribution == "triangular":
        return rng.triangular(low, mode, high, n)
    span = high - low
    alpha = 1.0 + 4.0 * (mode - low) / span
    beta = 1.0 + 4.0 * (high - mode) / span
    return low + span * rng.beta(alpha, beta, n)


def whole_months(value: np.ndarray) -> np.ndarray:
    """A sampled duration as the model uses it: rounded to whole months (half to even), at least 1."""
    return np.maximum(1.0, np.rint(value))


def discount_factors(rate: float, months: int) -> np.ndarray:
    """v(t) = (1 + r)^(-(t + 1)/12) for months t = 0 .. months-1: each flow discounted from the end of its month."""
    return (1.0 + rate) ** (-(np.arange(months) + 1) / 12.0)


def supplier_revenue(case: Case, values: dict[str, np.ndarray]) -> np.ndarray:
    """What the client pays the supplier per month, per iteration.

    MODEL.md: it defaults to R, and then it is the same draw as the client's running cost.
    """
    return values["running"] if case.supplier.revenue_per_month is None else values["revenue"]


def _stream(seed: int, index: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([seed, index]))


def incident_months(p_incident: np.ndarray, horizon: int, seed: int) -> np.ndarray:
    """The months with a major incident, per iteration: shape (n, k), padded with ``horizon``.

    Each month has an incident with probability q = 1 - (1 - p)^(1/12), independently;
    the gaps between incidents are therefore geometric and drawn by inversion, one
    uniform per gap, which keeps the draws paired when p changes.
    """
    rng = _stream(seed, _EVENT_STREAMS["incidents"])
    monthly_chance = 1.0 - (1.0 - p_incident) ** (1.0 / 12.0)
    with np.errstate(divide="ignore"):
        log_no_incident = np.log1p(-monthly_chance)
    month = np.full(len(p_incident), -1.0)
    rounds: list[np.ndarray] = []
    while True:
        uniform = 1.0 - rng.random(len(p_incident))  # in (0, 1]
        with np.errstate(divide="ignore", invalid="ignore"):
            gap = np.ceil(np.log(uniform) / log_no_incident)
        gap = np.where(monthly_chance > 0, np.maximum(gap, 1.0), np.inf)
        month = month + gap
        if not (month < horizon).any():
            break
        rounds.append(np.where(month < horizon, month, horizon).astype(np.int64))
    if not rounds:
        return np.full((len(p_incident), 1), horizon, dtype=np.int64)
    return np.stack(rounds, axis=1)


@dataclass(frozen=True)
class Draws:
    """The sampled inputs (one value per iteration) and the random events."""

    values: dict[str, np.ndarray]
    incident_months: np.ndarray  # (n, k) months with an incident, padded with the horizon
    win_uniforms: np.ndarray
    success_uniforms: np.ndarray
    seed: int
    horizon: int

    @property
    def n(self) -> int:
        return len(self.win_uniforms)

    def subset(self, count: int) -> Draws:
        """The first ``count`` iterations (for the per-month charts)."""
        return Draws(
            {k: v[:count] for k, v in self.values.items()},
            self.incident_months[:count],
            self.win_uniforms[:count],
            self.success_uniforms[:count],
            self.seed,
            self.horizon,
        )

    def with_value(self, name: str, value: float | np.ndarray) -> Draws:
        """The same draws with one input replaced (fixed, or another sample)."""
        values = dict(self.values)
        replaced = np.broadcast_to(np.asarray(value, dtype=float), (self.n,))
        values[name] = whole_months(replaced) if name in DURATIONS else replaced
        if name == "p_incident":
            months = incident_months(values[name], self.horizon, self.seed)
            return replace(self, values=values, incident_months=months)
        return replace(self, values=values)


def draw(case: Case, iterations: int, seed: int) -> Draws:
    """Sample every estimate and event of the case ``iterations`` times."""
    n = int(iterations)
    values: dict[str, np.ndarray] = {}
    for spec in registry.INPUTS:
        sample = sample_estimate(case_estimate(case, spec.path), n, _stream(seed, spec.stream or 0))
        values[spec.name] = whole_months(sample) if spec.duration else sample
    return Draws(
        values=values,
        incident_months=incident_months(values["p_incident"], case.horizon_months, seed),
        win_uniforms=_stream(seed, _EVENT_STREAMS["win"]).random(n),
        success_uniforms=_stream(seed, _EVENT_STREAMS["success"]).random(n),
        seed=seed,
        horizon=case.horizon_months,
    )


@dataclass
class StrategyCosts:
    """Discounted cost per category and iteration (shape (n,) or (n, months) for timelines)."""

    parts: dict[str, np.ndarray] = field(default_factory=dict)

    def add(self, category: str, amount: np.ndarray) -> None:
        self.parts[category] = self.parts.get(category, 0.0) + amount

    def total(self, book_view: bool) -> np.ndarray:
        return np.asarray(sum(v for k, v in self.parts.items() if book_view or k != "write_off"))


@dataclass(frozen=True)
class Simulation:
    """Everything the results are computed from: per-iteration costs and supplier values."""

    case: Case
    iterations: int
    seed: int
    costs: dict[str, StrategyCosts]
    months_to_decent: dict[str, np.ndarray]  # NaN where the strategy never gets there
    supplier_value: dict[str, np.ndarray]
    share_slope: np.ndarray  # per iteration: d(client solve cost)/d(client_share)

    def totals(self, book_view: bool = False) -> dict[str, np.ndarray]:
        return {s: c.total(book_view) for s, c in self.costs.items()}


class _Model:
    """The flows of MODEL.md section 3 for given draws, cut at ``cut`` months.

    Per-iteration values have shape (n, 1); ``cut`` has shape (1, k), so every
    month index is an (n, k) array: a cut of [H] gives totals and a cut of
    [1..H] the cumulative cost per month. Legal flows are cut at ``legal_cut``
    (infinity for totals: MODEL.md counts them even after the horizon).
    """

    def __init__(self, case: Case, draws: Draws, cut: np.ndarray, legal_cut: np.ndarray | float):
        self.case = case
        self.h = case.horizon_months
        self.n = draws.n
        self.cut = np.asarray(cut, dtype=np.int64).reshape(1, -1)
        self.legal_cut = legal_cut if np.isscalar(legal_cut) else np.asarray(legal_cut).reshape(1, -1)
        x = {k: v.reshape(-1, 1) for k, v in draws.values.items()}
        self.x = x
        longest = int(sum(x[d].max() for d in DURATIONS)) + self.h + 2
        self.v = discount_factors(case.discount_rate, longest)
        self.pv = np.concatenate(([0.0], np.cumsum(self.v)))
        # D_t v(t) = D (1+r)^(-1/12) x^t with x = ((1+g)/(1+r))^(1/12): a geometric series.
        self.log_x = (np.log1p(x["growth"]) - np.log1p(case.discount_rate)) / 12.0
        self.dysfunction_scale = x["dysfunction"] * self.v[0]
        months = draws.incident_months
        weights = np.where(months < self.h, self.v[np.minimum(months, self.h)], 0.0)
        self.incident_months = months[:, None, :]
        self.incident_weights = weights[:, None, :]
        # Many cuts (the cost per month): a per-month prefix of the incidents is cheaper.
        self.incident_prefix: np.ndarray | None = None
        if self.cut.shape[1] > 1:
            monthly = np.zeros((self.n, self.h + 1))
            np.add.at(monthly, (np.arange(self.n)[:, None], months), weights)
            self.incident_prefix = np.zeros((self.n, self.h + 1))
            np.cumsum(monthly[:, : self.h], axis=1, out=self.incident_prefix[:, 1:])
        self.win = (draws.win_uniforms < draws.values["p_win"]).reshape(-1, 1)
        self.success = (draws.success_uniforms < draws.values["p_success"]).reshape(-1, 1)
        cap = case.legal.liability_cap
        awarded = x["claim"] if cap is None else np.minimum(x["claim"], cap)
        self.award = awarded * x["recovery"] + x["cost_award"]
        self.margin = x["margin"] * supplier_revenue(case, x)

    def _month(self, month: np.ndarray | int) -> np.ndarray:
        """A month index as an (n, k) array, cut at the horizon cut."""
        shape = (self.n, self.cut.shape[1])
        return np.broadcast_to(np.minimum(month, self.cut), shape).astype(np.int64)

    def _dysfunction(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """Discounted dysfunction cost D_t v(t) over months [start, end), in closed form."""
        count = end - start
        log_x = self.log_x
        with np.errstate(divide="ignore", invalid="ignore"):
            series = np.where(log_x == 0.0, count, np.expm1(count * log_x) / np.expm1(log_x))
        return self.dysfunction_scale * np.exp(start * log_x) * series

    def _incidents(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """Discounted number of incidents (sum of v(t) B_t) over months [start, end)."""
        if self.incident_prefix is not None:
            prefix = self.incident_prefix
            return np.take_along_axis(prefix, end, axis=1) - np.take_along_axis(prefix, start, axis=1)
        months = self.incident_months
        inside = (months >= start[..., None]) & (months < end[..., None])
        return (inside * self.incident_weights).sum(axis=-1)

    def _pv(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """The discount factors of months [start, end) added up."""
        return self.pv[np.asarray(end, dtype=np.int64)] - self.pv[np.asarray(start, dtype=np.int64)]

    def _once(self, month: np.ndarray, happens: np.ndarray | bool) -> np.ndarray:
        """Discount factor of a one-off flow in ``month``, zero where it does not happen."""
        index = np.minimum(month, len(self.v) - 1).astype(np.int64)
        return np.where(happens, self.v[index], 0.0)

    # --- client -------------------------------------------------------------------------
    def muddle(self, costs: StrategyCosts, start: np.ndarray | int = 0, when: np.ndarray | bool = True) -> None:
        x, a, end = self.x, self._month(start), self._month(self.cut)
        costs.add("dysfunction", np.where(when, self._dysfunction(a, end), 0.0))
        costs.add("incidents", np.where(when, x["incident_cost"] * self._incidents(a, end), 0.0))
        costs.add("running", np.where(when, x["running"] * self._pv(a, end), 0.0))

    def switch(self, costs: StrategyCosts, start: np.ndarray | int = 0, when: np.ndarray | bool = True) -> None:
        x, a, end = self.x, self._month(start), self._month(self.cut)
        live = self._month(start + x["replacement_months"])
        dysfunction = self._dysfunction(a, live) + x["new_residual"] * self._dysfunction(live, end)
        costs.add("dysfunction", np.where(when, dysfunction, 0.0))
        costs.add("incidents", np.where(when, x["incident_cost"] * self._incidents(a, live), 0.0))
        running = x["running"] * self._pv(a, live) + x["new_running"] * self._pv(live, end)
        costs.add("running", np.where(when, running, 0.0))
        replacement = x["replacement_cost"] / x["replacement_months"] * self._pv(a, live)
        costs.add("replacement", np.where(when, replacement, 0.0))
        begins = when & (start < self.cut)
        costs.add("exit", x["exit_cost"] * self._once(np.asarray(start), begins))
        costs.add("write_off", self.case.sunk.book_value * self._once(np.asarray(start), begins))

    def legal(self, costs: StrategyCosts, start: np.ndarray | int = 0, when: np.ndarray | bool = True) -> None:
        x = self.x
        end: np.ndarray = (start + x["legal_months"]).astype(np.int64)
        paid_until = np.minimum(end, self.legal_cut).astype(np.int64)
        paid_from = np.minimum(start, paid_until).astype(np.int64)
        costs.add("legal_fees", np.where(when, x["legal_fees"] / 12.0 * self._pv(paid_from, paid_until), 0.0))
        outcome = np.where(self.win, -self.award, x["counterclaim"])
        costs.add("legal_outcome", outcome * self._once(end - 1, when & (end - 1 < self.legal_cut)))

    def solve(self, costs: StrategyCosts, fallback: str, share: float) -> None:
        x, success = self.x, self.success
        months = x["improvement_months"]
        first, done, end = self._month(0), self._month(months), self._month(self.cut)
        per_month = (share * x["programme_cost"] + x["internal_cost"]) / months
        costs.add("improvement", per_month * self._pv(first, done))
        costs.add("dysfunction", self._dysfunction(first, done))
        costs.add("incidents", x["incident_cost"] * self._incidents(first, done))
        costs.add("running", x["running"] * self._pv(first, done))
        residual = x["residual"]
        costs.add("dysfunction", np.where(success, residual * self._dysfunction(done, end), 0.0))
        incidents_after = residual * x["incident_cost"] * self._incidents(done, end)
        costs.add("incidents", np.where(success, incidents_after, 0.0))
        costs.add("running", np.where(success, x["running"] * self._pv(done, end), 0.0))
        if fallback == "muddle":
            self.muddle(costs, months, ~success)
        else:
            self.switch(costs, months, ~success)
            if fallback == "stop":
                self.legal(costs, months, ~success)

    # --- supplier (totals only) -------------------------------------------------------------
    def supplier_exit(self, start: np.ndarray | int, with_legal: bool) -> np.ndarray:
        """The supplier's value from ``start`` when the client replaces the system (and sues)."""
        x = self.x
        live_month = start + x["replacement_months"]
        value = self.margin * self._pv(self._month(start), self._month(live_month))
        value = value - x["loss_of_client"] * self._once(live_month, live_month < self.cut)
        if with_legal:
            end = (start + x["legal_months"]).astype(np.int64)
            value = value - x["supplier_fees"] / 12.0 * self._pv(np.asarray(start), end)
            value = value + np.where(self.win, -self.award, x["counterclaim"]) * self._once(end - 1, True)
        return value

    def supplier_solve(self) -> np.ndarray:
        """The supplier's value when the parties solve it: paid during the programme, then by outcome."""
        x, success = self.x, self.success
        fallback, share = self.case.solve.fallback, self.case.solve.client_share
        months = x["improvement_months"]
        first, done, end = self._month(0), self._month(months), self._month(self.cut)
        programme = (1.0 - share) * x["programme_cost"] / months * self._pv(first, done)
        after_success = self.margin * self._pv(done, end)
        if fallback == "muddle":
            after_failure = after_success
        else:
            after_failure = self.supplier_exit(months, fallback == "stop")
        return self.margin * self._pv(first, done) - programme + np.where(success, after_success, after_failure)

    def supplier_muddle(self) -> np.ndarray:
        return self.margin * self._pv(self._month(0), self._month(self.cut))

    # --- when the system works decently (totals only) -----------------------------------------
    def never(self) -> np.ndarray:
        return np.full(self.n, np.nan)

    def after_replacement(self) -> np.ndarray:
        return self.x["replacement_months"][:, 0].copy()

    def after_solving(self) -> np.ndarray:
        replace_months = self.x["replacement_months"][:, 0]
        never = np.full(self.n, np.nan)
        after_failure = {"stop": replace_months, "switch": replace_months, "muddle": never}[self.case.solve.fallback]
        return self.x["improvement_months"][:, 0] + np.where(self.success[:, 0], 0.0, after_failure)


@dataclass(frozen=True)
class Formula:
    """One strategy's flows (MODEL.md section 3): the client's costs, the supplier's value, and the
    month in which the system works decently (NaN where it never does)."""

    client: Callable[[_Model, StrategyCosts], None]
    supplier: Callable[[_Model], np.ndarray]
    decent: Callable[[_Model], np.ndarray]


def _stop(model: _Model, costs: StrategyCosts) -> None:
    model.switch(costs)
    model.legal(costs)


def _solve(model: _Model, costs: StrategyCosts) -> None:
    model.solve(costs, model.case.solve.fallback, model.case.solve.client_share)


# The formula of every strategy of the registry (decision.model.registry.STRATEGY_SPECS).
FORMULAS: dict[str, Formula] = {
    "muddle": Formula(lambda m, c: m.muddle(c), _Model.supplier_muddle, _Model.never),
    "switch": Formula(lambda m, c: m.switch(c), lambda m: m.supplier_exit(0, False), _Model.after_replacement),
    "stop": Formula(_stop, lambda m: m.supplier_exit(0, True), _Model.after_replacement),
    "solve": Formula(_solve, _Model.supplier_solve, _Model.after_solving),
}


def _client_costs(model: _Model) -> dict[str, StrategyCosts]:
    costs = {s: StrategyCosts() for s in registry.STRATEGIES}
    for strategy, strategy_costs in costs.items():
        FORMULAS[strategy].client(model, strategy_costs)
    shape = (model.n, model.cut.shape[1])
    for strategy_costs in costs.values():
        strategy_costs.parts = {c: np.broadcast_to(strategy_costs.parts.get(c, 0.0), shape) for c in CATEGORIES}
    return costs


def simulate(case: Case, iterations: int = 10_000, seed: int = 1, draws: Draws | None = None) -> Simulation:
    """Run the simulation; pass ``draws`` to reuse (and modify) an existing sample."""
    draws = draws if draws is not None else draw(case, iterations, seed)
    model = _Model(case, draws, np.array([case.horizon_months]), np.inf)
    costs = _client_costs(model)
    for strategy_costs in costs.values():
        strategy_costs.parts = {k: v[:, 0] for k, v in strategy_costs.parts.items()}
    months_to_decent = {s: FORMULAS[s].decent(model) for s in registry.STRATEGIES}
    supplier = {s: FORMULAS[s].supplier(model)[:, 0] for s in registry.STRATEGIES}
    x = draws.values
    in_horizon = np.minimum(x["improvement_months"], case.horizon_months).astype(np.int64)
    slope = x["programme_cost"] / x["improvement_months"] * model.pv[in_horizon]
    return Simulation(case, draws.n, seed, costs, months_to_decent, supplier, slope)


def cumulative_costs(case: Case, draws: Draws, book_view: bool = False) -> dict[str, np.ndarray]:
    """Per strategy, the discounted cost up to and including each month: shape (n, H).

    Legal flows are counted in the month they fall; those after the horizon
    are not in these curves (they are in the totals).
    """
    months = np.arange(1, case.horizon_months + 1)
    model = _Model(case, draws, months, months.reshape(1, -1))
    return {s: c.total(book_view) for s, c in _client_costs(model).items()}
