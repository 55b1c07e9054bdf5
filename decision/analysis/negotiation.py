"""The negotiation around the zone of agreement: what the BATNAs are made of, what would open an
empty zone, the supplier's margin under the agreement, and options for mutual gain."""

from __future__ import annotations

import math
from dataclasses import dataclass

from decision.engine.simulation import Draws, Simulation, discount_factors, draw, simulate, supplier_revenue
from decision.engine.zopa import Zopa, zone_of_agreement
from decision.model import registry
from decision.model.case import Case, Estimate, NegotiationOption

# --- What the BATNAs are made of, what would open an empty zone, the supplier's margin -----------

# Gains closer to zero than this (euros) count as zero: the zone is about whole euros.
EURO_TOLERANCE = 1e-6
# The shift (euros, or margin points) used to read off the exactly linear effect of an input.
_UNIT_SHIFT = {"loss_of_client": 100_000.0, "margin": 0.1}


@dataclass(frozen=True)
class SupplierValue:
    """The supplier's expected value of one strategy, in its parts (euros, present value).

    ``margin`` is what it still earns, ``margin_lost`` what it forgoes against keeping
    the client for the whole horizon; ``programme`` (its share of the fixes under
    solve), ``lost_reference`` (-L), ``legal_fees`` and ``legal_outcome`` (award paid,
    or counterclaim received) are signed as they add to ``total``.
    """

    strategy: str
    margin: float
    margin_lost: float
    programme: float
    lost_reference: float
    legal_fees: float
    legal_outcome: float

    @property
    def total(self) -> float:
        return self.margin + self.programme + self.lost_reference + self.legal_fees + self.legal_outcome


@dataclass(frozen=True)
class Opener:
    """How far one input would have to move for the zone of agreement to open (just).

    ``lever`` is ``loss_of_client_cost`` (supplier's loss of reference L, euros),
    ``normal_margin`` (share of revenue) or ``client_batna_cost`` (euros). ``status``:
    ``opens`` (at ``required``), ``out_of_range`` (only at a margin above 100%),
    ``client_loses`` (the client is worse off even if the supplier pays the whole
    programme), ``supplier_loses`` (the supplier is worse off even if the client pays
    it all) or ``no_effect`` (the lever does not raise the supplier's gain).
    """

    lever: str
    current: float
    required: float | None
    status: str

    @property
    def change(self) -> float | None:
        return None if self.required is None else self.required - self.current


@dataclass(frozen=True)
class AgreementMargin:
    """The supplier's margin on its revenue over the horizon when the programme runs.

    ``at(s) = normal - (1 - s) * slope / revenue``: its normal margin less its share of
    the programme cost, both discounted over the horizon and as a share of the revenue.
    """

    normal: float
    revenue: float  # expected discounted revenue over the horizon (euros)
    slope: float  # expected discounted programme cost inside the horizon (euros)

    def at(self, share: float) -> float:
        if self.revenue <= 0:
            return self.normal
        return self.normal - (1.0 - share) * self.slope / self.revenue

    @property
    def break_even_share(self) -> float | None:
        """The client share from which the supplier's margin is at least zero (None: never negative)."""
        if self.slope <= 0 or self.at(0.0) >= 0:
            return None
        return min(1.0, 1.0 - self.normal * self.revenue / self.slope)


@dataclass(frozen=True)
class NegotiationAnalysis:
    zopa: Zopa
    supplier_batna: SupplierValue
    supplier_solve: SupplierValue
    openers: tuple[Opener, ...]  # empty when the zone is not empty
    margin: AgreementMargin

    @property
    def client_solve_cost(self) -> float:
        """The client's expected cost of solving at the case share."""
        return self.zopa.client_batna_cost - self.zopa.client_gain_at_case_share


def _supplier_parts(case: Case, draws: Draws, base: Simulation, strategy: str) -> SupplierValue:
    """Split the supplier's value by zeroing one input at a time (the value is additive in them)."""

    def without(d: Draws) -> float:
        return total - float(simulate(case, draws=d).supplier_value[strategy].mean())

    total = float(base.supplier_value[strategy].mean())
    margin = without(draws.with_value("margin", 0.0))
    return SupplierValue(
        strategy=strategy,
        margin=margin,
        margin_lost=float(base.supplier_value["muddle"].mean()) - margin,
        programme=without(draws.with_value("programme_cost", 0.0)),
        lost_reference=without(draws.with_value("loss_of_client", 0.0)),
        legal_fees=without(draws.with_value("supplier_fees", 0.0)),
        legal_outcome=without(
            draws.with_value("recovery", 0.0).with_value("cost_award", 0.0).with_value("counterclaim", 0.0)
        ),
    )


def _supplier_gain_per_unit(case: Case, draws: Draws, name: str, base: Zopa, book_view: bool) -> float:
    """d(supplier gain)/d(input), read off exactly because the gain is linear in a shift of the input."""
    shift = _UNIT_SHIFT[name]
    shifted = draws.with_value(name, draws.values[name] + shift)
    moved = zone_of_agreement(simulate(case, draws=shifted), book_view)
    return (moved.supplier_gain_at_case_share - base.supplier_gain_at_case_share) / shift


def required_supplier_gain(zopa: Zopa) -> float | None:
    """The smallest supplier gain at the case share that opens the zone; None if no supplier gain can.

    The zone is non-empty when the client gains at share 0, the supplier gains at share 1,
    and the joint gain is >= 0 (MODEL.md section 5: both lines are linear in s).
    """
    s, slope = zopa.case_share, zopa.slope
    if zopa.client_gain(0.0) < -EURO_TOLERANCE:
        return None
    return max(-zopa.client_gain_at_case_share, -(1.0 - s) * slope)


def required_client_gain(zopa: Zopa) -> float | None:
    """The smallest client gain at the case share that opens the zone; None if no client gain can."""
    s, slope = zopa.case_share, zopa.slope
    if zopa.supplier_gain(1.0) < -EURO_TOLERANCE:
        return None
    return max(-zopa.supplier_gain_at_case_share, -s * slope)


def zone_openers(case: Case, draws: Draws, zopa: Zopa, book_view: bool = False) -> tuple[Opener, ...]:
    """Per lever, the value (mean of its estimate) at which the empty zone just opens, all else equal.

    The supplier's gain is linear in a shift of L (it rises by the expected discount factor
    of the BATNA's go-live within the horizon, less that of a failed solve's fallback) and
    of its margin; the client's gain rises one for one with the cost of its BATNA.
    """
    if not zopa.empty:
        return ()
    openers: list[Opener] = []
    needed = required_supplier_gain(zopa)
    for name, lever in (("loss_of_client", "loss_of_client_cost"), ("margin", "normal_margin")):
        current = getattr(case.supplier, lever).mean
        if needed is None:
            openers.append(Opener(lever, current, None, "client_loses"))
            continue
        per_unit = _supplier_gain_per_unit(case, draws, name, zopa, book_view)
        if per_unit <= EURO_TOLERANCE:
            openers.append(Opener(lever, current, None, "no_effect"))
            continue
        required = current + max(0.0, needed - zopa.supplier_gain_at_case_share) / per_unit
        in_range = lever != "normal_margin" or required <= 1.0
        openers.append(Opener(lever, current, required, "opens" if in_range else "out_of_range"))
    needed_client = required_client_gain(zopa)
    if needed_client is None:
        openers.append(Opener("client_batna_cost", zopa.client_batna_cost, None, "supplier_loses"))
    else:
        required_cost = zopa.client_batna_cost + max(0.0, needed_client - zopa.client_gain_at_case_share)
        openers.append(Opener("client_batna_cost", zopa.client_batna_cost, required_cost, "opens"))
    return tuple(openers)


def analyse(case: Case, iterations: int = 10_000, seed: int = 1, book_view: bool = False) -> NegotiationAnalysis:
    """The zone with the same draws as ``results.evaluate``, the BATNAs in parts, openers, margins."""
    draws = draw(case, iterations, seed)
    simulation = simulate(case, draws=draws)
    zopa = zone_of_agreement(simulation, book_view)
    x = draws.values
    discount = discount_factors(case.discount_rate, case.horizon_months)
    paid = supplier_revenue(case, x)
    revenue = float(paid.mean()) * float(discount.sum())
    margin_revenue = float((x["margin"] * paid).mean()) * float(discount.sum())
    normal = margin_revenue / revenue if revenue > 0 else float(x["margin"].mean())
    return NegotiationAnalysis(
        zopa=zopa,
        supplier_batna=_supplier_parts(case, draws, simulation, zopa.client_batna),
        supplier_solve=_supplier_parts(case, draws, simulation, "solve"),
        openers=zone_openers(case, draws, zopa, book_view),
        margin=AgreementMargin(normal=normal, revenue=revenue, slope=zopa.slope),
    )


# --- Options for mutual gain ------------------------------------------------------------------


def _shift(estimate: Estimate, change: float, path: str) -> Estimate:
    """The estimate moved by ``change`` (low, most likely and high alike), kept within the input's range
    (a duration stays at least one month)."""
    spec = registry.BY_PATH[path]
    low = max(1.0, spec.minimum or 0.0) if spec.duration else (spec.minimum if spec.minimum is not None else -math.inf)
    high = spec.maximum if spec.maximum is not None else math.inf
    return estimate.model_copy(
        update={k: min(high, max(low, getattr(estimate, k) + change)) for k in ("low", "mode", "high")}
    )


def apply_option(case: Case, option: NegotiationOption) -> Case:
    """The case as it would be with the option agreed: its changes added to the solve estimates."""
    solve = case.solve
    changed = solve.model_copy(
        update={
            "programme_cost": _shift(solve.programme_cost, option.programme_cost_change, "solve.programme_cost"),
            "internal_cost": _shift(solve.internal_cost, option.internal_cost_change, "solve.internal_cost"),
            "improvement_months": _shift(solve.improvement_months, option.months_change, "solve.improvement_months"),
            "p_success": _shift(solve.p_success, option.p_success_change, "solve.p_success"),
        }
    )
    return case.model_copy(update={"solve": changed})


@dataclass(frozen=True)
class OptionEffect:
    """What one option for mutual gain does to solving: the client's expected cost and the zone."""

    option: NegotiationOption
    solve_mean: float
    solve_mean_change: float  # against the case without the option; negative is cheaper
    zopa: Zopa


def option_effects(
    case: Case, iterations: int = 10_000, seed: int = 1, book_view: bool = False
) -> tuple[OptionEffect, ...]:
    """Each option of the case evaluated on a modified copy, with the same seed (paired draws)."""
    base = float(simulate(case, iterations, seed).totals(book_view)["solve"].mean())
    effects: list[OptionEffect] = []
    for option in case.negotiation.options:
        simulation = simulate(apply_option(case, option), iterations, seed)
        mean = float(simulation.totals(book_view)["solve"].mean())
        effects.append(OptionEffect(option, mean, mean - base, zone_of_agreement(simulation, book_view)))
    return tuple(effects)


# Starting points for the options table (judgement, to be adjusted to the case): changes to
# the programme cost and the internal cost (euros), the months and the chance of success.
STANDARD_OPTIONS: dict[str, dict[str, float]] = {
    "phased_delivery": {"internal_cost_change": 20_000, "months_change": 3, "p_success_change": 0.10},
    "scope_cut": {"programme_cost_change": -60_000, "months_change": -2, "p_success_change": 0.05},
    "price_reduction": {"programme_cost_change": -40_000},
    "independent_supervisor": {"internal_cost_change": 120_000, "p_success_change": 0.10},
}
