"""``sensitivity --format json`` writes strict JSON: a non-finite number is null, never Infinity or NaN.

No valid case has been found whose analysis is not finite (the inputs are bounded), so the
command is also run on an analysis that has them, and on a case at every input's extremes.
"""

from __future__ import annotations

import argparse
import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision.cli import sensitivity
from decision.cli.main import main
from decision.model.registry import INPUTS, KINDS
from tests.decision.builders import case_dict


def strict(text: str) -> Any:
    def refuse(token: str) -> float:
        raise AssertionError(f"{token} in the output")

    return json.loads(text, parse_constant=refuse)


def test_non_finite_numbers_become_null_at_any_depth():
    contract = {
        "evpi": math.inf,
        "gap": -math.inf,
        "share": math.nan,
        "fine": 1.5,
        "count": 3,
        "name": "NaN",
        "flag": True,
        "nothing": None,
        "bars": [{"low_gap": math.nan, "search": (0.0, math.inf)}, [math.nan, 2.0]],
    }
    assert sensitivity.finite_or_null(contract) == {
        "evpi": None,
        "gap": None,
        "share": None,
        "fine": 1.5,
        "count": 3,
        "name": "NaN",
        "flag": True,
        "nothing": None,
        "bars": [{"low_gap": None, "search": [0.0, None]}, [None, 2.0]],
    }


JSON_LIKE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@given(JSON_LIKE)
def test_every_sanitised_value_dumps_as_strict_json(value):
    text = json.dumps(sensitivity.finite_or_null(value), allow_nan=False)
    strict(text)


class Analysis:
    """Stands in for a Sensitivity whose figures overflowed."""

    def contract(self) -> dict[str, Any]:
        return {"gap": math.inf, "evpi": math.nan, "tornado": [{"low_gap": -math.inf, "high_gap": 2.0}]}


def test_the_command_writes_null_for_a_non_finite_figure(monkeypatch, capsys, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case_dict()))
    monkeypatch.setattr(sensitivity, "analyse", lambda *args, **kwargs: Analysis())
    args = argparse.Namespace(
        case=str(path),
        iterations=10,
        seed=1,
        view="decision",
        format="json",
        lang="en",
        basis=None,
        risk_tolerance=None,
    )
    assert sensitivity.run(args) == 0
    out = capsys.readouterr().out
    assert "Infinity" not in out and "NaN" not in out
    assert strict(out) == {"gap": None, "evpi": None, "tornado": [{"low_gap": None, "high_gap": 2.0}]}


def extreme_case(mode: str) -> dict[str, Any]:
    """The base case with every bounded input at its maximum (``mode`` "max") or as wide as allowed ("wide")."""
    changes: dict[str, Any] = {}
    for spec in INPUTS:
        kind = KINDS[spec.kind]
        low = spec.low if spec.low is not None else kind.minimum
        high = spec.high if spec.high is not None else kind.maximum
        if low is None or high is None or spec.choices:
            continue
        if spec.kind == "horizon" or not spec.estimate or mode == "max":
            changes[spec.path] = int(high) if spec.kind == "horizon" else high
        else:
            changes[spec.path] = {"low": low, "mode": high, "high": high}
    return case_dict(changes)


@pytest.mark.parametrize("mode", ["max", "wide"])
def test_the_command_on_a_case_at_the_extremes(mode, capsys, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(extreme_case(mode)))
    assert main(["sensitivity", str(path), "--iterations", "300"]) == 0
    contract = strict(capsys.readouterr().out)
    assert contract["iterations"] == 300
    assert main(["sensitivity", str(path), "--iterations", "300", "--format", "text", "--lang", "nl"]) == 0
    assert capsys.readouterr().out.strip()
