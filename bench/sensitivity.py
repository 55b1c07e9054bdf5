"""Benchmark of the Why page's analysis: tornado and break-even per preset at 10,000 iterations.

The tornado includes the horizon and the discount rate (issue 14: the horizon's ends are their own
simulations on the same draws); the break-even search covers the key inputs, the two settings and
every input whose range moves the advice, reusing the tornado's ends as ``analyse`` does.

Budgets: the tornado (with the draw) within 2 s for a preset on the 2-core machine (issue 14);
tornado + break-even within 2 s was issue 6's, before the settings and the moving inputs joined.
The app computes it once per case and basis (``ui.cache.sensitivity``).
Run: ``.venv/bin/python bench/sensitivity.py [--repeat N] [--iterations N]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from decision.analysis import sensitivity  # noqa: E402
from decision.analysis.sensitivity import ALWAYS_SEARCHED, analyse, ranked, scores, tornado  # noqa: E402
from decision.cli.bench import median_seconds  # noqa: E402
from decision.engine.simulation import draw, simulate  # noqa: E402
from decision.model.presets import load_preset, preset_ids  # noqa: E402
from decision.model.triage import triage  # noqa: E402

BUDGET_SECONDS = 2.0


def run(repeat: int = 3, iterations: int = 10_000) -> list[dict[str, float | str]]:
    rows: list[dict[str, float | str]] = []
    print(
        f"{'preset':<36}{'draw+base':>11}{'tornado':>10}{'bars':>6}{'settings':>10}"
        f"{'break-even':>12}{'searched':>10}{'analyse':>10}"
    )
    for preset in preset_ids():
        case = load_preset(preset)
        allowed = triage(case).allowed

        def base() -> tuple:
            draws = draw(case, iterations, 1)
            order = ranked(scores(simulate(case, draws=draws).totals(False), "mean"), allowed)
            return draws, order[0], order[1]

        draws, recommended, runner_up = base()
        seconds_base = median_seconds(base, repeat)
        bars = tornado(case, draws, recommended, runner_up, allowed=allowed)
        seconds_tornado = median_seconds(lambda: tornado(case, draws, recommended, runner_up, allowed=allowed), repeat)
        # The two settings' four ends alone (the horizon's are their own simulations).
        seconds_settings = median_seconds(
            lambda: [
                sensitivity.fixed_simulation(case, draws, path, value)
                for path in sensitivity.SETTINGS
                for value in sensitivity.setting_range(case, path)
            ],
            repeat,
        )
        moving = [bar for bar in bars if bar.moves and bar.input not in ALWAYS_SEARCHED]

        def flips() -> list:
            fixed = sensitivity._Scores(case, draws, "mean", False, None)
            found = tornado(case, draws, recommended, runner_up, allowed=allowed, fixed=fixed)  # as analyse has them
            return sensitivity.break_evens(
                case, draws, found, recommended, allowed, "mean", False, fixed, ALWAYS_SEARCHED
            )

        seconds_flips = max(0.0, median_seconds(flips, repeat) - seconds_tornado)
        seconds_all = median_seconds(lambda: analyse(case, iterations, 1), repeat)
        searched = len(ALWAYS_SEARCHED) + len(moving)
        rows.append(
            {
                "preset": preset,
                "base": seconds_base,
                "tornado": seconds_tornado,
                "settings": seconds_settings,
                "break_even": seconds_flips,
                "tornado_with_draw": seconds_base + seconds_tornado,
                "analyse": seconds_all,
            }
        )
        print(
            f"{preset:<36}{seconds_base:>10.3f}s{seconds_tornado:>9.3f}s{len(bars):>6}{seconds_settings:>9.3f}s"
            f"{seconds_flips:>11.3f}s{searched:>10}{seconds_all:>9.3f}s"
        )
    worst = max(float(r["tornado_with_draw"]) for r in rows)
    verdict = "within" if worst <= BUDGET_SECONDS else "OVER"
    print(
        f"budget: the tornado with the horizon and the discount rate (with the draw) within {BUDGET_SECONDS:.0f} s"
        f" at {iterations:,} iterations; worst {worst:.2f} s: {verdict}"
    )
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=10_000)
    args = parser.parse_args()
    run(args.repeat, args.iterations)
