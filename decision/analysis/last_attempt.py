"""The source text's last attempt ("ultieme poging") before stopping: solving, time-boxed by a gate.

"Voordat je het besluit neemt om geforceerd te stoppen, is een ultieme poging om het
automatiseringssysteem te verbeteren en de relatie tussen klant en leverancier te herstellen een
hele verstandige." When the advice is to stop (``stop`` or ``switch``) and solving is allowed,
``last_attempt`` says what such an attempt would cost and change: it evaluates a copy of the case
whose attempt has a go/no-go at a third of its months (MODEL.md 7.3, ``solve.gate_months``), on the
same seed and iterations, and compares it with the advice.

The gate is at round(T / 3) months (at least 1), T the most likely months of the attempt
(``solve.improvement_months``, rounded as the model rounds durations); a case with a gate of its
own keeps it (the director's time box, not ours). Every other way out keeps its draws (the gate has
its own stream), so only solving and the zone change.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decision.engine.results import Evaluation, evaluate
from decision.engine.simulation import draw, simulate, whole_months
from decision.model.case import Case, Estimate
from decision.model.triage import Reason

# The advice after which the source text asks for a last attempt: stopping, with or without suing.
STOPPING: frozenset[str] = frozenset({"stop", "switch"})
GATE_FRACTION = 1 / 3  # the go/no-go at a third of the attempt's months
SIGNIFICANT_DIGITS = 3  # amounts said in the sentence are rounded to this (read, not audited)


@dataclass(frozen=True)
class LastAttempt:
    """A time-boxed attempt at solving, next to the advice to stop."""

    strategy: str  # the advice: stop or switch
    gate_months: int  # the go/no-go after this many months (the most likely one, when the case's own gate is uncertain)
    own_gate: bool  # the case has a gate of its own (kept), else one at a third of the attempt was added
    mean: float  # expected cost of solving with the gate (present value)
    advice_mean: float  # expected cost of the advice
    becomes_advice: bool  # with the gate, solving would be the advice (on the evaluation's basis)
    max_before_gate: float  # the most the attempt costs the client before the go/no-go (euros, not discounted)
    fallback: str  # what follows a failing attempt

    @property
    def difference(self) -> float:
        """The attempt's expected cost minus the advice's: above zero it costs more."""
        return self.mean - self.advice_mean

    def reason(self) -> Reason:
        """The sentence of the narrative: what the attempt costs against the advice, and what it changes."""
        key = "explain.last_attempt_advice" if self.becomes_advice else "explain.last_attempt"
        return Reason(
            key,
            {
                "strategy": self.strategy,
                "fallback": self.fallback,
                "kind": "months",
                "value": self.gate_months,
                "amount": _significant(self.mean),
                "amount_other": _significant(self.advice_mean),
                "amount_spent": _significant(self.max_before_gate),
            },
        )


def _significant(value: float, digits: int = SIGNIFICANT_DIGITS) -> float:
    return float(f"{value:.{digits}g}")


def applies(evaluation: Evaluation) -> bool:
    """Whether the advice is to stop while solving is still allowed: then the last attempt is said."""
    recommendation = evaluation.recommendation
    return recommendation.strategy in STOPPING and "solve" in recommendation.allowed


def gate_month(case: Case) -> int:
    """The go/no-go month of the last attempt: round(T / 3), at least 1, with T the attempt's most likely
    months rounded to whole months (half to even, as the model rounds a sampled duration)."""
    months = float(whole_months(np.array([case.solve.improvement_months.mode]))[0])
    return int(whole_months(np.array([months * GATE_FRACTION]))[0])


def gated_case(case: Case) -> Case:
    """A copy of ``case`` whose attempt at solving has a go/no-go: its own when it has one, else at a third
    of the attempt's months (the chance that the gate recognises a failing attempt stays the case's)."""
    if case.solve.gate_months is not None:
        return case
    solve = case.solve.model_copy(update={"gate_months": Estimate.fixed(gate_month(case))})
    return case.model_copy(update={"solve": solve})


def last_attempt(evaluation: Evaluation, risk_tolerance: float | None = None) -> LastAttempt | None:
    """The last attempt next to an advice to stop (None when the advice is not to stop, or solving is
    ruled out): the gated copy evaluated on the evaluation's seed, iterations, view and basis.

    ``risk_tolerance`` as given to ``evaluate`` (default: the case's own), for the certainty-equivalent basis.
    """
    if not applies(evaluation):
        return None
    case = evaluation.case
    recommendation = evaluation.recommendation
    gated = gated_case(case)
    draws = draw(gated, evaluation.iterations, evaluation.seed)
    simulation = simulate(gated, draws=draws)
    result = evaluate(
        gated,
        evaluation.iterations,
        evaluation.seed,
        evaluation.view,
        basis=recommendation.basis,
        simulation=simulation,
        risk_tolerance=risk_tolerance,
    )
    x = draws.values
    # What the attempt itself costs the client a month (its share of the programme, its own hours and
    # the supervisor, the tender), for the months before the go/no-go (all of them when it ends earlier).
    per_month = (case.solve.client_share * x["programme_cost"] + x["internal_cost"] + x["tender_cost"]) / x[
        "improvement_months"
    ]
    before_gate = per_month * np.minimum(x["gate_months"], x["improvement_months"])
    own = case.solve.gate_months
    return LastAttempt(
        strategy=recommendation.strategy,
        gate_months=gate_month(case) if own is None else int(whole_months(np.array([own.mode]))[0]),
        own_gate=own is not None,
        mean=result.strategies["solve"].mean,
        advice_mean=evaluation.strategies[recommendation.strategy].mean,
        becomes_advice=result.recommendation.strategy == "solve",
        max_before_gate=float(before_gate.max()),
        fallback=case.solve.fallback,
    )
