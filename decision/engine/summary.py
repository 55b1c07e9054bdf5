"""Summaries the comparison draws: the four cost families and the quantile dots of the totals."""

from __future__ import annotations

import numpy as np

from decision.model import registry

# The four cost families of the source text (MODEL.md section 1), each a group of result categories.
COST_FAMILIES: dict[str, tuple[str, ...]] = {
    family: tuple(category for category, of in registry.CATEGORIES.items() if of == family)
    for family in registry.FAMILIES
}
FAMILY_OF: dict[str, str] = {category: family for family, members in COST_FAMILIES.items() for category in members}

# One dot per twentieth of the simulated futures: the midpoints 2.5%, 7.5%, ..., 97.5%.
DOT_COUNT = 20
DOT_LEVELS: tuple[float, ...] = tuple((i + 0.5) * 100.0 / DOT_COUNT for i in range(DOT_COUNT))


def family_breakdown(breakdown: dict[str, float]) -> dict[str, float]:
    """The expected cost per family: the categories of each family added up."""
    return {family: sum(breakdown.get(c, 0.0) for c in members) for family, members in COST_FAMILIES.items()}


def quantile_dots(totals: np.ndarray) -> tuple[float, ...]:
    """The totals at DOT_LEVELS: each dot stands for one in twenty simulated futures."""
    return tuple(float(q) for q in np.percentile(totals, DOT_LEVELS))
