"""Benchmark of the Why page's analysis: tornado and break-even per preset at 10,000 iterations.

Budget (issue 6): tornado + break-even for a preset within 2 s on the 2-core machine.
Run: ``.venv/bin/python bench/sensitivity.py [--repeat N] [--iterations N]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from decision.analysis.sensitivity import BREAK_EVEN_INPUTS, analyse, break_even, ranked, scores, tornado  # noqa: E402
from decision.cli.bench import median_seconds  # noqa: E402
from decision.engine.simulation import draw, simulate  # noqa: E402
from decision.model.presets import load_preset, preset_ids  # noqa: E402
from decision.model.triage import triage  # noqa: E402

BUDGET_SECONDS = 2.0


def run(repeat: int = 3, iterations: int = 10_000) -> list[dict[str, float | str]]:
    rows: list[dict[str, float | str]] = []
    print(f"{'preset':<36}{'draw+base':>11}{'tornado':>10}{'break-even':>12}{'t+b':>9}{'analyse':>10}")
    for preset in preset_ids():
        case = load_preset(preset)
        allowed = triage(case).allowed

        def base() -> tuple:
            draws = draw(case, iterations, 1)
            order = ranked(scores(simulate(case, draws=draws).totals(False), "mean"), allowed)
            return draws, order[0], order[1]

        draws, recommended, runner_up = base()
        seconds_base = median_seconds(base, repeat)
        seconds_tornado = median_seconds(lambda: tornado(case, draws, recommended, runner_up), repeat)
        seconds_break_even = median_seconds(
            lambda: [break_even(case, draws, p, recommended, allowed) for p in BREAK_EVEN_INPUTS], repeat
        )
        seconds_all = median_seconds(lambda: analyse(case, iterations, 1), repeat)
        both = seconds_base + seconds_tornado + seconds_break_even
        rows.append(
            {
                "preset": preset,
                "base": seconds_base,
                "tornado": seconds_tornado,
                "break_even": seconds_break_even,
                "tornado_and_break_even": both,
                "analyse": seconds_all,
            }
        )
        print(
            f"{preset:<36}{seconds_base:>10.3f}s{seconds_tornado:>9.3f}s{seconds_break_even:>11.3f}s"
            f"{both:>8.3f}s{seconds_all:>9.3f}s"
        )
    worst = max(float(r["tornado_and_break_even"]) for r in rows)
    verdict = "within" if worst <= BUDGET_SECONDS else "OVER"
    print(
        f"budget: tornado + break-even (with the draw) within {BUDGET_SECONDS:.0f} s at {iterations:,} iterations;"
        f" worst {worst:.2f} s: {verdict}"
    )
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=10_000)
    args = parser.parse_args()
    run(args.repeat, args.iterations)
