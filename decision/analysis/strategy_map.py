"""Where would the answer change? The strategy map: a two-way sensitivity of two inputs.

Two client inputs (registry paths; by default the chance that solving succeeds
against the chance of winning in court) are each fixed on a grid over their
searched range (``sensitivity.search_range``), and every cell of the grid is
coloured by the strategy recommended there: among the options the triage allows,
the lowest on the case's basis (mean, P90 or certainty equivalent, MODEL.md 7.7).

Every cell is computed on the same draws as the case's evaluation (common random
numbers, as in ``sensitivity``): only the two inputs change, so a border on the map
is the effect of those inputs, not sampling noise.

Speed. A chance that only decides a random event (does solving succeed, is the
lawsuit won: ``uniform < chance``, see ``EVENT_CHANCES``) need not be simulated at every
value: each iteration's cost is its cost with the event certain or with it impossible,
picked by the iteration's own uniform. Such an axis costs two simulations, however
fine its grid; any other axis costs one per grid value (a 21 x 21 grid of two amounts
is 441 simulations, a few seconds at 10,000 iterations: ``default_points`` is coarser then).

``describe`` says the regions in words, as message keys of ``strategy_map.*`` said
in a language: per band of the one input, the advice along the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from decision.analysis.sensitivity import (
    MONTH_INPUTS,
    NAMES,
    SETTINGS,
    client_inputs,
    current_value,
    search_range,
    with_fixed,
)
from decision.engine.simulation import Draws, case_estimate, draw, simulate
from decision.model import registry
from decision.model.case import Case
from decision.model.triage import triage
from decision.text import fmt
from decision.text.i18n import MoneyFormat, translate
from decision.text.say import say_in_kind
from decision.text.say import say_value as say_named

DEFAULT_X = "solve.p_success"
DEFAULT_Y = "legal.p_win"
POINTS = 21  # per axis when at least one input is the chance of an event (cheap)
COARSE_POINTS = 11  # per axis when both inputs need a simulation per value
# Per input name: the uniforms of the draws the input is compared with, and nothing else.
# The simulation uses each of these chances only as ``uniform < chance`` (decision.engine.simulation,
# _Model); tests/decision/test_strategy_map.py checks the shortcut against a direct simulation.
EVENT_CHANCES: dict[str, Callable[[Draws], np.ndarray]] = {
    "p_win": lambda d: d.win_uniforms,
    "p_success": lambda d: d.success_uniforms,
    "p_settle": lambda d: d.events["settle"],
    "gate_detection": lambda d: d.events["gate"],
    "partner_p_success": lambda d: d.events["partner"],
    "p_agree": lambda d: d.events["agree"],
}
# More bands than this along the one input, in both orientations: the map is said per option instead.
MAX_BANDS = 4


def inputs(case: Case) -> tuple[str, ...]:
    """The inputs a map can be drawn over: the client inputs the case holds (``sensitivity.client_inputs``),
    and the horizon and the discount rate (each value a simulation of its own, on the same draws)."""
    return (*client_inputs(case), *SETTINGS)


def is_event_chance(path: str) -> bool:
    """Whether the input is a chance that only decides one random event (two simulations per axis)."""
    return NAMES.get(path) in EVENT_CHANCES


def default_points(x: str, y: str) -> int:
    """Grid points per axis: POINTS, or COARSE_POINTS when neither input is the chance of an event."""
    return POINTS if is_event_chance(x) or is_event_chance(y) else COARSE_POINTS


def axis_values(case: Case, path: str, points: int) -> np.ndarray:
    """``points`` evenly spaced values over the input's searched range; whole months for a duration."""
    low, high = search_range(case, path)
    values = np.linspace(low, high, max(2, points)) if high > low else np.array([low])
    return np.unique(np.rint(values)) if path in MONTH_INPUTS or path == "horizon_months" else values


@dataclass(frozen=True)
class StrategyMap:
    """The recommended strategy per cell: ``cells[i][j]`` at ``x_values[i]`` and ``y_values[j]``.

    ``margins[i][j]`` is how much more the next-best allowed strategy costs there (on the
    basis; NaN when the triage allows one option). The marker is the case's own estimates (the
    inputs' means) with the strategy recommended when both are fixed there; ``recommended`` is
    the case's own advice on the same draws, both inputs uncertain.
    """

    x: str
    y: str
    x_values: tuple[float, ...]
    y_values: tuple[float, ...]
    cells: tuple[tuple[str, ...], ...]
    margins: tuple[tuple[float, ...], ...]
    marker_x: float
    marker_y: float
    marker_strategy: str
    recommended: str
    allowed: tuple[str, ...]
    basis: str
    view: str
    iterations: int
    seed: int
    search_x: tuple[float, float]
    search_y: tuple[float, float]

    @property
    def strategies(self) -> tuple[str, ...]:
        """The strategies recommended somewhere on the map, in the registry's order."""
        present = {s for column in self.cells for s in column}
        return tuple(s for s in registry.STRATEGIES if s in present)

    def share(self, strategy: str) -> float:
        """The share of the map's cells where ``strategy`` is recommended."""
        count = sum(s == strategy for column in self.cells for s in column)
        return count / (len(self.x_values) * len(self.y_values))

    def transposed(self) -> StrategyMap:
        """The same map with the two inputs swapped."""
        return StrategyMap(
            x=self.y,
            y=self.x,
            x_values=self.y_values,
            y_values=self.x_values,
            cells=tuple(zip(*self.cells, strict=True)),
            margins=tuple(zip(*self.margins, strict=True)),
            marker_x=self.marker_y,
            marker_y=self.marker_x,
            marker_strategy=self.marker_strategy,
            recommended=self.recommended,
            allowed=self.allowed,
            basis=self.basis,
            view=self.view,
            iterations=self.iterations,
            seed=self.seed,
            search_x=self.search_y,
            search_y=self.search_x,
        )


def _scores(totals: np.ndarray, basis: str, tolerance: float | None) -> np.ndarray:
    """The basis along the last axis: the mean, the P90 or the certainty equivalent (results.py's formulas)."""
    if basis == "mean":
        return np.asarray(totals.mean(axis=-1))
    if basis == "p90":
        return np.asarray(np.percentile(totals, 90, axis=-1))
    assert tolerance is not None
    top = totals.max(axis=-1, keepdims=True)
    with np.errstate(over="ignore", divide="ignore"):
        return np.asarray(top[..., 0] + tolerance * np.log(np.mean(np.exp((totals - top) / tolerance), axis=-1)))


class _Axis:
    """One input of the map: the values it is simulated at, and how a cell's totals are picked from those."""

    def __init__(self, path: str, values: np.ndarray, draws: Draws):
        self.path, self.name, self.values = path, NAMES.get(path, path), values
        chance = EVENT_CHANCES.get(self.name)
        self.uniforms = chance(draws) if chance is not None else None
        # An event's chance: simulated with the event impossible (0) and certain (1).
        self.levels = np.array([0.0, 1.0]) if self.uniforms is not None else values

    def pick(self, stacked: np.ndarray, index: int, value: float) -> np.ndarray:
        """Per iteration, the totals at ``value`` from totals stacked over the levels (first axis)."""
        if self.uniforms is None:
            return np.asarray(stacked[index])
        return np.where(self.uniforms < value, stacked[1], stacked[0])


def _cell_scores(
    case: Case,
    draws: Draws,
    x: _Axis,
    y: _Axis,
    strategies: tuple[str, ...],
    score: Callable[[np.ndarray], np.ndarray],
    book_view: bool,
) -> np.ndarray:
    """Scores of shape (strategies, x values, y values) on the basis."""
    out = np.empty((len(strategies), len(x.values), len(y.values)))

    def level_totals(x_level: float) -> np.ndarray:
        """Per strategy, the totals at one x level and every y level: (strategies, y levels, n)."""
        at_x = with_fixed(case, draws, x.path, x_level)
        runs = []
        for v in y.levels:
            fixed_case, fixed_draws = with_fixed(*at_x, y.path, float(v))
            runs.append(simulate(fixed_case, draws=fixed_draws).totals(book_view))
        return np.stack([np.stack([run[s] for run in runs]) for s in strategies])

    def fill(i: int, by_y_level: np.ndarray) -> None:
        # by_y_level: (strategies, y levels, n) at x_values[i]
        if y.uniforms is None:
            out[:, i, :] = score(by_y_level)
        else:
            mask = y.uniforms[None, :] < y.values[:, None]  # (y values, n)
            cells = np.where(mask[None], by_y_level[:, 1][:, None], by_y_level[:, 0][:, None])
            out[:, i, :] = score(cells)

    if x.uniforms is None:
        for i, value in enumerate(x.values):
            fill(i, level_totals(float(value)))
    else:
        both = np.stack([level_totals(float(level)) for level in x.levels], axis=1)  # (s, 2, y levels, n)
        for i, value in enumerate(x.values):
            fill(i, np.where(x.uniforms < value, both[:, 1], both[:, 0]))
    return out


def strategy_map(
    case: Case,
    x: str = DEFAULT_X,
    y: str = DEFAULT_Y,
    points: int | None = None,
    iterations: int = 10_000,
    seed: int = 1,
    view: str = "decision",
    basis: str | None = None,
    draws: Draws | None = None,
) -> StrategyMap:
    """The recommended strategy on a ``points`` x ``points`` grid of inputs ``x`` and ``y``.

    The draws are the evaluation's (``draw(case, iterations, seed)``, or ``draws``); ``basis`` is the
    case's own (``preferences.basis``) unless given; the options are those the triage allows.
    """
    if x == y:
        raise ValueError(f"the map needs two different inputs, got {x!r} twice")
    for path in (x, y):
        if path not in inputs(case):
            raise ValueError(f"{path!r} is not a client input of this case: one of {inputs(case)}")
    basis = basis or case.preferences.basis
    if basis not in registry.BASES:
        raise ValueError(f"basis must be one of {registry.BASES}, got {basis!r}")
    tolerance = case.preferences.risk_tolerance
    if basis == "certainty_equivalent" and (tolerance is None or tolerance <= 0):
        raise ValueError("the certainty-equivalent basis needs a risk tolerance above 0")
    draws = draws if draws is not None else draw(case, iterations, seed)
    book_view = view == "book"
    allowed = tuple(s for s in registry.STRATEGIES if s in triage(case).allowed)
    points = points if points is not None else default_points(x, y)

    def score(totals: np.ndarray) -> np.ndarray:
        return _scores(totals, basis, tolerance)

    x_axis = _Axis(x, axis_values(case, x, points), draws)
    y_axis = _Axis(y, axis_values(case, y, points), draws)
    grid = _cell_scores(case, draws, x_axis, y_axis, allowed, score, book_view)
    best = np.argmin(grid, axis=0)  # the first of the allowed order on a tie, as results.recommend
    if len(allowed) > 1:
        ordered = np.sort(grid, axis=0)
        margins = ordered[1] - ordered[0]
    else:
        margins = np.full(best.shape, np.nan)
    marker_x = float(case_estimate(case, x).mean) if x not in SETTINGS else current_value(case, x)
    marker_y = float(case_estimate(case, y).mean) if y not in SETTINGS else current_value(case, y)
    at_marker = _cell_scores(
        case,
        draws,
        _Axis(x, np.array([marker_x]), draws),
        _Axis(y, np.array([marker_y]), draws),
        allowed,
        score,
        book_view,
    )[:, 0, 0]
    totals = simulate(case, draws=draws).totals(book_view)
    own = score(np.stack([totals[s] for s in allowed]))
    return StrategyMap(
        x=x,
        y=y,
        x_values=tuple(float(v) for v in x_axis.values),
        y_values=tuple(float(v) for v in y_axis.values),
        cells=tuple(tuple(allowed[k] for k in column) for column in best),
        margins=tuple(tuple(float(m) for m in column) for column in margins),
        marker_x=marker_x,
        marker_y=marker_y,
        marker_strategy=allowed[int(np.argmin(at_marker))],
        recommended=allowed[int(np.argmin(own))],
        allowed=allowed,
        basis=basis,
        view=view,
        iterations=draws.n,
        seed=draws.seed,
        search_x=search_range(case, x),
        search_y=search_range(case, y),
    )


# --- the regions in words -------------------------------------------------------------------


def _half_up(value: float) -> float:
    """To a whole number, halves up: a border halfway between two grid values (42.5%) is said as 43%,
    also when floating point makes it 42.49999."""
    return float(np.floor(value + 0.5 + 1e-9))


def say_input_value(path: str, value: float, lang: str, money: MoneyFormat = fmt.money) -> str:
    """A value of an input on the map, as ``explain.say_value`` says it, rounded to what a grid can tell:
    whole percents, whole months, amounts to three significant digits."""
    kind = registry.BY_PATH[path].kind
    if kind in registry.MONEY_KINDS:
        value = float(f"{value:.3g}")
    elif kind in ("months", "horizon"):
        value = _half_up(value)
    elif kind in registry.PERCENT_KINDS:  # whole percents: 0.58 is "58%" (0.58 * 100 is not a whole number)
        share = fmt.percent(_half_up(value * 100) / 100, lang)
        return translate("sensitivity.unit.per_year", lang, share=share) if kind == "share_year" else share
    return say_in_kind(kind, value, lang, money)


def _phrase(path: str, lang: str) -> str:
    """The input as said in a sentence ("the chance that solving succeeds")."""
    return say_named("input", path, lang)


@dataclass(frozen=True)
class _Run:
    """A stretch of one strategy along the second input: cells ``start`` to ``end`` (inclusive)."""

    strategy: str
    start: int
    end: int


def _runs(column: tuple[str, ...]) -> list[_Run]:
    runs: list[_Run] = []
    for j, strategy in enumerate(column):
        if runs and runs[-1].strategy == strategy:
            runs[-1] = _Run(strategy, runs[-1].start, j)
        else:
            runs.append(_Run(strategy, j, j))
    return runs


def _border(values: tuple[float, ...], j: int) -> float:
    """The border between cell ``j`` and cell ``j + 1``: halfway."""
    return (values[j] + values[j + 1]) / 2


@dataclass(frozen=True)
class _Band:
    """Neighbouring values of the first input (``start`` to ``end``) along which the advice runs the same way
    over the second input: the same strategies in the same order."""

    start: int
    end: int
    runs: tuple[tuple[_Run, ...], ...]  # per column of the band

    @property
    def strategies(self) -> tuple[str, ...]:
        return tuple(run.strategy for run in self.runs[0])


def _bands(cells: tuple[tuple[str, ...], ...]) -> list[_Band]:
    bands: list[_Band] = []
    for i, column in enumerate(cells):
        runs = tuple(_runs(column))
        if bands and bands[-1].strategies == tuple(run.strategy for run in runs):
            last = bands[-1]
            bands[-1] = _Band(last.start, i, (*last.runs, runs))
        else:
            bands.append(_Band(i, i, (runs,)))
    return bands


def _band_range(item: StrategyMap, band: _Band, lang: str, money: MoneyFormat) -> str:
    """Where the band lies along the first input: below, above or between (a band over the whole of it
    is said by the ``_whole`` sentences instead, see _band_reason)."""

    def said(value: float) -> str:
        return say_input_value(item.x, value, lang, money)

    last = len(item.x_values) - 1
    low = None if band.start == 0 else _border(item.x_values, band.start - 1)
    high = None if band.end == last else _border(item.x_values, band.end)
    if low is None:
        assert high is not None
        return translate("strategy_map.range.below", lang, threshold=said(high))
    if high is None:
        return translate("strategy_map.range.above", lang, threshold=said(low))
    return translate("strategy_map.range.between", lang, low=said(low), high=said(high))


def _level(item: StrategyMap, band: _Band, k: int, lang: str, money: MoneyFormat) -> str:
    """The value of the second input where run ``k`` of the band ends: one value, or one that moves."""
    borders = [_border(item.y_values, runs[k].end) for runs in band.runs]
    first, last = (say_input_value(item.y, v, lang, money) for v in (borders[0], borders[-1]))
    said = {say_input_value(item.y, v, lang, money) for v in borders}
    if len(said) == 1:
        return first
    return translate("strategy_map.level_moves", lang, first=first, last=last)


def _band_reason(item: StrategyMap, band: _Band, lang: str, money: MoneyFormat) -> str:
    """One band in words. A band over the whole of the first input is said with ``two_whole`` or
    ``many_whole`` ("Whatever the chance ... (from 0% to 100%)"), not as a range it lies in; such a band
    has two runs or more, as one run over the whole map is ``everywhere``."""
    names: dict[str, Any] = {"input_x": _phrase(item.x, lang), "input_y": _phrase(item.y, lang)}
    whole = band.start == 0 and band.end == len(item.x_values) - 1
    if whole:
        names["x_low"], names["x_high"] = (
            say_input_value(item.x, v, lang, money) for v in (item.x_values[0], item.x_values[-1])
        )
    else:
        names["range_x"] = _band_range(item, band, lang, money)
    y_low, y_high = (say_input_value(item.y, v, lang, money) for v in (item.y_values[0], item.y_values[-1]))
    runs = band.runs[0]
    if len(runs) == 1:
        assert not whole  # one run over the whole map is said as strategy_map.everywhere
        return translate("strategy_map.band.one", lang, strategy=runs[0].strategy, low=y_low, high=y_high, **names)
    if len(runs) == 2:
        return translate(
            "strategy_map.band.two_whole" if whole else "strategy_map.band.two",
            lang,
            strategy=runs[0].strategy,
            other=runs[1].strategy,
            threshold=_level(item, band, 0, lang, money),
            **names,
        )
    parts = [
        translate(
            "strategy_map.run.first", lang, strategy=runs[0].strategy, threshold=_level(item, band, 0, lang, money)
        )
    ]
    parts += [
        translate(
            "strategy_map.run.middle",
            lang,
            strategy=run.strategy,
            low=_level(item, band, k - 1, lang, money),
            high=_level(item, band, k, lang, money),
        )
        for k, run in enumerate(runs[1:-1], start=1)
    ]
    parts.append(
        translate(
            "strategy_map.run.last",
            lang,
            strategy=runs[-1].strategy,
            threshold=_level(item, band, len(runs) - 2, lang, money),
        )
    )
    key = "strategy_map.band.many_whole" if whole else "strategy_map.band.many"
    return translate(key, lang, runs=", ".join(parts), **names)


def describe(item: StrategyMap, lang: str = "en", money: MoneyFormat = fmt.money) -> tuple[str, ...]:
    """The map in words: per band of one input, the advice along the other; then the case's own estimates.

    The input whose bands are fewer is the one banded (the map's first input on a tie); when both
    have more than MAX_BANDS, the share of the map per option is said instead.
    """
    one = item if len(item.strategies) == 1 else min((item, item.transposed()), key=lambda m: len(_bands(m.cells)))
    bands = _bands(one.cells)
    if len(bands) == 1 and len(bands[0].strategies) == 1:
        said = [
            translate(
                "strategy_map.everywhere",
                lang,
                strategy=bands[0].strategies[0],
                input_x=_phrase(one.x, lang),
                input_y=_phrase(one.y, lang),
                x_low=say_input_value(one.x, one.x_values[0], lang, money),
                x_high=say_input_value(one.x, one.x_values[-1], lang, money),
                y_low=say_input_value(one.y, one.y_values[0], lang, money),
                y_high=say_input_value(one.y, one.y_values[-1], lang, money),
            )
        ]
    elif len(bands) <= MAX_BANDS:
        said = [_band_reason(one, band, lang, money) for band in bands]
    else:
        said = [translate("strategy_map.share", lang, strategy=s, share=item.share(s)) for s in item.strategies]
    marker = translate(
        "strategy_map.marker",
        lang,
        strategy=item.marker_strategy,
        input_x=_phrase(item.x, lang),
        input_y=_phrase(item.y, lang),
        x=say_input_value(item.x, item.marker_x, lang, money),
        y=say_input_value(item.y, item.marker_y, lang, money),
    )
    said.append(marker)
    if item.marker_strategy != item.recommended:
        said.append(translate("strategy_map.marker_differs", lang, strategy=item.recommended))
    return tuple(said)


def precision(item: StrategyMap, lang: str = "en", money: MoneyFormat = fmt.money) -> str:
    """How precise the map is, in words: every cell on the same futures as the advice (so a border is
    the two inputs' effect, not sampling noise), and a border placed to within one step of the grid."""
    return translate(
        "strategy_map.precision",
        lang,
        iterations=item.iterations,
        input_x=_phrase(item.x, lang),
        input_y=_phrase(item.y, lang),
        step_x=say_input_value(item.x, item.x_values[1] - item.x_values[0], lang, money),
        step_y=say_input_value(item.y, item.y_values[1] - item.y_values[0], lang, money),
    )
