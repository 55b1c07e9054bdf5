"""The two optional ways out, switched on and off per case: another implementation partner
(``partner``, MODEL.md 7.4) and an orderly exit agreed with the supplier (``exit_deal``, 7.5).

Switching one on gives the case its group, pre-filled from the case where the case holds a
number that means the same (``prefill``); every pre-filled estimate is marked
``origin="default"`` with a source sentence that says where it came from, so the completeness
counts and the memo say it is not the director's own yet. An estimate copied from one that is
still empty stays empty. Switching off removes the group (the strategy no longer exists).

The readings (docs/MODEL-NOTES.md, "Pre-filled ways out"):

``partner``
  - ``exit_cost``: handing over configuration, documentation and the extensions' source code,
    EUR 5k / 15k / 30k (docs/DOMAIN.md, judgement); the case's ``stop.exit_cost`` also holds the
    data migration out, which a partner change does not need.
  - ``transition_cost``: the repairs the improvement programme would make
    (``solve.programme_cost``, all of it: there is no supplier to share it with) plus the new
    partner's audit and knowledge transfer, EUR 25k / 40k / 60k (DOMAIN.md, judgement).
  - ``transition_months``: ``solve.improvement_months``, the time the same repairs take (DOMAIN.md:
    3 / 6 / 10 months for a transition, 3 / 6 / 12 for a recovery). Not the replacement's months: the
    package stays, nothing is selected or migrated.
  - ``p_success`` and ``residual_dysfunction``: ``solve``'s, the same repairs on the same package.
  - ``running_cost_per_month``: left empty, so the model uses the current running cost R of the same
    draw (MODEL.md 7.4: default R).
  - ``fallback``: ``switch``, the model's default.

``exit_deal``
  - ``p_agree``: ``legal.p_settle`` when the case gives a chance of a settlement above 0 (the same
    parties agreeing in the shadow of the same lawsuit); otherwise 30% / 47% / 65% around the 47% of
    court-referred mediations in commercial cases that reached agreement (2016, DOMAIN.md).
  - ``negotiation_months``: 2 / 3 / 6 and ``negotiation_cost`` EUR 15k / 30k / 60k (DOMAIN.md, judgement).
  - ``settlement``: around the supplier's contract exposure, the fees the contract still owes it
    (running cost R x committed months C, most likely values): 25% / 50% / 75% of it, the supplier
    waiving between a quarter and three quarters of what is left.
  - ``replacement_saving``: 0 / 50% / 100% of the most likely ``stop.exit_cost``: the supplier's
    cooperative export takes over none, half or all of the data extraction otherwise paid for.
  - ``months_saved``: 0 / 1 / 3 (judgement; data migrations ran 41% over time, Bloor 2011).
  - ``fallback``: ``stop``, the model's default.

``solve.gate_months`` (a go/no-go review, switched on on the Assumptions page): halfway through
``solve.improvement_months``, rounded up, at least month 1.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from decision.model.case import Case, Estimate, ExitDeal, Partner
from decision.model.loader import parse_case
from decision.model.problems import CaseError
from decision.model.quick import PARTNER_AUDIT, PARTNER_EXIT
from decision.model.registry import OPTIONAL_GROUPS
from decision.text.i18n import translate

OPTIONS: tuple[str, ...] = OPTIONAL_GROUPS  # ("partner", "exit_deal")

# DOMAIN.md's figures (judgement) for what the case holds no number for: low, most likely, high.
# The partner's are the quick start's (one table, decision/model/quick.py).
PARTNER_HANDOVER = PARTNER_EXIT
PARTNER_KNOWLEDGE_TRANSFER = PARTNER_AUDIT
MEDIATION_AGREEMENT = (0.30, 0.47, 0.65)
NEGOTIATION_MONTHS = (2.0, 3.0, 6.0)
NEGOTIATION_COST = (15_000.0, 30_000.0, 60_000.0)
SETTLEMENT_SHARES = (0.25, 0.50, 0.75)
SAVING_SHARES = (0.0, 0.5, 1.0)
MONTHS_SAVED = (0.0, 1.0, 3.0)


def _source(group: str, field: str, lang: str) -> str:
    return translate(f"inputs.prefill.{group}.{field}", lang)


def _typical(values: tuple[float, float, float], source: str) -> Estimate:
    low, mode, high = values
    return Estimate(low=low, mode=mode, high=high, source=source, origin="default")


def _from(base: Estimate, source: str, change: Callable[[float], float] = float) -> Estimate:
    """``base`` (its distribution kept) with ``change`` applied to its three values, as a default with
    ``source``; still empty when ``base`` is."""
    return Estimate(
        low=change(base.low),
        mode=change(base.mode),
        high=change(base.high),
        distribution=base.distribution,
        source=source,
        origin="empty" if base.origin == "empty" else "default",
    )


def prefill_partner(case: Case, lang: str) -> Partner:
    """Another implementation partner, pre-filled from ``case`` (see the module docstring)."""
    solve = case.solve
    low, mode, high = PARTNER_KNOWLEDGE_TRANSFER
    programme = solve.programme_cost
    transition_cost = Estimate(
        low=programme.low + low,
        mode=programme.mode + mode,
        high=programme.high + high,
        distribution=programme.distribution,
        source=_source("partner", "transition_cost", lang),
        origin="empty" if programme.origin == "empty" else "default",
    )
    return Partner(
        exit_cost=_typical(PARTNER_HANDOVER, _source("partner", "exit_cost", lang)),
        transition_cost=transition_cost,
        transition_months=_from(solve.improvement_months, _source("partner", "transition_months", lang)),
        p_success=_from(solve.p_success, _source("partner", "p_success", lang)),
        residual_dysfunction=_from(solve.residual_dysfunction, _source("partner", "residual_dysfunction", lang)),
        running_cost_per_month=None,
        fallback="switch",
    )


def contract_exposure(case: Case) -> float:
    """The fees the contract still owes the current supplier: running cost x committed months (most likely)."""
    return case.current.running_cost_per_month.mode * case.contract.committed_months.mode


def prefill_exit_deal(case: Case, lang: str) -> ExitDeal:
    """An orderly exit agreed with the supplier, pre-filled from ``case`` (see the module docstring)."""
    settle = case.legal.p_settle
    if settle.mode > 0:
        p_agree = _from(settle, _source("exit_deal", "p_agree_settle", lang))
    else:
        p_agree = _typical(MEDIATION_AGREEMENT, _source("exit_deal", "p_agree", lang))
    exposure = contract_exposure(case)
    running = case.current.running_cost_per_month
    low, mode, high = (share * exposure for share in SETTLEMENT_SHARES)
    settlement = Estimate(
        low=low,
        mode=mode,
        high=high,
        source=_source("exit_deal", "settlement" if exposure > 0 else "settlement_none", lang),
        origin="empty" if running.origin == "empty" else "default",
    )
    exit_cost = case.stop.exit_cost
    saving = Estimate(
        low=SAVING_SHARES[0] * exit_cost.mode,
        mode=SAVING_SHARES[1] * exit_cost.mode,
        high=SAVING_SHARES[2] * exit_cost.mode,
        source=_source("exit_deal", "replacement_saving", lang),
        origin="empty" if exit_cost.origin == "empty" else "default",
    )
    return ExitDeal(
        p_agree=p_agree,
        negotiation_months=_typical(NEGOTIATION_MONTHS, _source("exit_deal", "negotiation_months", lang)),
        negotiation_cost=_typical(NEGOTIATION_COST, _source("exit_deal", "negotiation_cost", lang)),
        settlement=settlement,
        replacement_saving=saving,
        months_saved=_typical(MONTHS_SAVED, _source("exit_deal", "months_saved", lang)),
        fallback="stop",
    )


def prefill_gate(case: Case, lang: str) -> dict[str, Any]:
    """A go/no-go review of the attempt at solving (``solve.gate_months``, MODEL.md 7.3), pre-filled
    halfway through the months to a working system (rounded up, at least month 1), as case-file data."""
    months = case.solve.improvement_months
    gate = _from(months, _source("solve", "gate_months", lang), lambda m: max(1.0, float(math.ceil(m / 2))))
    return gate.model_dump(mode="json")


PREFILLS: dict[str, Callable[[Case, str], Any]] = {"partner": prefill_partner, "exit_deal": prefill_exit_deal}


def prefill(case: Case, group: str, lang: str) -> dict[str, Any]:
    """The group ``group`` (``partner`` or ``exit_deal``) pre-filled from ``case``, as case-file data."""
    return PREFILLS[group](case, lang).model_dump(mode="json")


def switched_on(case: Case, group: str, lang: str, kept: dict[str, Any] | None = None) -> dict[str, Any]:
    """The data the group gets when it is switched on: what the case already holds, else what was
    ``kept`` when it was switched off (when that is still a valid group of this case), else ``prefill``."""
    held = getattr(case, group)
    if held is not None:
        return held.model_dump(mode="json")
    if kept is not None and with_option(case, group, kept) is not None:
        return kept
    return prefill(case, group, lang)


def with_option(case: Case, group: str, data: dict[str, Any] | None) -> Case | None:
    """``case`` with the group ``group`` set to ``data`` (None switches it off); None when not valid."""
    changed = case.model_dump(mode="json")
    changed[group] = data
    try:
        return parse_case(changed)
    except CaseError:
        return None
