"""``python -m decision bench``: the simulation against a floor of the same random draws.

The floor draws exactly the random numbers one evaluation draws (the same
distributions and counts: a Beta or triangular variate per uncertain input and
iteration, the uniforms of the events) and does nothing else. A second, stricter
floor draws the same count of plain uniforms. Ratios are measured in one run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np

from decision.engine.results import evaluate
from decision.engine.simulation import EVENTS, case_estimate, draw, sample_estimate
from decision.model import registry
from decision.model.case import Case, Estimate
from decision.model.loader import load_case
from decision.model.presets import DATA_DIR

HELP = "time the simulation against a floor of random draws"


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _estimates(case: Case) -> list[Estimate]:
    """The estimates one evaluation samples (one left empty takes its stand-in's draw and is not sampled)."""
    return [case_estimate(case, spec.path) for spec in registry.own_inputs(case)]


def _random_count(case: Case, iterations: int, seed: int) -> int:
    draws = draw(case, iterations, seed)
    uncertain = sum(not estimate.is_fixed for estimate in _estimates(case))
    incident_rounds = draws.incident_months.shape[1] + 1
    return iterations * (uncertain + incident_rounds + 2 + len(EVENTS))


def floor_same_draws(case: Case, iterations: int, seed: int) -> None:
    """Exactly the random numbers one evaluation draws: a variate per estimate and iteration, the
    incident rounds, and the uniforms of the events (win, success and the v2 events)."""
    rng = np.random.default_rng(seed)
    for estimate in _estimates(case):
        sample_estimate(estimate, iterations, rng)
    rounds = draw(case, 1, seed).incident_months.shape[1] + 1
    rng.random((rounds + 2 + len(EVENTS), iterations))


def benchmark(repeat: int = 7) -> list[dict[str, float | str | int]]:
    rows: list[dict[str, float | str | int]] = []
    print(f"{'preset':<36}{'iterations':>11}{'evaluate':>11}{'floor':>9}{'ratio':>7}{'uniforms':>10}{'ratio':>7}")
    for path in sorted(DATA_DIR.glob("*.json")):
        case = load_case(str(path))
        for iterations in (10_000, 100_000):
            evaluate(case, iterations, 1)
            seconds = median_seconds(lambda: evaluate(case, iterations, 1), repeat)
            floor = median_seconds(lambda: floor_same_draws(case, iterations, 1), repeat)
            count = _random_count(case, iterations, 1)
            rng = np.random.default_rng(1)
            uniforms = median_seconds(lambda: rng.random(count), repeat)
            rows.append(
                {
                    "preset": path.stem,
                    "iterations": iterations,
                    "seconds": seconds,
                    "floor": floor,
                    "uniform_floor": uniforms,
                }
            )
            print(
                f"{path.stem:<36}{iterations:>11,}{seconds * 1e3:>9.1f}ms{floor * 1e3:>7.1f}ms"
                f"{seconds / floor:>6.1f}x{uniforms * 1e3:>8.1f}ms{seconds / uniforms:>6.1f}x"
            )
    print("budget: 100,000 iterations within 500 ms and within 5x the floor; 10,000 within 60 ms")
    return rows


def _repeat(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError("must be a whole number from 1 to 1,000")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repeat", type=_repeat, default=7)


def run(args: argparse.Namespace) -> int:
    benchmark(args.repeat)
    return 0
