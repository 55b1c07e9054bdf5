"""Summaries of a simulation: the numbers of MODEL.md section 6, the recommendation and the zone."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decision.engine.simulation import CATEGORIES, Draws, Simulation, cumulative_costs, draw, simulate
from decision.engine.summary import quantile_dots
from decision.engine.zopa import Zopa, zone_of_agreement
from decision.model import registry
from decision.model.case import Case
from decision.model.triage import Reason, TriageOutcome, triage

TIMELINE_ITERATIONS = 500
# Two totals closer than this (euros) count as a tie for the cheapest strategy.
TIE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class StrategyResult:
    mean: float
    p10: float
    p50: float
    p90: float
    p_best: float
    months_to_decent: float | None
    p_decent: float
    breakdown: dict[str, float]
    dots: tuple[float, ...] = ()  # the totals at decision.engine.summary.DOT_LEVELS
    se: float = 0.0  # standard error of the mean: std / sqrt(n)
    p_best_allowed: float = 0.0  # chance of being cheapest among the allowed strategies (0 if ruled out)
    certainty_equivalent: float | None = None  # on the certainty-equivalent basis only

    def contract(self) -> dict[str, object]:
        return {
            "mean": self.mean,
            "p10": self.p10,
            "p50": self.p50,
            "p90": self.p90,
            "p_best": self.p_best,
            "months_to_decent": self.months_to_decent,
            "p_decent": self.p_decent,
            "breakdown": dict(self.breakdown),
            "se": self.se,
            "p_best_allowed": self.p_best_allowed,
        }


@dataclass(frozen=True)
class Recommendation:
    strategy: str
    allowed: tuple[str, ...]
    reasons: tuple[Reason, ...]
    runner_up: str | None
    basis: str = "mean"
    margin: float | None = None  # runner-up minus recommended, on the basis
    se_margin: float | None = None  # mean basis: standard error of the paired difference
    close_call: bool | None = None  # mean basis: margin < 2 se_margin
    warnings: tuple[str, ...] = ()

    def contract_additions(self) -> dict[str, object]:
        """The keys MODEL.md 7.9 adds to the recommendation."""
        return {
            "basis": self.basis,
            "runner_up": self.runner_up,
            "margin": self.margin,
            "se_margin": self.se_margin,
            "close_call": self.close_call,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Evaluation:
    case: Case
    iterations: int
    seed: int
    view: str
    strategies: dict[str, StrategyResult]
    recommendation: Recommendation
    triage: TriageOutcome
    zopa: Zopa

    @property
    def book_view(self) -> bool:
        return self.view == "book"


def p_best(totals: dict[str, np.ndarray], among: tuple[str, ...] | None = None) -> dict[str, float]:
    """Per strategy, the share of iterations in which it is the cheapest (of ``among``); ties are shared."""
    names = [s for s in registry.STRATEGIES if s in totals and (among is None or s in among)]
    stacked = np.vstack([totals[s] for s in names])
    cheapest = stacked.min(axis=0)
    is_best = stacked <= cheapest + TIE_TOLERANCE
    share = is_best / is_best.sum(axis=0)
    found = {s: float(share[i].mean()) for i, s in enumerate(names)}
    return {s: found.get(s, 0.0) for s in registry.STRATEGIES if s in totals}


def certainty_equivalent(totals: np.ndarray, tolerance: float) -> float:
    """CE = rho ln(mean(exp(C / rho))) for costs C and risk tolerance rho, computed without overflow."""
    costs = np.asarray(totals, dtype=float)
    top = float(costs.max())
    # exp((C - max C) / rho) is at most 1, whatever rho: no overflow, also for a tiny tolerance.
    with np.errstate(over="ignore", divide="ignore"):  # a tiny tolerance sends (C - max C) / rho to -inf: exp 0
        return top + float(tolerance * np.log(np.mean(np.exp((costs - top) / tolerance))))


def summarise(
    simulation: Simulation,
    book_view: bool,
    allowed: tuple[str, ...] | None = None,
    risk_tolerance: float | None = None,
) -> dict[str, StrategyResult]:
    totals = simulation.totals(book_view)
    best = p_best(totals)
    best_allowed = p_best(totals, allowed if allowed else None)
    horizon = simulation.case.horizon_months
    out: dict[str, StrategyResult] = {}
    for strategy in (s for s in registry.STRATEGIES if s in totals):
        total = totals[strategy]
        p10, p50, p90 = np.percentile(total, [10, 50, 90])
        months = simulation.months_to_decent[strategy]
        reached = ~np.isnan(months)
        breakdown = {
            c: float(simulation.costs[strategy].parts[c].mean()) if (book_view or c != "write_off") else 0.0
            for c in CATEGORIES
        }
        out[strategy] = StrategyResult(
            mean=float(total.mean()),
            p10=float(p10),
            p50=float(p50),
            p90=float(p90),
            p_best=best[strategy],
            months_to_decent=float(months[reached].mean()) if reached.any() else None,
            p_decent=float((months[reached] < horizon).sum() / len(months)),
            breakdown=breakdown,
            dots=quantile_dots(total),
            se=float(total.std() / np.sqrt(len(total))),
            p_best_allowed=best_allowed[strategy] if allowed is None or strategy in allowed else 0.0,
            certainty_equivalent=None if risk_tolerance is None else certainty_equivalent(total, risk_tolerance),
        )
    return out


def _score(result: StrategyResult, basis: str) -> float:
    if basis == "certainty_equivalent":
        if result.certainty_equivalent is None:
            raise ValueError("the certainty-equivalent basis needs a risk tolerance")
        return result.certainty_equivalent
    return float(getattr(result, basis))


def recommend(
    strategies: dict[str, StrategyResult],
    outcome: TriageOutcome,
    basis: str = "mean",
    totals: dict[str, np.ndarray] | None = None,
    supplier_solve_value: float | None = None,
) -> Recommendation:
    """The allowed strategy lowest on the basis (mean, P90 or certainty equivalent), with the triage and
    economic reasons, the runner-up, the margin and the warnings of MODEL.md 7.7."""
    ranked = sorted(outcome.allowed, key=lambda s: _score(strategies[s], basis))
    best = ranked[0]
    runner_up = ranked[1] if len(ranked) > 1 else None
    result = strategies[best]
    reasons = list(outcome.reasons)
    reasons.append(Reason("economics.lowest_" + basis, {"strategy": best, "amount": _score(result, basis)}))
    margin = se_margin = close_call = None
    if runner_up is not None:
        margin = _score(strategies[runner_up], basis) - _score(result, basis)
        reasons.append(Reason("economics.runner_up", {"strategy": runner_up, "amount": margin}))
        if basis == "mean" and totals is not None:
            difference = totals[runner_up] - totals[best]
            se_margin = float(difference.std() / np.sqrt(len(difference)))
            close_call = bool(margin < 2.0 * se_margin)
    reasons.append(Reason("economics.p90", {"strategy": best, "amount": result.p90}))
    # Chosen among the allowed options: its chance of being the cheapest of them (p_best counts all).
    reasons.append(Reason("economics.p_best", {"strategy": best, "share": result.p_best_allowed}))
    if result.months_to_decent is None:
        reasons.append(Reason("economics.never_decent", {"strategy": best}))
    else:
        reasons.append(
            Reason(
                "economics.months_to_decent",
                {"strategy": best, "months": result.months_to_decent, "share": result.p_decent},
            )
        )
    warnings: list[str] = []
    if len(outcome.allowed) > 1 and result.p90 >= max(strategies[s].p90 for s in outcome.allowed):
        warnings.append("worst_p90")
    if result.p_best_allowed < 0.5:
        warnings.append("less_than_half")
    if close_call:
        warnings.append("close_call")
    if best == "solve" and supplier_solve_value is not None and supplier_solve_value < 0:
        warnings.append("supplier_at_loss")
    return Recommendation(
        best, outcome.allowed, tuple(reasons), runner_up, basis, margin, se_margin, close_call, tuple(warnings)
    )


def evaluate(
    case: Case,
    iterations: int = 10_000,
    seed: int = 1,
    view: str = "decision",
    basis: str | None = None,
    simulation: Simulation | None = None,
    risk_tolerance: float | None = None,
) -> Evaluation:
    """Simulate the case and summarise it as MODEL.md sections 6 and 7 describe.

    ``basis`` and ``risk_tolerance`` default to the case's preferences (the CLI's --basis overrides them).
    """
    simulation = simulation if simulation is not None else simulate(case, iterations, seed)
    book_view = view == "book"
    basis = basis or case.preferences.basis
    tolerance = risk_tolerance if risk_tolerance is not None else case.preferences.risk_tolerance
    if basis == "certainty_equivalent" and (tolerance is None or tolerance <= 0):
        raise ValueError("the certainty-equivalent basis needs a risk tolerance above 0")
    outcome = triage(case)
    strategies = summarise(
        simulation, book_view, outcome.allowed, tolerance if basis == "certainty_equivalent" else None
    )
    zopa = zone_of_agreement(simulation, book_view, outcome.allowed)
    totals = simulation.totals(book_view)
    return Evaluation(
        case=case,
        iterations=simulation.iterations,
        seed=simulation.seed,
        view=view,
        strategies=strategies,
        recommendation=recommend(strategies, outcome, basis, totals, zopa.supplier_solve_value),
        triage=outcome,
        zopa=zopa,
    )


@dataclass(frozen=True)
class Timeline:
    """Cumulative discounted cost per month (1..H): mean and P10-P90 band per strategy."""

    months: np.ndarray
    mean: dict[str, np.ndarray]
    p10: dict[str, np.ndarray]
    p90: dict[str, np.ndarray]


def timeline(case: Case, draws: Draws | None = None, seed: int = 1, book_view: bool = False) -> Timeline:
    """The cost over time, on the first TIMELINE_ITERATIONS iterations of the draws."""
    draws = draws if draws is not None else draw(case, TIMELINE_ITERATIONS, seed)
    draws = draws.subset(min(draws.n, TIMELINE_ITERATIONS))
    curves = cumulative_costs(case, draws, book_view)
    bands = {s: np.percentile(c, [10, 90], axis=0) for s, c in curves.items()}
    return Timeline(
        months=np.arange(1, case.horizon_months + 1),
        mean={s: c.mean(axis=0) for s, c in curves.items()},
        p10={s: band[0] for s, band in bands.items()},
        p90={s: band[1] for s, band in bands.items()},
    )
