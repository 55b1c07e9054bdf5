"""Per iteration: each strategy's total cost and which way each chance event went (for the decision tree).

``results.evaluate`` keeps only summaries. The decision tree (``decision.analysis.tree``) needs, for
every iteration, the total cost of each strategy and the outcome of each chance event of MODEL.md
sections 3 and 7, so that a branch's probability is the share of the iterations that take it and
its expected cost the mean total of those iterations. ``branches`` gives both for one case and seed,
from the same simulation ``evaluate`` runs (or from one passed in), without changing any result.

The events, each a boolean per iteration (the same draws for every strategy, MODEL.md section 3):

- ``success``: the attempt at solving succeeds (``solve``);
- ``gate_stopped``: a failing attempt is stopped at the go/no-go review (7.3; always False without a gate);
- ``settled``: the lawsuit ends in a settlement (7.2); ``won``: the court rules for the client (when not settled);
- ``partner_success``: the new implementation partner succeeds (7.4; only when the case has ``partner``);
- ``agreed``: the supplier agrees to the orderly exit (7.5; only when the case has ``exit_deal``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decision.engine.simulation import Simulation, simulate
from decision.model.case import Case


@dataclass(frozen=True)
class Branches:
    """Per strategy the total cost of every iteration (in the view asked for), the chance events of every
    iteration, and the fallback of each strategy that has one (``solve``, ``partner``, ``exit_deal``)."""

    totals: dict[str, np.ndarray]
    events: dict[str, np.ndarray]
    fallbacks: dict[str, str]

    @property
    def n(self) -> int:
        return len(self.events["success"])


def branches(
    case: Case,
    iterations: int = 10_000,
    seed: int = 1,
    view: str = "decision",
    simulation: Simulation | None = None,
) -> Branches:
    """The per-iteration totals and chance events of ``case`` (the simulation ``evaluate`` runs for the same
    case, iterations and seed; pass ``simulation`` to reuse one)."""
    simulation = simulation if simulation is not None else simulate(case, iterations, seed)
    model = simulation.model
    if model is None:
        raise ValueError("the simulation holds no flows to read the chance events from")
    x = model.x
    events: dict[str, np.ndarray] = {
        "success": model.success[:, 0].copy(),
        "gate_stopped": (model.attempt_ends < x["improvement_months"])[:, 0].copy(),
        "settled": model.settled[:, 0].copy(),
        "won": model.win[:, 0].copy(),
    }
    fallbacks = {"solve": case.solve.fallback}
    if case.partner is not None:
        events["partner_success"] = model.partner_success[:, 0].copy()
        fallbacks["partner"] = case.partner.fallback
    if case.exit_deal is not None:
        events["agreed"] = model.agreed[:, 0].copy()
        fallbacks["exit_deal"] = case.exit_deal.fallback
    return Branches(
        totals=simulation.totals(view == "book"),
        events=events,
        fallbacks=fallbacks,
    )
