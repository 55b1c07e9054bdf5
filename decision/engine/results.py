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
        }


@dataclass(frozen=True)
class Recommendation:
    strategy: str
    allowed: tuple[str, ...]
    reasons: tuple[Reason, ...]
    runner_up: str | None


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


def p_best(totals: dict[str, np.ndarray]) -> dict[str, float]:
    """Per strategy, the share of iterations in which it is the cheapest; ties are shared."""
    stacked = np.vstack([totals[s] for s in registry.STRATEGIES])
    cheapest = stacked.min(axis=0)
    is_best = stacked <= cheapest + TIE_TOLERANCE
    share = is_best / is_best.sum(axis=0)
    return {s: float(share[i].mean()) for i, s in enumerate(registry.STRATEGIES)}


def summarise(simulation: Simulation, book_view: bool) -> dict[str, StrategyResult]:
    totals = simulation.totals(book_view)
    best = p_best(totals)
    horizon = simulation.case.horizon_months
    out: dict[str, StrategyResult] = {}
    for strategy in registry.STRATEGIES:
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
        )
    return out


def recommend(strategies: dict[str, StrategyResult], outcome: TriageOutcome, basis: str = "mean") -> Recommendation:
    """The allowed strategy with the lowest mean (or P90), with the triage and economic reasons."""
    ranked = sorted(outcome.allowed, key=lambda s: getattr(strategies[s], basis))
    best = ranked[0]
    runner_up = ranked[1] if len(ranked) > 1 else None
    result = strategies[best]
    reasons = list(outcome.reasons)
    reasons.append(Reason("economics.lowest_" + basis, {"strategy": best, "amount": getattr(result, basis)}))
    if runner_up is not None:
        gap = getattr(strategies[runner_up], basis) - getattr(result, basis)
        reasons.append(Reason("economics.runner_up", {"strategy": runner_up, "amount": gap}))
    reasons.append(Reason("economics.p90", {"strategy": best, "amount": result.p90}))
    reasons.append(Reason("economics.p_best", {"strategy": best, "share": result.p_best}))
    if result.months_to_decent is None:
        reasons.append(Reason("economics.never_decent", {"strategy": best}))
    else:
        reasons.append(
            Reason(
                "economics.months_to_decent",
                {"strategy": best, "months": result.months_to_decent, "share": result.p_decent},
            )
        )
    return Recommendation(best, outcome.allowed, tuple(reasons), runner_up)


def evaluate(
    case: Case,
    iterations: int = 10_000,
    seed: int = 1,
    view: str = "decision",
    basis: str = "mean",
    simulation: Simulation | None = None,
) -> Evaluation:
    """Simulate the case and summarise it as MODEL.md section 6 describes."""
    simulation = simulation if simulation is not None else simulate(case, iterations, seed)
    book_view = view == "book"
    strategies = summarise(simulation, book_view)
    outcome = triage(case)
    return Evaluation(
        case=case,
        iterations=simulation.iterations,
        seed=simulation.seed,
        view=view,
        strategies=strategies,
        recommendation=recommend(strategies, outcome, basis),
        triage=outcome,
        zopa=zone_of_agreement(simulation, book_view),
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
