"""One number and how sure: a three-point estimate derived from a best guess.

A director who knows one number enters it with a certainty, and the estimate's low and high
follow from a stated spread around it:

- amounts and months: a share of the number, ±5% (``exact``), ±20% (``about``), ±50% (``rough``);
- percentages (chances, shares, rates): percentage points, ±2, ±10 or ±25 points, because
  ±20% of a 5% chance (4% to 6%) says far less doubt than "about 5%" means.

Low and high are clamped to what the input accepts (no negative amount, no chance above 100%).
Values are in the units the case stores (a chance of 65% is 0.65).
"""

from __future__ import annotations

import math
from typing import Literal

from decision.model.registry import PERCENT_KINDS, InputSpec

Certainty = Literal["exact", "about", "rough"]
CERTAINTIES: tuple[Certainty, ...] = ("exact", "about", "rough")
# The spread of a certainty: a share of the number for amounts and months ...
RELATIVE: dict[str, float] = {"exact": 0.05, "about": 0.20, "rough": 0.50}
# ... and percentage points (as stored: 0.10 is ten points) for percentages.
POINTS: dict[str, float] = {"exact": 0.02, "about": 0.10, "rough": 0.25}
# Derived values are rounded to cents (amounts, months) or to a millionth (shares), so that a
# derived estimate reads back as the same certainty (0.65 - 0.10 is 0.55, not 0.5500000000000002).
DECIMALS = {"percent": 6, "other": 2}


def in_points(kind: str) -> bool:
    """Whether a certainty's spread is in percentage points (percentages) rather than a share of the number."""
    return kind in PERCENT_KINDS


def spread(kind: str, certainty: str) -> float:
    """The spread of ``certainty`` for an input of ``kind``: a share of the number (0.2 for ±20%),
    or for percentages the points as stored (0.1 for ±10 points)."""
    return POINTS[certainty] if in_points(kind) else RELATIVE[certainty]


def derive(spec: InputSpec, value: float, certainty: str) -> tuple[float, float, float]:
    """Low, most likely and high from one number: ``value`` minus and plus the certainty's spread,
    clamped to the input's bounds, and never past ``value`` itself (so low <= value <= high)."""
    size = spread(spec.kind, certainty)
    distance = size if in_points(spec.kind) else abs(value) * size
    decimals = DECIMALS["percent" if in_points(spec.kind) else "other"]
    low, high = value - distance, value + distance
    if spec.minimum is not None:
        low = max(low, spec.minimum)
    if spec.maximum is not None:
        high = min(high, spec.maximum)
    return round(min(low, value), decimals), value, round(max(high, value), decimals)


def certainty_of(spec: InputSpec, low: float, mode: float, high: float) -> Certainty | None:
    """The certainty whose derivation from ``mode`` gives this estimate, or None when none does
    (a range of the director's own). Where several do (a fixed 0), the surest."""
    for certainty in CERTAINTIES:
        derived = derive(spec, mode, certainty)
        if all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) for a, b in zip(derived, (low, mode, high))):
            return certainty
    return None
