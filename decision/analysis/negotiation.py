"""The negotiation around the zone of agreement: what the BATNAs are made of, what would open an
empty zone, the supplier's margin under the agreement, and options for mutual gain."""

from __future__ import annotations

import math
from dataclasses import dataclass

from decision.engine.simulation import Draws, Simulation, discount_factors, draw, simulate, supplier_revenue
from decision.engine.zopa import Zopa, client_batna, zone_of_agreement
from decision.model import registry
from decision.model.case import Case, Estimate, NegotiationOption
from decision.model.triage import triage

# --- What the BATNAs are made of, what would open an empty zone, the supplier's margin -----------

# Gains closer to zero than this (euros) count as zero: the zone is about whole euros.
EURO_TOLERANCE = 1e-6
# The shift (euros, or margin points) used to read off the exactly linear effect of an input.
_UNIT_SHIFT = {"loss_of_client": 100_000.0, "margin": 0.1}
# Shares closer than this count as the same split (a clamped equal-gain share is the zone's edge).
_SHARE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class SupplierValue:
    """The supplier's expected value of one strategy, in its parts (euros, present value).

    ``margin`` is what it still earns, ``margin_lost`` what it forgoes against keeping
    the client for the whole horizon; ``programme`` (its share of the fixes under
    solve), ``lost_reference`` (-L), ``legal_fees``, ``legal_outcome`` (the award or the
    settlement paid, or the counterclaim received) and ``exit_deal`` (under an orderly exit,
    the settlement S paid and the help with the replacement) are signed as they add to ``total``.
    """

    strategy: str
    margin: float
    margin_lost: float
    programme: float
    lost_reference: float
    legal_fees: float
    legal_outcome: float
    exit_deal: float = 0.0

    @property
    def total(self) -> float:
        return (
            self.margin + self.programme + self.lost_reference + self.legal_fees + self.legal_outcome + self.exit_deal
        )


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
class ExpectedMargin:
    """The supplier's expected margin under solve (MODEL.md 7.8): its expected value of the agreement
    over its expected discounted revenue under solve, risk of failure included.

    Its value is linear in the client share s (it pays ``(1 - s)`` of the programme):
    ``at(s) = (value + (s - case_share) * slope) / revenue``; ``at(case_share)`` is
    ``zopa.supplier_margin_at_case_share``.
    """

    normal: float | None  # zopa.normal_margin
    value: float  # the supplier's expected value under solve at the case share (euros)
    revenue: float  # its expected discounted revenue under solve (euros)
    slope: float
    case_share: float

    def at(self, share: float) -> float | None:
        if self.revenue <= 0:
            return None
        return (self.value + (share - self.case_share) * self.slope) / self.revenue

    @property
    def break_even_share(self) -> float | None:
        """The client share from which the supplier expects no loss; None when it never expects one
        (or has no revenue), above 1 when it expects a loss even if the client pays everything."""
        if self.revenue <= 0 or self.value + (0.0 - self.case_share) * self.slope >= 0:
            return None
        if self.slope <= 0:
            return math.inf
        return self.case_share - self.value / self.slope

    @property
    def normal_margin_share(self) -> float | None:
        """The client share from which the supplier expects at least its normal margin (the source
        text's third goal): ``at(s) >= normal``. None without a normal margin or revenue, or when it
        expects it at every split; above 1 when not even the client paying everything gives it."""
        if self.normal is None or self.revenue <= 0:
            return None
        needed = self.normal * self.revenue - (self.value - self.case_share * self.slope)  # beyond its value at s = 0
        if needed <= 0:
            return None
        if self.slope <= 0:
            return math.inf
        share = needed / self.slope
        # Exactly 1 (the client paying everything gives the normal margin) may come out a hair above it.
        return 1.0 if math.isclose(share, 1.0, rel_tol=1e-9) else share


@dataclass(frozen=True)
class EqualGain:
    """How the two gains compare over the zone (MODEL.md section 5's equal-gain split).

    ``kind``: ``equal`` (both gain the same at ``share``), ``client_more`` or ``supplier_more``
    (the equal split lies outside [0, 1]: that party gains more at every split of the zone,
    ``share`` is the zone's edge nearest to equal), ``flat`` (no shared programme cost: the split
    moves neither gain) or ``none`` (no zone).
    """

    kind: str
    share: float | None


def equal_gain(zopa: Zopa) -> EqualGain:
    """Whether the zone's equal-gain share is a split at which both gain the same, or clamped to an edge."""
    if zopa.empty or zopa.equal_gain_share is None:
        return EqualGain("none", None)
    if zopa.slope <= 0:
        return EqualGain("flat", None)
    unclamped = zopa.case_share + (zopa.client_gain_at_case_share - zopa.supplier_gain_at_case_share) / (
        2.0 * zopa.slope
    )
    share = zopa.equal_gain_share
    # Left of the crossing the client gains more, right of it the supplier (the client's gain falls with s).
    if unclamped > share + _SHARE_TOLERANCE:
        return EqualGain("client_more", share)
    if unclamped < share - _SHARE_TOLERANCE:
        return EqualGain("supplier_more", share)
    return EqualGain("equal", share)


def every_split_agrees(zopa: Zopa) -> bool:
    """Whether both parties gain at every split of the programme cost (a zone from 0% to 100%): then
    "when the client pays between 0% and 100%" tells nobody anything, and the pages say it in words."""
    low, high = zopa.client_share_min, zopa.client_share_max
    return low is not None and high is not None and low <= 0.0 and high >= 1.0


@dataclass(frozen=True)
class SettlementPosition:
    """Where the case's own settlement S (the mean of its estimate) lies against the settlement zone
    of an orderly exit (7.8): ``inside``, ``below`` (the client prefers its BATNA), ``above`` (the
    supplier prefers its value of the client's BATNA) or ``empty`` (no S suits both)."""

    amount: float
    where: str


def criterion_position(zopa: Zopa, repair_share: float | None) -> str:
    """Where the objective criterion (the client pays 1 - repair share: repair is the supplier's, new
    work the client's, MODEL.md 7.8) lies against the zone: "none" (no repair share given),
    "no_zone", "in_zone", "below" (the supplier loses) or "above" (the client loses)."""
    if zopa.criterion_share is None or repair_share is None:
        return "none"
    if zopa.client_share_min is None or zopa.client_share_max is None:
        return "no_zone"
    if zopa.criterion_in_zone:
        return "in_zone"
    return "below" if zopa.criterion_share < zopa.client_share_min else "above"


def settlement_position(case: Case, zopa: Zopa) -> SettlementPosition | None:
    """The case's settlement against the zone of an agreed exit; None without an exit deal."""
    if case.exit_deal is None or zopa.exit_deal is None:
        return None
    amount = case.exit_deal.settlement.mean
    low, high = zopa.exit_deal.settlement_min, zopa.exit_deal.settlement_max
    if low is None:
        return SettlementPosition(amount, "empty")
    if amount < low - EURO_TOLERANCE:
        return SettlementPosition(amount, "below")
    if high is not None and amount > high + EURO_TOLERANCE:
        return SettlementPosition(amount, "above")
    return SettlementPosition(amount, "inside")


@dataclass(frozen=True)
class NegotiationAnalysis:
    zopa: Zopa
    supplier_batna: SupplierValue
    supplier_solve: SupplierValue
    openers: tuple[Opener, ...]  # empty when the zone is not empty
    margin: AgreementMargin
    expected_margin: ExpectedMargin
    # The cheapest alternative overall when the triage rules it out and it would have been the BATNA
    # (its code and expected cost); None when the BATNA is the cheapest alternative (7.8).
    cheaper_ruled_out: tuple[str, float] | None = None

    @property
    def client_solve_cost(self) -> float:
        """The client's expected cost of solving at the case share."""
        return self.zopa.client_batna_cost - self.zopa.client_gain_at_case_share


def _supplier_parts(case: Case, draws: Draws, base: Simulation, strategy: str) -> SupplierValue:
    """Split the supplier's value by zeroing one group of inputs at a time: the value is additive in the
    groups, so the parts add up to the value (``total``), as the tests check for every preset and way out."""

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
            draws.with_value("recovery", 0.0)
            .with_value("cost_award", 0.0)
            .with_value("counterclaim", 0.0)
            .with_value("settle_fraction", 0.0)
        ),
        exit_deal=without(draws.with_value("settlement", 0.0).with_value("replacement_saving", 0.0))
        if strategy == "exit_deal"
        else 0.0,
    )


def _supplier_gain_per_unit(
    case: Case, draws: Draws, name: str, base: Zopa, book_view: bool, allowed: tuple[str, ...] | None = None
) -> float:
    """d(supplier gain)/d(input), read off exactly because the gain is linear in a shift of the input."""
    shift = _UNIT_SHIFT[name]
    shifted = draws.with_value(name, draws.values[name] + shift)
    moved = zone_of_agreement(simulate(case, draws=shifted), book_view, allowed)
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


def zone_openers(
    case: Case, draws: Draws, zopa: Zopa, book_view: bool = False, allowed: tuple[str, ...] | None = None
) -> tuple[Opener, ...]:
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
        per_unit = _supplier_gain_per_unit(case, draws, name, zopa, book_view, allowed)
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


def analyse(
    case: Case,
    iterations: int = 10_000,
    seed: int = 1,
    book_view: bool = False,
    *,
    draws: Draws | None = None,
    simulation: Simulation | None = None,
) -> NegotiationAnalysis:
    """The zone with the same draws as ``results.evaluate``, the BATNAs in parts, openers, margins.

    The client's BATNA is its cheapest alternative that the triage allows (MODEL.md 7.8), as in ``evaluate``.
    Pass ``draws`` (``draw(case, iterations, seed)``) and ``simulation`` (of those draws) when they are
    at hand, not to make them again.
    """
    draws = draws if draws is not None else draw(case, iterations, seed)
    simulation = simulation if simulation is not None else simulate(case, draws=draws)
    allowed = triage(case).allowed
    zopa = zone_of_agreement(simulation, book_view, allowed)
    means = {s: float(v.mean()) for s, v in simulation.totals(book_view).items()}
    cheapest = client_batna(means)
    solve_revenue = simulation.supplier_solve_revenue
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
        openers=zone_openers(case, draws, zopa, book_view, allowed),
        margin=AgreementMargin(normal=normal, revenue=revenue, slope=zopa.slope),
        expected_margin=ExpectedMargin(
            normal=zopa.normal_margin,
            value=zopa.supplier_solve_value,
            revenue=float(solve_revenue.mean()) if solve_revenue is not None else 0.0,
            slope=zopa.slope,
            case_share=zopa.case_share,
        ),
        cheaper_ruled_out=None if cheapest == zopa.client_batna else (cheapest, means[cheapest]),
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
    """Each option of the case evaluated on a modified copy, with the same seed (paired draws); the BATNA
    is the cheapest allowed alternative, as in ``analyse``."""
    base = float(simulate(case, iterations, seed).totals(book_view)["solve"].mean())
    effects: list[OptionEffect] = []
    for option in case.negotiation.options:
        changed = apply_option(case, option)
        simulation = simulate(changed, iterations, seed)
        mean = float(simulation.totals(book_view)["solve"].mean())
        zopa = zone_of_agreement(simulation, book_view, triage(changed).allowed)
        effects.append(OptionEffect(option, mean, mean - base, zopa))
    return tuple(effects)


# Starting points for the options table (judgement, to be adjusted to the case): changes to
# the programme cost and the internal cost (euros), the months and the chance of success.
STANDARD_OPTIONS: dict[str, dict[str, float]] = {
    "phased_delivery": {"internal_cost_change": 20_000, "months_change": 3, "p_success_change": 0.10},
    "scope_cut": {"programme_cost_change": -60_000, "months_change": -2, "p_success_change": 0.05},
    "price_reduction": {"programme_cost_change": -40_000},
    "independent_supervisor": {"internal_cost_change": 120_000, "p_success_change": 0.10},
}
