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

    def contract(self) -> dict[str, object]:
        return {
            "client_batna": self.client_batna,
            "client_share_min": self.client_share_min,
            "client_share_max": self.client_share_max,
            "equal_gain_share": self.equal_gain_share,
            "client_gain_at_case_share": self.client_gain_at_case_share,
            "supplier_gain_at_case_share": self.supplier_gain_at_case_share,
        }


def zone_of_agreement(simulation: Simulation, book_view: bool = False) -> Zopa:
    totals = simulation.totals(book_view)
    means = {s: float(totals[s].mean()) for s in totals}
    batna = min(registry.NON_SOLVE, key=lambda s: means[s])
    supplier = {s: float(v.mean()) for s, v in simulation.supplier_value.items()}
    case_share = simulation.case.solve.client_share
    slope = float(simulation.share_slope.mean())
    client_gain = means[batna] - means["solve"]
    supplier_gain = supplier["solve"] - supplier[batna]
    low, high, equal = _zone(case_share, slope, client_gain, supplier_gain)
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
    )


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
