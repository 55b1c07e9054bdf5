"""The zone of possible agreement (MODEL.md section 5, after Getting to Yes)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decision.engine.simulation import Simulation
from decision.model import registry


@dataclass(frozen=True)
class Zopa:
    """Both parties' expected gain from solving over their BATNA, as lines in the client share s.

    ``client_gain(s) = client_gain_at_case_share - (s - case_share) * slope`` and
    ``supplier_gain(s) = supplier_gain_at_case_share + (s - case_share) * slope``,
    where ``slope`` is the expected discounted programme cost inside the horizon.
    """

    client_batna: str
    case_share: float
    slope: float
    client_gain_at_case_share: float
    supplier_gain_at_case_share: float
    client_batna_cost: float
    supplier_batna_value: float
    supplier_solve_value: float
    client_share_min: float | None
    client_share_max: float | None
    equal_gain_share: float | None
    criterion_share: float | None = None  # 1 - repair_share: the objective criterion for the split (7.8)
    supplier_margin_at_case_share: float | None = None
    normal_margin: float | None = None
    exit_deal: ExitDealZone | None = None

    def client_gain(self, share: float | np.ndarray) -> float | np.ndarray:
        return self.client_gain_at_case_share - (share - self.case_share) * self.slope

    def supplier_gain(self, share: float | np.ndarray) -> float | np.ndarray:
        return self.supplier_gain_at_case_share + (share - self.case_share) * self.slope

    @property
    def empty(self) -> bool:
        return self.client_share_min is None

    @property
    def joint_gain(self) -> float:
        """What solving adds for both together; the zone is non-empty only if this is >= 0."""
        return self.client_gain_at_case_share + self.supplier_gain_at_case_share

    @property
    def criterion_in_zone(self) -> bool | None:
        """Whether the objective criterion's share lies in the zone (null without a criterion)."""
        if self.criterion_share is None:
            return None
        if self.client_share_min is None or self.client_share_max is None:
            return False
        return self.client_share_min <= self.criterion_share <= self.client_share_max

    def contract(self) -> dict[str, object]:
        return {
            "client_batna": self.client_batna,
            "client_share_min": self.client_share_min,
            "client_share_max": self.client_share_max,
            "equal_gain_share": self.equal_gain_share,
            "client_gain_at_case_share": self.client_gain_at_case_share,
            "supplier_gain_at_case_share": self.supplier_gain_at_case_share,
            "criterion_share": self.criterion_share,
            "criterion_in_zone": self.criterion_in_zone,
            "supplier_margin_at_case_share": self.supplier_margin_at_case_share,
            "normal_margin": self.normal_margin,
            "exit_deal": None if self.exit_deal is None else self.exit_deal.contract(),
        }


@dataclass(frozen=True)
class ExitDealZone:
    """The settlements S (>= 0) for which both parties prefer the agreed exit to their BATNAs (7.8).

    Both gains are linear in S, on the agreed branch: the client gains ``slope`` per euro of S,
    the supplier loses as much.
    """

    slope: float
    client_gain_at_zero: float
    supplier_gain_at_zero: float
    settlement_min: float | None
    settlement_max: float | None

    def contract(self) -> dict[str, object]:
        return {"settlement_min": self.settlement_min, "settlement_max": self.settlement_max}


def _settlement_range(
    client_gain_at_zero: float, supplier_gain_at_zero: float, slope: float
) -> tuple[float | None, float | None]:
    """S >= 0 with client_gain_at_zero + slope S >= 0 and supplier_gain_at_zero - slope S >= 0."""
    if slope <= 0.0:
        both = client_gain_at_zero >= 0 and supplier_gain_at_zero >= 0
        return (0.0, None) if both else (None, None)
    low = max(0.0, -client_gain_at_zero / slope)
    high = supplier_gain_at_zero / slope
    return (low, high) if low <= high else (None, None)


def client_batna(means: dict[str, float], allowed: tuple[str, ...] | None = None) -> str:
    """The client's cheapest allowed alternative to an agreement, by mean (MODEL.md 7.8)."""
    candidates = [s for s in registry.NON_SOLVE if s in means and (allowed is None or s in allowed)]
    if not candidates:  # every alternative ruled out: fall back to all of them rather than to none
        candidates = [s for s in registry.NON_SOLVE if s in means]
    return min(candidates, key=lambda s: means[s])


def zone_of_agreement(simulation: Simulation, book_view: bool = False, allowed: tuple[str, ...] | None = None) -> Zopa:
    """The zone over the client share s; ``allowed`` is the triage's list (the BATNA is the cheapest of it)."""
    totals = simulation.totals(book_view)
    means = {s: float(totals[s].mean()) for s in totals}
    batna = client_batna(means, allowed)
    supplier = {s: float(v.mean()) for s, v in simulation.supplier_value.items()}
    case = simulation.case
    case_share = case.solve.client_share
    slope = float(simulation.share_slope.mean())
    client_gain = means[batna] - means["solve"]
    supplier_gain = supplier["solve"] - supplier[batna]
    low, high, equal = _zone(case_share, slope, client_gain, supplier_gain)
    revenue = float(simulation.supplier_solve_revenue.mean()) if simulation.supplier_solve_revenue is not None else 0.0
    repair = case.solve.repair_share
    return Zopa(
        client_batna=batna,
        case_share=case_share,
        slope=slope,
        client_gain_at_case_share=client_gain,
        supplier_gain_at_case_share=supplier_gain,
        client_batna_cost=means[batna],
        supplier_batna_value=supplier[batna],
        supplier_solve_value=supplier["solve"],
        client_share_min=low,
        client_share_max=high,
        equal_gain_share=equal,
        criterion_share=None if repair is None else 1.0 - repair,
        supplier_margin_at_case_share=supplier["solve"] / revenue if revenue > 0 else None,
        normal_margin=simulation.normal_margin,
        exit_deal=_exit_deal_zone(simulation, book_view, means[batna], supplier[batna]),
    )


def _exit_deal_zone(
    simulation: Simulation, book_view: bool, batna_cost: float, supplier_batna: float
) -> ExitDealZone | None:
    branch = simulation.exit_deal_branch(book_view)
    if branch is None:
        return None
    client_cost_at_zero, supplier_value_at_zero, slope = branch
    client_gain = batna_cost - client_cost_at_zero
    supplier_gain = supplier_value_at_zero - supplier_batna
    low, high = _settlement_range(client_gain, supplier_gain, slope)
    return ExitDealZone(slope, client_gain, supplier_gain, low, high)


def _zone(
    case_share: float, slope: float, client_gain: float, supplier_gain: float
) -> tuple[float | None, float | None, float | None]:
    """The shares in [0, 1] where both gains are >= 0, and the equal-gain share within them."""
    if slope <= 0.0:
        if client_gain >= 0 and supplier_gain >= 0:
            return 0.0, 1.0, case_share
        return None, None, None
    low = max(0.0, case_share - supplier_gain / slope)
    high = min(1.0, case_share + client_gain / slope)
    if low > high:
        return None, None, None
    equal = case_share + (client_gain - supplier_gain) / (2.0 * slope)
    return low, high, min(max(equal, low), high)
