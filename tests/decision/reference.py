"""A plain month-by-month reading of MODEL.md (sections 3 and 5, and version 2 in section 7), one
iteration at a time.

It reads the sampled values and the random events of ``draw(...)`` and adds up
the flows in Python loops, with no prefix sums, closed forms or broadcasting,
so that ``simulate`` (vectorised) can be checked against it iteration by
iteration. Each flow is kept as (month, category, discounted amount), which
gives the totals and the cumulative cost per month from the same list.

It is written from MODEL.md, not from the engine. Version 2, sentence by sentence:

- 7.1: under a strategy that leaves the current supplier from month s0, with T months until the
  new situation is live, R is paid in months s0 .. max(s0 + T, C) - 1 (category ``running``), and
  the supplier earns its margin in those same months.
- 7.2: a settlement (u_set < p_settle) ends the procedure after min(T_set, T_l) months with
  settle_fraction x (min(claim, cap) + restitution), no cost award, no counterclaim, no interest;
  otherwise a win brings (min(claim, cap) + restitution) f (1 + i)^(T_l/12) + A and a loss costs
  Q (1 + i)^(T_l/12). The supplier mirrors the outcome and pays its fees until the end.
- 7.3: a failing attempt with G < T_s and u_gate < gate_detection stops at G; the attempt's months
  cost (s P + I) / T_s (improvement) and tender_cost / T_s (replacement) each; the fallback's
  replacement takes max(1, T_r - tender_saves) months (K spread over those months).
- 7.4: ``partner``; 7.5: ``exit_deal``; 7.6: ``residual_grows`` false freezes rho x D_{t0}.

Where MODEL.md is silent the reading chosen here is named at the place it is used (look for
"Reading:").
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import numpy as np

from decision.engine.simulation import Draws
from decision.model.case import Case
from decision.model.registry import strategies_of

Flow = tuple[int, str, float]


@dataclass(frozen=True)
class Iteration:
    """One iteration's inputs and events, read from the draws."""

    x: dict[str, float]
    incidents: frozenset[int]
    win: bool
    success: bool
    settled: bool  # 7.2: u_set < p_settle
    detected: bool  # 7.3: u_gate < gate_detection (whether a failing attempt is stopped at the gate)
    agreed: bool  # 7.5: u_agree < p_agree
    partner_success: bool  # 7.4: the partner's own draw below its p_success
    horizon: int
    rate: float
    residual_grows: bool

    def v(self, t: int) -> float:
        """Discount factor of a flow in month t: (1 + r)^(-(t + 1)/12)."""
        return (1.0 + self.rate) ** (-(t + 1) / 12.0)

    def d(self, t: int) -> float:
        """D_t = D (1 + g)^(t/12)."""
        return self.x["dysfunction"] * (1.0 + self.x["growth"]) ** (t / 12.0)

    def b(self, t: int) -> float:
        return 1.0 if t in self.incidents else 0.0

    def residual(self, rho: float, t0: int, t: int) -> float:
        """7.6: rho D_t after go-live (or a successful fix) in month t0, or rho D_{t0} when frozen."""
        return rho * self.d(t if self.residual_grows else t0)

    def months(self, name: str) -> int:
        return int(self.x[name])

    @property
    def committed(self) -> int:
        """C (7.1): months from month 0 during which R is paid whatever the client decides."""
        return int(self.x.get("committed_months", 0.0))

    @property
    def gate(self) -> int | None:
        """G (7.3), or None when the case has no gate."""
        return int(self.x["gate_months"]) if "gate_months" in self.x else None

    @property
    def attempt_months(self) -> int:
        """The months the attempt at solving runs: G when a failing attempt is stopped at the gate, else T_s."""
        t_s, gate = self.months("improvement_months"), self.gate
        if not self.success and gate is not None and gate < t_s and self.detected:
            return gate
        return t_s

    @property
    def solve_fallback_replacement(self) -> int:
        """7.3: the fallback of a failed attempt replaces the system in max(1, T_r - tender_saves) months."""
        return max(1, self.months("replacement_months") - int(self.x.get("tender_saves", 0.0)))

    @property
    def exit_deal_replacement(self) -> int:
        """7.5: an agreed exit replaces the system in max(1, T_r - months_saved) months."""
        return max(1, self.months("replacement_months") - int(self.x.get("months_saved", 0.0)))


def _event(draws: Draws, event: str, i: int, chance: float | None) -> bool:
    if chance is None or event not in draws.events:
        return False
    return bool(draws.events[event][i] < chance)


def iteration(case: Case, draws: Draws, i: int) -> Iteration:
    x = {name: float(values[i]) for name, values in draws.values.items()}
    h = case.horizon_months
    return Iteration(
        x=x,
        incidents=frozenset(int(m) for m in draws.incident_months[i] if m < h),
        win=bool(draws.win_uniforms[i] < x["p_win"]),
        success=bool(draws.success_uniforms[i] < x["p_success"]),
        settled=_event(draws, "settle", i, x.get("p_settle", 0.0)),
        detected=_event(draws, "gate", i, x.get("gate_detection", 1.0)),
        agreed=_event(draws, "agree", i, x.get("p_agree")),
        partner_success=_event(draws, "partner", i, x.get("partner_p_success")),
        horizon=h,
        rate=case.discount_rate,
        residual_grows=bool(case.current.residual_grows),
    )


def capped_claim(case: Case, it: Iteration) -> float:
    """min(claim, cap) (no cap when liability_cap is null)."""
    cap = case.legal.liability_cap
    return it.x["claim"] if cap is None else min(it.x["claim"], cap)


def award(case: Case, it: Iteration) -> float:
    """A won judgment (7.2): (min(claim, cap) + restitution) f (1 + i)^(T_l/12) + A (v1: neither i nor restitution)."""
    interest = (1.0 + it.x.get("interest", 0.0)) ** (it.months("legal_months") / 12.0)
    return (capped_claim(case, it) + it.x.get("restitution", 0.0)) * it.x["recovery"] * interest + it.x["cost_award"]


def lawsuit(case: Case, it: Iteration) -> tuple[int, float]:
    """The procedure's months and the client's outcome (a cost: an inflow is negative), MODEL.md 7.2."""
    t_l = it.months("legal_months")
    if it.settled:
        # "settle_months: ... (rounded, >= 1, at most T_l)"
        t_set = min(it.months("settle_months"), t_l)
        return t_set, -it.x["settle_fraction"] * (capped_claim(case, it) + it.x.get("restitution", 0.0))
    if it.win:
        return t_l, -award(case, it)
    interest = (1.0 + it.x.get("interest", 0.0)) ** (t_l / 12.0)
    return t_l, it.x["counterclaim"] * interest


class ClientFlows:
    """The client's flows of one strategy in one iteration."""

    def __init__(self, case: Case, it: Iteration):
        self.case, self.it, self.flows = case, it, []

    def add(self, t: int, category: str, amount: float, legal: bool = False) -> None:
        """A flow in month t; only legal flows count at or after the horizon."""
        if t < self.it.horizon or legal:
            self.flows.append((t, category, amount * self.it.v(t)))

    def old_system(self, t: int) -> None:
        """The dysfunction and the incidents of the current system in month t (not its running cost)."""
        self.add(t, "dysfunction", self.it.d(t))
        self.add(t, "incidents", self.it.b(t) * self.it.x["incident_cost"])

    def current_supplier(self, s0: int, live: int) -> None:
        """7.1: R in months s0 .. max(s0 + T, C) - 1, for a strategy that leaves the current supplier."""
        for t in range(s0, max(live, self.it.committed)):
            self.add(t, "running", self.it.x["running"])

    def muddle(self, s0: int = 0, running: float | None = None) -> None:
        """D_t + R + B_t X every month from s0 (R_p instead of R after a failed partner, 7.4)."""
        x, it = self.it.x, self.it
        for t in range(s0, it.horizon):
            self.old_system(t)
            self.add(t, "running", x["running"] if running is None else running)

    def switch(
        self,
        s0: int = 0,
        months: int | None = None,
        cost: float | None = None,
        old_running: float | None = None,
    ) -> None:
        """Exit in s0 and replace the system in ``months`` (T_r) months for ``cost`` (K).

        ``old_running``: after a failed partner, the partner's R_p is paid while the old system runs
        and the current supplier is paid by ``partner`` itself (7.4); otherwise R follows 7.1.
        """
        x, it = self.it.x, self.it
        t_r = it.months("replacement_months") if months is None else months
        k = x["replacement_cost"] if cost is None else cost
        self.add(s0, "exit", x["exit_cost"])
        self.add(s0, "write_off", self.case.sunk.book_value)
        for t in range(s0, it.horizon):
            if t < s0 + t_r:
                self.old_system(t)
                self.add(t, "replacement", k / t_r)
                if old_running is not None:
                    self.add(t, "running", old_running)
            else:
                self.add(t, "dysfunction", it.residual(x["new_residual"], s0 + t_r, t))
                self.add(t, "running", x["new_running"])
        if old_running is None:
            self.current_supplier(s0, s0 + t_r)

    def legal(self, s0: int = 0) -> None:
        months, outcome = lawsuit(self.case, self.it)
        for t in range(s0, s0 + months):
            self.add(t, "legal_fees", self.it.x["legal_fees"] / 12.0, legal=True)
        self.add(s0 + months - 1, "legal_outcome", outcome, legal=True)

    def stop(self, s0: int = 0, months: int | None = None, old_running: float | None = None) -> None:
        self.switch(s0, months, old_running=old_running)
        self.legal(s0)

    def solve(self) -> None:
        x, it, solve = self.it.x, self.it, self.case.solve
        t_s = it.months("improvement_months")
        end = it.attempt_months
        programme = (solve.client_share * x["programme_cost"] + x["internal_cost"]) / t_s
        tender = x.get("tender_cost", 0.0) / t_s
        for t in range(0, min(end, it.horizon)):
            self.old_system(t)
            self.add(t, "running", x["running"])
            self.add(t, "improvement", programme)
            self.add(t, "replacement", tender)
        if it.success:
            for t in range(t_s, it.horizon):
                self.add(t, "dysfunction", it.residual(x["residual"], t_s, t))
                self.add(t, "incidents", x["residual"] * it.b(t) * x["incident_cost"])
                self.add(t, "running", x["running"])
        elif solve.fallback == "muddle":
            self.muddle(end)
        else:
            getattr(self, solve.fallback)(end, it.solve_fallback_replacement)

    def partner(self) -> None:
        """7.4. Reading: a `switch`/`stop` fallback is section 3's switch from s0 = T_p, so it pays E in T_p
        besides E_p in month 0, and writes off W in T_p."""
        x, it, partner = self.it.x, self.it, self.case.partner
        t_p = it.months("transition_months")
        self.add(0, "exit", x["partner_exit"])
        self.current_supplier(0, t_p)
        for t in range(0, min(t_p, it.horizon)):
            self.old_system(t)
            self.add(t, "improvement", x["transition_cost"] / t_p)
        r_p = x["partner_running"]
        if it.partner_success:
            for t in range(t_p, it.horizon):
                self.add(t, "dysfunction", it.residual(x["partner_residual"], t_p, t))
                self.add(t, "incidents", x["partner_residual"] * it.b(t) * x["incident_cost"])
                self.add(t, "running", r_p)
        elif partner.fallback == "muddle":
            self.muddle(t_p, running=r_p)
        else:
            getattr(self, partner.fallback)(t_p, old_running=r_p)

    def exit_deal(self) -> None:
        """7.5. Reading: the saving on K can make K - saving negative; it is used as it is."""
        x, it, deal = self.it.x, self.it, self.case.exit_deal
        t_n = it.months("negotiation_months")
        for t in range(0, min(t_n, it.horizon)):
            self.old_system(t)
            self.add(t, "running", x["running"])
        for t in range(0, t_n):
            self.add(t, "legal_fees", x["negotiation_cost"] / t_n, legal=True)
        if it.agreed:
            self.add(t_n - 1, "legal_outcome", -x["settlement"], legal=True)
            saving = min(x["replacement_saving"], x["replacement_cost"])  # saves at most K
            self.switch(t_n, it.exit_deal_replacement, x["replacement_cost"] - saving)
        else:
            getattr(self, deal.fallback)(t_n)


def client_flows(case: Case, draws: Draws, i: int) -> dict[str, list[Flow]]:
    it = iteration(case, draws, i)
    out: dict[str, list[Flow]] = {}
    for strategy in strategies_of(case):
        flows = ClientFlows(case, it)
        getattr(flows, strategy)()
        out[strategy] = flows.flows
    return out


def total(flows: list[Flow], book_view: bool = False, category: str | None = None) -> float:
    return sum(
        amount for _, c, amount in flows if (book_view or c != "write_off") and (category is None or c == category)
    )


def breakdown(flows: list[Flow]) -> dict[str, float]:
    """The total of each category (write-off included), in one pass."""
    out: dict[str, float] = {}
    for _, category, amount in flows:
        out[category] = out.get(category, 0.0) + amount
    return out


def cumulative(flows: list[Flow], horizon: int, book_view: bool = False) -> list[float]:
    """Cost up to and including each month 0..H-1 (legal flows after the horizon drop out)."""
    return [total([f for f in flows if f[0] <= month], book_view) for month in range(horizon)]


def months_to_decent(case: Case, draws: Draws, i: int) -> dict[str, float | None]:
    it = iteration(case, draws, i)
    t_r = it.months("replacement_months")
    out: dict[str, float | None] = {"muddle": None, "switch": t_r, "stop": t_r}
    if it.success:
        out["solve"] = it.months("improvement_months")
    elif case.solve.fallback == "muddle":
        out["solve"] = None
    else:
        out["solve"] = it.attempt_months + it.solve_fallback_replacement
    if case.partner is not None:
        t_p = it.months("transition_months")
        if it.partner_success:
            out["partner"] = t_p
        else:
            out["partner"] = None if case.partner.fallback == "muddle" else t_p + t_r
    if case.exit_deal is not None:
        t_n = it.months("negotiation_months")
        out["exit_deal"] = t_n + (it.exit_deal_replacement if it.agreed else t_r)
    return {s: (None if m is None else float(m)) for s, m in out.items()}


def supplier_values(case: Case, draws: Draws, i: int) -> dict[str, float]:
    """MODEL.md section 5 and 7: the supplier's discounted value of each strategy in one iteration."""
    it = iteration(case, draws, i)
    x, h = it.x, it.horizon
    # MODEL.md: the supplier's revenue defaults to R, the client's running cost.
    revenue = x["running"] if case.supplier.revenue_per_month is None else x["revenue"]
    margin = x["margin"] * revenue

    def paying(start: int, end: int) -> float:
        """Its margin in the months start .. end - 1 (inside the horizon)."""
        return sum(margin * it.v(t) for t in range(start, min(end, h)))

    def once(t: int, amount: float) -> float:
        """A one-off amount in month t, inside the horizon."""
        return amount * it.v(t) if t < h else 0.0

    def sued(s0: int) -> float:
        """7.2: its fees until the settlement or the judgment, and the client's outcome mirrored."""
        months, outcome = lawsuit(case, it)
        value = -sum(x["supplier_fees"] / 12.0 * it.v(t) for t in range(s0, s0 + months))
        return value + outcome * it.v(s0 + months - 1)

    def exit_from(s0: int, legal: bool, t_r: int) -> float:
        """Paid in months s0 .. max(s0 + T_r, C) - 1 (7.1), minus L at go-live, the lawsuit under stop."""
        live = s0 + t_r
        value = paying(s0, max(live, it.committed)) - once(live, x["loss_of_client"])
        return value + (sued(s0) if legal else 0.0)

    t_r = it.months("replacement_months")
    t_s = it.months("improvement_months")
    end = it.attempt_months
    # 7.3: "The supplier's share of the programme follows the same months."
    share = (1.0 - case.solve.client_share) * x["programme_cost"] / t_s
    solve = -sum(share * it.v(t) for t in range(min(end, h)))
    if it.success or case.solve.fallback == "muddle":
        solve += paying(0, h)
    else:
        solve += paying(0, end) + exit_from(end, case.solve.fallback == "stop", it.solve_fallback_replacement)
    out = {
        "muddle": paying(0, h),
        "switch": exit_from(0, False, t_r),
        "stop": exit_from(0, True, t_r),
        "solve": solve,
    }
    if case.partner is not None:
        # 7.4: "The current supplier earns its margin in the months it is paid and loses L in month T_p"
        # (inside the horizon, as in section 5); a `stop` fallback sues it from T_p.
        t_p = it.months("transition_months")
        value = paying(0, max(t_p, it.committed)) - once(t_p, x["loss_of_client"])
        if not it.partner_success and case.partner.fallback == "stop":
            value += sued(t_p)
        out["partner"] = value
    if case.exit_deal is not None:
        t_n = it.months("negotiation_months")
        if it.agreed:
            live = t_n + it.exit_deal_replacement
            # Reading: S counts past the horizon (7.5: "S ... count like legal flows"); the saving in
            # month T_n is not a legal flow, so it counts inside the horizon only, like L.
            out["exit_deal"] = (
                paying(0, max(live, it.committed))
                - x["settlement"] * it.v(t_n - 1)
                - once(t_n, min(x["replacement_saving"], x["replacement_cost"]))
                - once(live, x["loss_of_client"])
            )
        else:
            out["exit_deal"] = paying(0, t_n) + exit_from(t_n, case.exit_deal.fallback == "stop", t_r)
    return out


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
