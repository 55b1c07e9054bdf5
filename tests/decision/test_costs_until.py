"""``costs_until`` (the memo's first-phase budget) is one column of ``cumulative_costs``, worked out alone."""

from __future__ import annotations

import numpy as np
import pytest

from decision.engine.simulation import costs_until, cumulative_costs, draw
from decision.model.presets import load_preset, preset_ids


@pytest.mark.parametrize("book_view", [False, True])
@pytest.mark.parametrize("preset", preset_ids())
def test_the_cost_of_the_first_months_is_the_curves_column(preset: str, book_view: bool) -> None:
    case = load_preset(preset)
    draws = draw(case, 400, 3)
    curves = cumulative_costs(case, draws, book_view)
    for month in (1, 12, case.horizon_months // 2, case.horizon_months):
        alone = costs_until(case, draws, month, book_view)
        assert set(alone) == set(curves)
        for strategy, curve in curves.items():
            # The same flows; the curve adds the incidents from a per-month prefix, so the last bits may differ.
            np.testing.assert_allclose(alone[strategy], curve[:, month - 1], rtol=1e-12, atol=1e-6)
