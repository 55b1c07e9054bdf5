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

import copy
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy as np

from decision.model import registry
from decision.model.case import Case, Estimate

CATEGORIES: tuple[str, ...] = tuple(registry.CATEGORIES)
# Every sampled input: its name in the draws and its path in the case, in the order of their streams.
INPUT_PATHS: dict[str, str] = {spec.name: spec.path for spec in registry.INPUTS}
_P_INCIDENT_STREAM: int = next(spec.stream or 0 for spec in registry.INPUTS if spec.name == "p_incident")
# Sampled durations: whole months, at least one (DURATIONS) or zero allowed (WHOLE_MONTHS).
DURATIONS: tuple[str, ...] = tuple(spec.name for spec in registry.INPUTS if spec.duration and spec.at_least_one)
WHOLE_MONTHS: tuple[str, ...] = tuple(spec.name for spec in registry.INPUTS if spec.duration and not spec.at_least_one)
# Each random event has its own stream; a v2 event never moves a v1 draw.
_EVENT_STREAMS = {
    "incidents": 1001,
    "win": 1002,
    "success": 1003,
    "settle": 1004,
    "gate": 1005,
    "agree": 1006,
    "partner": 1007,
}
EVENTS: tuple[str, ...] = ("settle", "gate", "agree", "partner")


def case_estimate(case: Case, path: str) -> Estimate:
    """The estimate at a dotted path such as ``solve.p_success``; an empty one is its stand-in's.

    (The gate of an attempt has no stand-in: ask ``case_estimate_or_none`` for it.)
    """
    estimate = case_estimate_or_none(case, path)
    if estimate is None:
        raise KeyError(f"{path} is empty and has no stand-in")
    return estimate


def case_estimate_or_none(case: Case, path: str) -> Estimate | None:
    """The estimate at a dotted path, its stand-in's when it is empty, or None (an empty gate, an absent group)."""
    group, name = path.split(".")
    holder = getattr(case, group)
    estimate = None if holder is None else getattr(holder, name)
    stand_in = registry.BY_PATH[path].stand_in if path in registry.BY_PATH else None
    if estimate is None and stand_in is not None and holder is not None:
        return case_estimate_or_none(case, stand_in)
    return estimate


def sample_estimate(estimate: Estimate, n: int, rng: np.random.Generator) -> np.ndarray:
    """n draws: PERT (Beta, lambda = 4) by default, triangular on request, constant when fixed."""
    return _sample(estimate.low, estimate.mode, estimate.high, estimate.distribution, n, rng)


def _sample(low: float, mode: float, high: float, distribution: str, n: int, rng: np.random.Generator) -> np.ndarray:
    if high <= low:
        return np.full(n, float(low))
    if distribution == "triangular":
        return rng.triangular(low, mode, high, n)
    span = high - low
    alpha = 1.0 + 4.0 * (mode - low) / span
    beta = 1.0 + 4.0 * (high - mode) / span
    return low + span * rng.beta(alpha, beta, n)


def whole_months(value: np.ndarray, at_least: float = 1.0) -> np.ndarray:
    """A sampled duration as the model uses it: rounded to whole months (half to even), at least 1
    (or at least 0 for the months of a commitment or a saving)."""
    return np.maximum(at_least, np.rint(value))


def as_drawn(name: str, value: np.ndarray) -> np.ndarray:
    """A sampled value as the model uses it: durations in whole months."""
    if name in DURATIONS:
        return whole_months(value)
    if name in WHOLE_MONTHS:
        return whole_months(value, 0.0)
    return value


def discount_factors(rate: float, months: int) -> np.ndarray:
    """v(t) = (1 + r)^(-(t + 1)/12) for months t = 0 .. months-1: each flow discounted from the end of its month."""
    return (1.0 + rate) ** (-(np.arange(months) + 1) / 12.0)


def supplier_revenue(case: Case, values: dict[str, np.ndarray]) -> np.ndarray:
    """What the client pays the supplier per month, per iteration.

    MODEL.md: it defaults to R; left empty it is the same draw as the client's running cost (its stand-in).
    """
    return values["revenue"]


def _stream(seed: int, index: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([seed, index]))


# A what-if or a variant changes one or two inputs; the others are drawn again with the same streams and
# would give the same numbers. The last draws of each input are kept (read-only, so that no caller can
# change a kept draw in place): a what-if on the Comparison page then samples only the input it moves.
# Samples of up to KEPT_UP_TO iterations are kept, KEPT_DRAWS of them: at most 82 MB. A larger sample
# (the command line's --iterations 1000000) is drawn afresh every time, read-only all the same.
KEPT_UP_TO = 20_000
KEPT_DRAWS = 512


def _read_only(drawn: np.ndarray) -> np.ndarray:
    drawn.flags.writeable = False
    return drawn


def _kept(maxsize: int) -> Callable[[Callable[..., np.ndarray]], Any]:
    """Keep the last ``maxsize`` results of a drawing function whose last argument is the number of
    iterations n, when n is at most KEPT_UP_TO; a larger sample is drawn afresh every time. The kept
    function is ``.kept`` (for ``cache_info`` and ``cache_clear``)."""

    def keep(fresh: Callable[..., np.ndarray]) -> Any:
        kept = lru_cache(maxsize=maxsize)(fresh)

        def drawn(*key: Any) -> np.ndarray:
            return (kept if key[-1] <= KEPT_UP_TO else fresh)(*key)

        drawn.kept = kept  # type: ignore[attr-defined]
        return drawn

    return keep


@_kept(KEPT_DRAWS)
def _drawn_sample(
    name: str, low: float, mode: float, high: float, distribution: str, seed: int, stream: int, n: int
) -> np.ndarray:
    return _read_only(as_drawn(name, _sample(low, mode, high, distribution, n, _stream(seed, stream))))


@_kept(64)
def _uniforms(seed: int, stream: int, n: int) -> np.ndarray:
    """The n uniforms of an event's stream."""
    return _read_only(_stream(seed, stream).random(n))


@_kept(16)
def _kept_incident_months(
    low: float, mode: float, high: float, distribution: str, seed: int, horizon: int, n: int
) -> np.ndarray:
    chances = _drawn_sample("p_incident", low, mode, high, distribution, seed, _P_INCIDENT_STREAM, n)
    return _read_only(incident_months(chances, horizon, seed))


def _drawn(name: str, estimate: Estimate, n: int, seed: int, stream: int) -> np.ndarray:
    """``as_drawn(name, sample_estimate(estimate, n, _stream(seed, stream)))``, kept for the next draw."""
    return _drawn_sample(name, estimate.low, estimate.mode, estimate.high, estimate.distribution, seed, stream, n)


def _drawn_incident_months(estimate: Estimate, n: int, seed: int, horizon: int) -> np.ndarray:
    return _kept_incident_months(estimate.low, estimate.mode, estimate.high, estimate.distribution, seed, horizon, n)


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
    events: dict[str, np.ndarray] = field(default_factory=dict)  # uniforms of the v2 events (EVENTS)
    tied: dict[str, str] = field(default_factory=dict)  # an empty input -> the input whose draw it takes

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
            {k: v[:count] for k, v in self.events.items()},
            self.tied,
        )

    def with_value(self, name: str, value: float | np.ndarray) -> Draws:
        """The same draws with one input replaced (fixed, or another sample)."""
        values = dict(self.values)
        replaced = np.broadcast_to(np.asarray(value, dtype=float), (self.n,))
        values[name] = as_drawn(name, replaced)
        for follower, leader in self.tied.items():
            if leader == name:  # an empty input takes its stand-in's draw, also when that is fixed
                values[follower] = values[name]
        if name == "p_incident":
            months = incident_months(values[name], self.horizon, self.seed)
            return replace(self, values=values, incident_months=months)
        return replace(self, values=values)


def draw(case: Case, iterations: int, seed: int) -> Draws:
    """Sample every estimate and event of the case ``iterations`` times."""
    n = int(iterations)
    values: dict[str, np.ndarray] = {}
    tied: dict[str, str] = {}
    for spec in registry.inputs_in(case):
        if not registry.left_empty(case, spec):
            values[spec.name] = _drawn(spec.name, case_estimate(case, spec.path), n, seed, spec.stream or 0)
        elif spec.stand_in is not None:  # an empty estimate is its stand-in's draw (MODEL.md 7.2, 7.4; R)
            tied[spec.name] = registry.BY_PATH[spec.stand_in].name
            values[spec.name] = values[tied[spec.name]]
        # else: an attempt without a gate
    p_incident = case_estimate(case, INPUT_PATHS["p_incident"])
    return Draws(
        values=values,
        incident_months=_drawn_incident_months(p_incident, n, seed, case.horizon_months),
        win_uniforms=_uniforms(seed, _EVENT_STREAMS["win"], n),
        success_uniforms=_uniforms(seed, _EVENT_STREAMS["success"], n),
        seed=seed,
        horizon=case.horizon_months,
        events={event: _uniforms(seed, _EVENT_STREAMS[event], n) for event in EVENTS},
        tied=tied,
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
    model: _Model | None = None  # the flows, for the zone's exit-deal settlement range

    def totals(self, book_view: bool = False) -> dict[str, np.ndarray]:
        return {s: c.total(book_view) for s, c in self.costs.items()}

    @property
    def supplier_solve_revenue(self) -> np.ndarray | None:
        """Per iteration, the supplier's discounted revenue under solve (what it is paid while paid)."""
        return None if self.model is None else self.model.supplier_solve_revenue()[:, 0]

    @property
    def normal_margin(self) -> float | None:
        return None if self.model is None else float(self.model.x["margin"].mean())

    def exit_deal_branch(self, book_view: bool = False) -> tuple[float, float, float] | None:
        """The agreed exit as if agreement were certain and S = 0: the client's expected cost, the
        supplier's expected value, and E[v(T_n - 1)], the present value of one euro of S (MODEL.md 7.8)."""
        if self.model is None or self.case.exit_deal is None:
            return None
        branch = copy.copy(self.model)
        branch.agreed = np.ones_like(self.model.agreed)
        branch.x = {**self.model.x, "settlement": np.zeros_like(self.model.x["settlement"])}
        costs = StrategyCosts()
        branch.exit_deal(costs)
        client = float(np.asarray(costs.total(book_view)).mean())
        supplier = float(branch.supplier_exit_deal().mean())
        slope = float(branch._once(branch.x["negotiation_months"] - 1, True).mean())
        return client, supplier, slope


class _Model:
    """The flows of MODEL.md sections 3 and 7 for given draws, cut at ``cut`` months.

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
        longest = int(sum(x[d].max() for d in (*DURATIONS, *WHOLE_MONTHS) if d in x)) + self.h + 2
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
        events = {k: v.reshape(-1, 1) for k, v in draws.events.items()}
        self.win = (draws.win_uniforms < draws.values["p_win"]).reshape(-1, 1)
        self.success = (draws.success_uniforms < draws.values["p_success"]).reshape(-1, 1)
        # The lawsuit (7.2): a settlement decides first; interest runs on what a judgment awards.
        self.settled = events["settle"] < x["p_settle"]
        self.settle_months = np.minimum(x["settle_months"], x["legal_months"])
        cap = case.legal.liability_cap
        awarded = x["claim"] if cap is None else np.minimum(x["claim"], cap)
        recoverable = awarded + x["restitution"]
        interest = (1.0 + x["interest"]) ** (x["legal_months"] / 12.0)
        self.award = recoverable * x["recovery"] * interest + x["cost_award"]
        self.counterclaim = x["counterclaim"] * interest
        self.settlement = x["settle_fraction"] * recoverable
        self.margin = x["margin"] * supplier_revenue(case, x)
        self.committed = x["committed_months"]
        # The attempt at solving (7.3): a failing attempt may be stopped at the gate.
        months = x["improvement_months"]
        if "gate_months" in x:
            gated = (x["gate_months"] < months) & (events["gate"] < x["gate_detection"])
            self.attempt_ends = np.where(~self.success & gated, x["gate_months"], months)
        else:
            self.attempt_ends = months
        self.tender_replacement = np.maximum(1.0, x["replacement_months"] - x["tender_saves"])
        if case.partner is not None:
            self.partner_success = events["partner"] < x["partner_p_success"]
        if case.exit_deal is not None:
            self.agreed = events["agree"] < x["p_agree"]
            self.deal_replacement = np.maximum(1.0, x["replacement_months"] - x["months_saved"])
            # The supplier's help saves at most the replacement's cost; it costs the supplier what it saves.
            self.deal_saving = np.minimum(x["replacement_saving"], x["replacement_cost"])

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

    def _residual(self, fixed: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """The dysfunction left after a fix or go-live in month ``fixed``, over months [start, end), before rho.

        It grows at g as before (v1), or, with ``current.residual_grows`` off, stays at D_fixed (7.6).
        """
        if self.case.current.residual_grows:
            return self._dysfunction(start, end)
        level = self.x["dysfunction"] * np.exp(np.asarray(fixed, dtype=float) * np.log1p(self.x["growth"]) / 12.0)
        return level * self._pv(start, end)

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
    def muddle(
        self,
        costs: StrategyCosts,
        start: np.ndarray | int = 0,
        when: np.ndarray | bool = True,
        running: np.ndarray | None = None,
    ) -> None:
        """The system as it is from ``start`` on: dysfunction, incidents and its running cost."""
        x, a, end = self.x, self._month(start), self._month(self.cut)
        running = x["running"] if running is None else running
        costs.add("dysfunction", np.where(when, self._dysfunction(a, end), 0.0))
        costs.add("incidents", np.where(when, x["incident_cost"] * self._incidents(a, end), 0.0))
        costs.add("running", np.where(when, running * self._pv(a, end), 0.0))

    def as_is(self, costs: StrategyCosts, end: np.ndarray, running: np.ndarray | None = None) -> None:
        """Months 0 .. end - 1 of a strategy that still runs the current system (D_t + R + B_t X)."""
        x, first, stop = self.x, self._month(0), self._month(end)
        costs.add("dysfunction", self._dysfunction(first, stop))
        costs.add("incidents", x["incident_cost"] * self._incidents(first, stop))
        costs.add("running", (x["running"] if running is None else running) * self._pv(first, stop))

    def switch(
        self,
        costs: StrategyCosts,
        start: np.ndarray | int = 0,
        when: np.ndarray | bool = True,
        months: np.ndarray | None = None,
        cost: np.ndarray | None = None,
        running: np.ndarray | None = None,
        committed: bool = True,
    ) -> None:
        """A new system from ``start``: live after ``months`` (T_r), built for ``cost`` (K).

        ``running`` is what is paid for the old system until go-live (R; a new partner's R_p);
        the current supplier is paid at least until the contract commitment C ends (7.1).
        """
        x, a, end = self.x, self._month(start), self._month(self.cut)
        months = x["replacement_months"] if months is None else months
        cost = x["replacement_cost"] if cost is None else cost
        go_live = start + months
        live = self._month(go_live)
        paid_until = self._month(np.maximum(go_live, self.committed)) if committed else live
        dysfunction = self._dysfunction(a, live) + x["new_residual"] * self._residual(go_live, live, end)
        costs.add("dysfunction", np.where(when, dysfunction, 0.0))
        costs.add("incidents", np.where(when, x["incident_cost"] * self._incidents(a, live), 0.0))
        old = x["running"] if running is None else running
        costs.add(
            "running", np.where(when, old * self._pv(a, paid_until) + x["new_running"] * self._pv(live, end), 0.0)
        )
        costs.add("replacement", np.where(when, cost / months * self._pv(a, live), 0.0))
        begins = when & (start < self.cut)
        costs.add("exit", x["exit_cost"] * self._once(np.asarray(start), begins))
        costs.add("write_off", self.case.sunk.book_value * self._once(np.asarray(start), begins))

    def _lawsuit_end(self, start: np.ndarray | int) -> np.ndarray:
        """The month after the settlement or the judgment."""
        x = self.x
        return np.where(self.settled, start + self.settle_months, start + x["legal_months"]).astype(np.int64)

    def _outcome(self) -> np.ndarray:
        """What the client pays at the end of the lawsuit (negative: what it receives)."""
        return np.where(self.settled, -self.settlement, np.where(self.win, -self.award, self.counterclaim))

    def legal(self, costs: StrategyCosts, start: np.ndarray | int = 0, when: np.ndarray | bool = True) -> None:
        x = self.x
        end = self._lawsuit_end(start)
        paid_until = np.minimum(end, self.legal_cut).astype(np.int64)
        paid_from = np.minimum(start, paid_until).astype(np.int64)
        costs.add("legal_fees", np.where(when, x["legal_fees"] / 12.0 * self._pv(paid_from, paid_until), 0.0))
        costs.add("legal_outcome", self._outcome() * self._once(end - 1, when & (end - 1 < self.legal_cut)))

    def solve(self, costs: StrategyCosts, fallback: str, share: float) -> None:
        x, success = self.x, self.success
        months, ends = x["improvement_months"], self.attempt_ends
        first, done, stop, end = self._month(0), self._month(months), self._month(ends), self._month(self.cut)
        per_month = (share * x["programme_cost"] + x["internal_cost"]) / months
        costs.add("improvement", per_month * self._pv(first, stop))
        costs.add("replacement", x["tender_cost"] / months * self._pv(first, stop))
        costs.add("dysfunction", self._dysfunction(first, stop))
        costs.add("incidents", x["incident_cost"] * self._incidents(first, stop))
        costs.add("running", x["running"] * self._pv(first, stop))
        residual = x["residual"]
        costs.add("dysfunction", np.where(success, residual * self._residual(months, done, end), 0.0))
        incidents_after = residual * x["incident_cost"] * self._incidents(done, end)
        costs.add("incidents", np.where(success, incidents_after, 0.0))
        costs.add("running", np.where(success, x["running"] * self._pv(done, end), 0.0))
        if fallback == "muddle":
            self.muddle(costs, ends, ~success)
        else:
            self.switch(costs, ends, ~success, months=self.tender_replacement)
            if fallback == "stop":
                self.legal(costs, ends, ~success)

    def partner(self, costs: StrategyCosts) -> None:
        """Another implementation partner (7.4): a transition of T_p months, then success or the fallback."""
        assert self.case.partner is not None
        x, success, fallback = self.x, self.partner_success, self.case.partner.fallback
        months = x["transition_months"]
        first, live, end = self._month(0), self._month(months), self._month(self.cut)
        costs.add("exit", x["partner_exit"] * self._once(np.zeros((self.n, 1)), 0 < self.cut))
        costs.add("improvement", x["transition_cost"] / months * self._pv(first, live))
        costs.add("dysfunction", self._dysfunction(first, live))
        costs.add("incidents", x["incident_cost"] * self._incidents(first, live))
        # The current supplier is paid until the transition ends or the commitment does, whatever happens next.
        costs.add("running", x["running"] * self._pv(first, self._month(np.maximum(months, self.committed))))
        residual = x["partner_residual"]
        costs.add("dysfunction", np.where(success, residual * self._residual(months, live, end), 0.0))
        costs.add("incidents", np.where(success, residual * x["incident_cost"] * self._incidents(live, end), 0.0))
        costs.add("running", np.where(success, x["partner_running"] * self._pv(live, end), 0.0))
        if fallback == "muddle":
            self.muddle(costs, months, ~success, running=x["partner_running"])
        else:
            self.switch(costs, months, ~success, running=x["partner_running"], committed=False)
            if fallback == "stop":
                self.legal(costs, months, ~success)

    def exit_deal(self, costs: StrategyCosts) -> None:
        """An orderly exit agreed with the supplier (7.5): negotiate T_n months, then switch or fall back."""
        assert self.case.exit_deal is not None
        x, agreed, fallback = self.x, self.agreed, self.case.exit_deal.fallback
        months = x["negotiation_months"]
        self.as_is(costs, months)
        first = np.zeros((self.n, 1), dtype=np.int64)
        paid_until = np.minimum(months, self.legal_cut).astype(np.int64)
        costs.add("legal_fees", x["negotiation_cost"] / months * self._pv(np.minimum(first, paid_until), paid_until))
        settled_at = months - 1
        costs.add("legal_outcome", -x["settlement"] * self._once(settled_at, agreed & (settled_at < self.legal_cut)))
        cost = x["replacement_cost"] - self.deal_saving
        self.switch(costs, months, agreed, months=self.deal_replacement, cost=cost)
        self.switch(costs, months, ~agreed)
        if fallback == "stop":
            self.legal(costs, months, ~agreed)

    # --- supplier (totals only) -------------------------------------------------------------
    def supplier_exit(self, start: np.ndarray | int, with_legal: bool, months: np.ndarray | None = None) -> np.ndarray:
        """The supplier's value from ``start`` when the client replaces the system (and sues)."""
        x = self.x
        live_month = start + (x["replacement_months"] if months is None else months)
        paid_until = self._month(np.maximum(live_month, self.committed))
        value = self.margin * self._pv(self._month(start), paid_until)
        value = value - x["loss_of_client"] * self._once(live_month, live_month < self.cut)
        if with_legal:
            value = self._supplier_lawsuit(value, start)
        return value

    def _supplier_lawsuit(self, value: np.ndarray, start: np.ndarray | int) -> np.ndarray:
        """``value`` with the supplier's side of the lawsuit: its own fees, and what it pays or receives at the end."""
        x = self.x
        end = self._lawsuit_end(start)
        value = value - x["supplier_fees"] / 12.0 * self._pv(np.asarray(start), end)
        return value + self._outcome() * self._once(end - 1, True)

    def supplier_solve(self) -> np.ndarray:
        """The supplier's value when the parties solve it: paid during the programme, then by outcome."""
        x, success = self.x, self.success
        fallback, share = self.case.solve.fallback, self.case.solve.client_share
        months, ends = x["improvement_months"], self.attempt_ends
        first, done, stop, end = self._month(0), self._month(months), self._month(ends), self._month(self.cut)
        programme = (1.0 - share) * x["programme_cost"] / months * self._pv(first, stop)
        after_success = self.margin * self._pv(done, end)
        if fallback == "muddle":
            after_failure = self.margin * self._pv(stop, end)
        else:
            after_failure = self.supplier_exit(ends, fallback == "stop", self.tender_replacement)
        return self.margin * self._pv(first, stop) - programme + np.where(success, after_success, after_failure)

    def supplier_solve_revenue(self) -> np.ndarray:
        """What the client pays the supplier under solve, discounted: during the attempt, then after success,
        or after a failure until the fallback's go-live (and the commitment) or to the end."""
        x, success, fallback = self.x, self.success, self.case.solve.fallback
        revenue = supplier_revenue(self.case, x)
        months, ends = x["improvement_months"], self.attempt_ends
        first, done, stop, end = self._month(0), self._month(months), self._month(ends), self._month(self.cut)
        if fallback == "muddle":
            after_failure = self._pv(stop, end)
        else:
            after_failure = self._pv(stop, self._month(np.maximum(ends + self.tender_replacement, self.committed)))
        return revenue * (self._pv(first, stop) + np.where(success, self._pv(done, end), after_failure))

    def supplier_muddle(self) -> np.ndarray:
        return self.margin * self._pv(self._month(0), self._month(self.cut))

    def supplier_partner(self) -> np.ndarray:
        """The current supplier under another partner: paid until the transition or commitment ends, loses L."""
        assert self.case.partner is not None
        x, months = self.x, self.x["transition_months"]
        value = self.margin * self._pv(self._month(0), self._month(np.maximum(months, self.committed)))
        value = value - x["loss_of_client"] * self._once(months, months < self.cut)
        if self.case.partner.fallback == "stop":
            value = np.where(self.partner_success, value, self._supplier_lawsuit(value, months))
        return value

    def supplier_exit_deal(self, settlement: np.ndarray | None = None) -> np.ndarray:
        """The supplier under an agreed exit: paid while negotiating and until go-live (or the commitment),
        minus the settlement S, the saving its help costs and L; without agreement, the fallback's value."""
        assert self.case.exit_deal is not None
        x, months = self.x, self.x["negotiation_months"]
        settlement = x["settlement"] if settlement is None else settlement
        during = self.margin * self._pv(self._month(0), self._month(months))
        live_month = months + self.deal_replacement
        agreed = self.margin * self._pv(self._month(months), self._month(np.maximum(live_month, self.committed)))
        agreed = agreed - settlement * self._once(months - 1, True)
        agreed = agreed - self.deal_saving * self._once(months, months < self.cut)
        agreed = agreed - x["loss_of_client"] * self._once(live_month, live_month < self.cut)
        failed = self.supplier_exit(months, self.case.exit_deal.fallback == "stop")
        return during + np.where(self.agreed, agreed, failed)

    # --- when the system works decently (totals only) -----------------------------------------
    def never(self) -> np.ndarray:
        return np.full(self.n, np.nan)

    def after_replacement(self) -> np.ndarray:
        return self.x["replacement_months"][:, 0].copy()

    def after_solving(self) -> np.ndarray:
        """T_s on success; after a failure, the end of the attempt (the gate or T_s) plus the replacement."""
        months, success = self.x["improvement_months"][:, 0], self.success[:, 0]
        if self.case.solve.fallback == "muddle":
            failure = np.full(self.n, np.nan)
        else:
            failure = self.attempt_ends[:, 0] + self.tender_replacement[:, 0]
        return np.where(success, months, failure)

    def after_partner(self) -> np.ndarray:
        assert self.case.partner is not None
        months, success = self.x["transition_months"][:, 0], self.partner_success[:, 0]
        if self.case.partner.fallback == "muddle":
            return np.where(success, months, np.nan)
        return np.where(success, months, months + self.x["replacement_months"][:, 0])

    def after_exit_deal(self) -> np.ndarray:
        months, agreed = self.x["negotiation_months"][:, 0], self.agreed[:, 0]
        replacement = np.where(agreed, self.deal_replacement[:, 0], self.x["replacement_months"][:, 0])
        return months + replacement


@dataclass(frozen=True)
class Formula:
    """One strategy's flows (MODEL.md sections 3 and 7): the client's costs, the supplier's value, and the
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
    "partner": Formula(_Model.partner, _Model.supplier_partner, _Model.after_partner),
    "exit_deal": Formula(_Model.exit_deal, _Model.supplier_exit_deal, _Model.after_exit_deal),
}


def _client_costs(model: _Model) -> dict[str, StrategyCosts]:
    costs = {s: StrategyCosts() for s in registry.strategies_of(model.case)}
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
    strategies = registry.strategies_of(case)
    months_to_decent = {s: FORMULAS[s].decent(model) for s in strategies}
    supplier = {s: FORMULAS[s].supplier(model)[:, 0] for s in strategies}
    x = draws.values
    in_horizon = np.minimum(model.attempt_ends[:, 0], case.horizon_months).astype(np.int64)
    slope = x["programme_cost"] / x["improvement_months"] * model.pv[in_horizon]
    return Simulation(case, draws.n, seed, costs, months_to_decent, supplier, slope, model)


def cumulative_costs(case: Case, draws: Draws, book_view: bool = False) -> dict[str, np.ndarray]:
    """Per strategy, the discounted cost up to and including each month: shape (n, H).

    Legal flows are counted in the month they fall; those after the horizon
    are not in these curves (they are in the totals).
    """
    months = np.arange(1, case.horizon_months + 1)
    model = _Model(case, draws, months, months.reshape(1, -1))
    return {s: c.total(book_view) for s, c in _client_costs(model).items()}


def costs_until(case: Case, draws: Draws, month: int, book_view: bool = False) -> dict[str, np.ndarray]:
    """Per strategy, the discounted cost of months 1 .. ``month``: shape (n,). It is the column
    ``month - 1`` of ``cumulative_costs`` (legal flows counted in the month they fall), worked out for
    that one month instead of all of them."""
    cut = np.array([month])
    model = _Model(case, draws, cut, cut.reshape(1, -1))
    return {s: c.total(book_view)[:, 0] for s, c in _client_costs(model).items()}
