"""A plain month-by-month reading of MODEL.md sections 3 and 5, one iteration at a time.

It reads the sampled values and the random events of ``draw(...)`` and adds up
the flows in Python loops, with no prefix sums, closed forms or broadcasting,
so that ``simulate`` (vectorised) can be checked against it iteration by
iteration. Each flow is kept as (month, category, discounted amount), which
gives the totals and the cumulative cost per month from the same list.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import numpy as np

from decision.engine.simulation import Draws
from decision.model.case import Case

Flow = tuple[int, str, float]


@dataclass(frozen=True)
class Iteration:
    """One iteration's inputs, read from the draws."""

    x: dict[str, float]
    incidents: frozenset[int]
    win: bool
    success: bool
    horizon: int
    rate: float

    def v(self, t: int) -> float:
        """Discount factor of a flow in month t: (1 + r)^(-(t + 1)/12)."""
        return (1.0 + self.rate) ** (-(t + 1) / 12.0)

    def d(self, t: int) -> float:
        """D_t = D (1 + g)^(t/12)."""
        return self.x["dysfunction"] * (1.0 + self.x["growth"]) ** (t / 12.0)

    def b(self, t: int) -> float:
        return 1.0 if t in self.incidents else 0.0


def iteration(case: Case, draws: Draws, i: int) -> Iteration:
    x = {name: float(values[i]) for name, values in draws.values.items()}
    h = case.horizon_months
    return Iteration(
        x=x,
        incidents=frozenset(int(m) for m in draws.incident_months[i] if m < h),
        win=bool(draws.win_uniforms[i] < x["p_win"]),
        success=bool(draws.success_uniforms[i] < x["p_success"]),
        horizon=h,
        rate=case.discount_rate,
    )


def award(case: Case, it: Iteration) -> float:
    """min(claim, cap) f + A (no cap when liability_cap is null)."""
    cap = case.legal.liability_cap
    claim = it.x["claim"] if cap is None else min(it.x["claim"], cap)
    return claim * it.x["recovery"] + it.x["cost_award"]


class ClientFlows:
    """The client's flows of one strategy in one iteration."""

    def __init__(self, case: Case, it: Iteration):
        self.case, self.it, self.flows = case, it, []

    def add(self, t: int, category: str, amount: float, legal: bool = False) -> None:
        """A flow in month t; only legal flows count at or after the horizon."""
        if t < self.it.horizon or legal:
            self.flows.append((t, category, amount * self.it.v(t)))

    def muddle(self, s0: int = 0) -> None:
        x, it = self.it.x, self.it
        for t in range(s0, it.horizon):
            self.add(t, "dysfunction", it.d(t))
            self.add(t, "incidents", it.b(t) * x["incident_cost"])
            self.add(t, "running", x["running"])

    def switch(self, s0: int = 0) -> None:
        x, it = self.it.x, self.it
        t_r = int(x["replacement_months"])
        self.add(s0, "exit", x["exit_cost"])
        self.add(s0, "write_off", self.case.sunk.book_value)
        for t in range(s0, it.horizon):
            if t < s0 + t_r:
                self.add(t, "dysfunction", it.d(t))
                self.add(t, "incidents", it.b(t) * x["incident_cost"])
                self.add(t, "running", x["running"])
                self.add(t, "replacement", x["replacement_cost"] / t_r)
            else:
                self.add(t, "dysfunction", x["new_residual"] * it.d(t))
                self.add(t, "running", x["new_running"])

    def legal(self, s0: int = 0) -> None:
        x, it = self.it.x, self.it
        t_l = int(x["legal_months"])
        for t in range(s0, s0 + t_l):
            self.add(t, "legal_fees", x["legal_fees"] / 12.0, legal=True)
        outcome = -award(self.case, it) if it.win else x["counterclaim"]
        self.add(s0 + t_l - 1, "legal_outcome", outcome, legal=True)

    def stop(self, s0: int = 0) -> None:
        self.switch(s0)
        self.legal(s0)

    def solve(self) -> None:
        x, it, solve = self.it.x, self.it, self.case.solve
        t_s = int(x["improvement_months"])
        for t in range(0, min(t_s, it.horizon)):
            self.add(t, "dysfunction", it.d(t))
            self.add(t, "incidents", it.b(t) * x["incident_cost"])
            self.add(t, "running", x["running"])
            self.add(t, "improvement", (solve.client_share * x["programme_cost"] + x["internal_cost"]) / t_s)
        if it.success:
            for t in range(t_s, it.horizon):
                self.add(t, "dysfunction", x["residual"] * it.d(t))
                self.add(t, "incidents", x["residual"] * it.b(t) * x["incident_cost"])
                self.add(t, "running", x["running"])
        else:
            getattr(self, solve.fallback)(t_s)


def client_flows(case: Case, draws: Draws, i: int) -> dict[str, list[Flow]]:
    it = iteration(case, draws, i)
    out: dict[str, list[Flow]] = {}
    for strategy in ("muddle", "switch", "stop", "solve"):
        flows = ClientFlows(case, it)
        getattr(flows, strategy)()
        out[strategy] = flows.flows
    return out


def total(flows: list[Flow], book_view: bool = False, category: str | None = None) -> float:
    return sum(
        amount for _, c, amount in flows if (book_view or c != "write_off") and (category is None or c == category)
    )


def cumulative(flows: list[Flow], horizon: int, book_view: bool = False) -> list[float]:
    """Cost up to and including each month 0..H-1 (legal flows after the horizon drop out)."""
    return [total([f for f in flows if f[0] <= month], book_view) for month in range(horizon)]


def months_to_decent(case: Case, draws: Draws, i: int) -> dict[str, float | None]:
    it = iteration(case, draws, i)
    t_r, t_s = it.x["replacement_months"], it.x["improvement_months"]
    after_failure = None if case.solve.fallback == "muddle" else t_s + t_r
    return {"muddle": None, "switch": t_r, "stop": t_r, "solve": t_s if it.success else after_failure}


def supplier_values(case: Case, draws: Draws, i: int) -> dict[str, float]:
    """MODEL.md section 5: the supplier's discounted value of each strategy in one iteration."""
    it = iteration(case, draws, i)
    x, h = it.x, it.horizon
    # MODEL.md: the supplier's revenue defaults to R, the client's running cost.
    revenue = x["running"] if case.supplier.revenue_per_month is None else x["revenue"]
    margin = x["margin"] * revenue

    def paying(start: int, end: int) -> float:
        return sum(margin * it.v(t) for t in range(start, min(end, h)))

    def exit_from(s0: int, legal: bool) -> float:
        live = s0 + int(x["replacement_months"])
        value = paying(s0, live)
        if live < h:
            value -= x["loss_of_client"] * it.v(live)
        if legal:
            t_l = int(x["legal_months"])
            value -= sum(x["supplier_fees"] / 12.0 * it.v(t) for t in range(s0, s0 + t_l))
            outcome = -award(case, it) if it.win else x["counterclaim"]
            value += outcome * it.v(s0 + t_l - 1)
        return value

    t_s = int(x["improvement_months"])
    share = (1.0 - case.solve.client_share) * x["programme_cost"] / t_s
    solve = paying(0, t_s) - sum(share * it.v(t) for t in range(min(t_s, h)))
    if it.success or case.solve.fallback == "muddle":
        solve += paying(t_s, h)
    else:
        solve += exit_from(t_s, case.solve.fallback == "stop")
    return {"muddle": paying(0, h), "switch": exit_from(0, False), "stop": exit_from(0, True), "solve": solve}


def random_case_dict(seed: int) -> dict[str, Any]:
    """A valid case with random inputs, wide enough to reach every branch of the model.

    Durations can run past the horizon, incidents can happen every month,
    estimates are fixed, PERT or triangular, the cap may be absent.
    """
    rnd = random.Random(seed)

    def estimate(low: float, high: float) -> Any:
        kind = rnd.choice(["fixed", "pert", "triangular"])
        if kind == "fixed":
            return round(rnd.uniform(low, high), 4)
        a, b, c = sorted(rnd.uniform(low, high) for _ in range(3))
        out: dict[str, Any] = {"low": a, "mode": b, "high": c}
        if kind == "triangular":
            out["distribution"] = "triangular"
        return out

    horizon = rnd.randint(12, 120)
    return {
        "schema_version": 1,
        "horizon_months": horizon,
        "discount_rate": rnd.choice([0.0, 0.3, rnd.uniform(0, 0.3)]),
        "sunk": {"invested_to_date": rnd.uniform(0, 2e6), "book_value": rnd.uniform(0, 1e6)},
        "current": {
            "dysfunction_cost_per_month": estimate(0, 80_000),
            "dysfunction_growth_per_year": estimate(-0.3, 0.6),
            "running_cost_per_month": estimate(0, 20_000),
            "incident_probability_per_year": rnd.choice([0, 1, estimate(0, 1)]),
            "incident_cost": estimate(0, 400_000),
        },
        "stop": {
            "exit_cost": estimate(0, 100_000),
            "replacement_cost": estimate(0, 3e6),
            "replacement_months": estimate(0, 1.5 * horizon),
            "new_running_cost_per_month": estimate(0, 20_000),
            "new_residual_dysfunction": estimate(0, 1),
        },
        "legal": {
            "fees_per_year": estimate(0, 300_000),
            "duration_months": estimate(0, 2 * horizon),
            "p_win": estimate(0, 1),
            "claim": estimate(0, 5e6),
            "liability_cap": rnd.choice([None, rnd.uniform(0, 3e6)]),
            "recovery_fraction": estimate(0, 1),
            "cost_award": estimate(0, 50_000),
            "counterclaim": estimate(0, 400_000),
        },
        "solve": {
            "programme_cost": estimate(0, 600_000),
            "client_share": rnd.uniform(0, 1),
            "internal_cost": estimate(0, 300_000),
            "improvement_months": estimate(0, horizon),
            "p_success": estimate(0, 1),
            "residual_dysfunction": estimate(0, 1),
            "fallback": rnd.choice(["muddle", "switch", "stop"]),
        },
        "supplier": {
            "revenue_per_month": rnd.choice([None, estimate(0, 30_000)]),
            "normal_margin": estimate(-0.2, 0.4),
            "fees_per_year": estimate(0, 200_000),
            "loss_of_client_cost": estimate(0, 500_000),
        },
    }


def as_array(values: list[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)
