"""The recommendation explained in plain language, as message keys with values.

``narrative`` builds the story from the results (what to do, why in the words of
the basis the advice is made on, which option the triage rules out although it is
close (``triage_driver``), the recommendation's warnings with their numbers
(``warnings_of``), the source text's last attempt before stopping
(``last_attempt``), what drives it (an estimate, or a setting of the case over
its range), what would change it (an estimate or, when none can, a triage
answer), what it costs if it goes badly, what more knowledge is worth, and the
sunk cost when it is large); ``say`` renders one part in a
language. Values named ``input`` are input paths (said as a phrase), values
named ``threshold*`` are values of that input (said as a percentage, months or
euros), ``research`` is a kind of research, and ``strategy``, ``runner_up`` and
``other`` are strategies.
"""

from __future__ import annotations

import math
from types import EllipsisType

from decision.analysis.last_attempt import LastAttempt, last_attempt
from decision.analysis.sensitivity import BreakEven, Sensitivity, is_setting, setting_value
from decision.analysis.triage_driver import triage_drivers
from decision.engine.results import Evaluation
from decision.model import registry
from decision.model.case import Case
from decision.model.triage import Reason
from decision.text import fmt
from decision.text.i18n import MoneyFormat
from decision.text.say import say_in_kind

# Money already invested is "large" when it is at least this share of the expected cost of
# the recommended strategy, or at least the gap to the runner-up: large enough to tempt a
# board to count it, or large enough to reverse the choice if it were (wrongly) counted.
SUNK_LARGE_SHARE = 0.25
# A chance of flipping below this is not worth a sentence.
FLIP_CHANCE_WORTH_SAYING = 0.01
# Research is named when knowing its answer is worth at least this share of perfect information.
RESEARCH_WORTH_SAYING = 0.05
SIGNIFICANT_DIGITS = 3


def _significant(value: float, digits: int = SIGNIFICANT_DIGITS) -> float:
    """``value`` rounded to ``digits`` significant digits: a break-even is not exact to the euro."""
    return float(f"{value:.{digits}g}")


def say_value(path: str, value: float, lang: str = "en", money: MoneyFormat = fmt.money) -> str:
    """A value of an input as a director reads it: 41%, 10% per year, 18 months, €1,250,000.

    Amounts are rounded to three significant digits (a break-even is not exact to the euro);
    ``money`` writes them (a workshop may round or hide them).
    """
    kind = registry.BY_PATH[path].kind
    return say_in_kind(kind, _significant(value) if kind in registry.MONEY_KINDS else value, lang, money)


def say(reason: Reason, lang: str = "en", money: MoneyFormat = fmt.money) -> str:
    """One part of the explanation (or a break-even) as a sentence in ``lang``, amounts written with ``money``."""
    return reason.say(lang, money)


def _threshold(path: str, value: float) -> float:
    return _significant(value) if registry.BY_PATH[path].kind in registry.MONEY_KINDS else value


def _ruled_out_by_triage(path: str, allowed: tuple[str, ...] | None) -> str | None:
    """The option an input belongs to when the triage rules that option out (solve's inputs), else None."""
    group = path.split(".", 1)[0]
    return group if allowed is not None and group in registry.STRATEGIES and group not in allowed else None


def break_even_reason(item: BreakEven, allowed: tuple[str, ...] | None = None) -> Reason:
    """The break-even as a sentence: "Solve stays the best choice as long as ... is above 41%".

    Given the options the triage ``allowed``, an input of an option it rules out (solve's chance of
    success while solving is ruled out) says that it cannot change the choice only while that holds.
    """
    if item.value is None:
        excluded = _ruled_out_by_triage(item.input, allowed)
        return Reason(
            "sensitivity.break_even.none" if excluded is None else "sensitivity.break_even.none_excluded",
            {
                "strategy": item.from_strategy,
                "input": item.input,
                "kind": registry.BY_PATH[item.input].kind,
                "threshold_low": _threshold(item.input, item.search_low),
                "threshold_high": _threshold(item.input, item.search_high),
                **({} if excluded is None else {"other": excluded}),
            },
        )
    return Reason(
        f"sensitivity.break_even.{item.stays_while}",
        {
            "strategy": item.from_strategy,
            "input": item.input,
            "kind": registry.BY_PATH[item.input].kind,
            "threshold": _threshold(item.input, item.value),
            "other": item.to_strategy,
        },
    )


def sunk_is_large(evaluation: Evaluation, analysis: Sensitivity) -> bool:
    """Whether the money invested to date is large relative to the decision (see SUNK_LARGE_SHARE)."""
    invested = evaluation.case.sunk.invested_to_date
    expected = evaluation.strategies[analysis.recommended].mean
    return invested > 0 and (invested >= SUNK_LARGE_SHARE * expected or invested >= analysis.gap)


def fallback_of(case: Case, strategy: str) -> str | None:
    """What follows when ``strategy`` fails (the attempt to solve, the move to another partner, the
    talks on an orderly exit): the case's ``<strategy>.fallback``; None for an option without one."""
    path = f"{strategy}.fallback"
    holder = getattr(case, strategy, None)
    if path not in registry.BY_PATH or holder is None:
        return None
    return str(holder.fallback)


def cheaper_on_average(evaluation: Evaluation, recommended: str, allowed: tuple[str, ...]) -> tuple[str, float] | None:
    """When ``recommended`` (advised on the P90 or the certainty equivalent) is not the allowed option
    with the lowest expected cost: that option and how much more the advice costs on average (at least
    a euro); else None."""
    cheaper = min(allowed, key=lambda s: evaluation.strategies[s].mean)
    premium = evaluation.strategies[recommended].mean - evaluation.strategies[cheaper].mean
    if cheaper == recommended or round(premium) <= 0:
        return None
    return cheaper, premium


def _why(evaluation: Evaluation, analysis: Sensitivity) -> Reason:
    """Why this option, in the words of the basis the advice is made on (MODEL.md 7.7).

    - mean (``why_mean``): the gap in expected cost (``amount``) and its chance of being the cheapest of the
      allowed options (``share``, ``p_best_allowed``: the runner-up it is measured against is allowed too);
    - P90 (``why_p90``): the gap in P90 (``amount``) and its expected cost (``amount_mean``);
    - certainty equivalent (``why_certainty_equivalent``): the risk tolerance (``amount_tolerance``),
      its certainty equivalent (``amount_ce``), the gap in certainty equivalents (``amount``), its
      expected cost (``amount_mean``) and what its risk weighs on top of that (``amount_risk``).

    On the P90 and the certainty equivalent, when another allowed option is cheaper on average
    (by at least a euro), the ``_dearer`` sentence names it (``other``, ``amount_other``) and says the
    difference (``amount_premium``) as what the protection against a bad outcome costs on average.
    """
    recommended = analysis.recommended
    best = evaluation.strategies[recommended]
    values: dict[str, object] = {"strategy": recommended, "runner_up": analysis.runner_up, "amount": analysis.gap}
    if analysis.basis == "mean":
        return Reason("explain.why_mean", {**values, "share": best.p_best_allowed})
    values["amount_mean"] = best.mean
    key = f"explain.why_{analysis.basis}"
    if analysis.basis == "certainty_equivalent":
        ce = analysis.base[recommended]
        values.update(amount_tolerance=analysis.risk_tolerance, amount_ce=ce, amount_risk=max(ce - best.mean, 0.0))
    dearer = cheaper_on_average(evaluation, recommended, analysis.allowed)
    if dearer is None:
        return Reason(key, values)
    cheaper, premium = dearer
    values.pop("amount_risk", None)
    other = {"other": cheaper, "amount_other": evaluation.strategies[cheaper].mean, "amount_premium": premium}
    return Reason(f"{key}_dearer", {**values, **other})


def _drivers(evaluation: Evaluation, analysis: Sensitivity) -> list[Reason]:
    """What moves the advantage most: an estimate between its low and high, or a setting of the case (the
    horizon, the discount rate) over the range the tornado swings it (``threshold_low``, ``threshold_high``)
    with the case's own value (``threshold``)."""
    if not analysis.tornado or analysis.tornado[0].swing <= 0:
        return [Reason("explain.no_uncertainty")]
    top = analysis.tornado[0]
    names = {"input": top.input, "runner_up": analysis.runner_up}
    if not is_setting(top.input):
        reasons = [Reason("explain.driver", {**names, "amount": top.swing})]
        if top.can_flip:
            reasons.append(Reason("explain.driver_flips", names))
        return reasons
    values = {
        **names,
        "kind": registry.BY_PATH[top.input].kind,
        "threshold_low": min(top.low_value, top.high_value),
        "threshold_high": max(top.low_value, top.high_value),
        "threshold": setting_value(evaluation.case, top.input),
        "amount": top.swing,
    }
    reasons = [Reason("explain.driver_setting", values)]
    if top.can_flip:
        reasons.append(Reason("explain.driver_setting_flips", names))
    return reasons


def _change(analysis: Sensitivity, said: frozenset[str] = frozenset()) -> list[Reason]:
    """What would change the choice: the first break-even, or, when no estimate can, the triage
    answers that can (those opening an option of ``said``, already said with amounts, left out)."""
    flip = analysis.first_flip()
    if flip is None:
        if analysis.triage_switches:
            switches = [s.reason() for s in analysis.triage_switches if not (s.opens and s.strategy in said)]
            return [Reason("explain.robust_estimates", {"strategy": analysis.recommended}), *switches]
        return [Reason("explain.robust", {"strategy": analysis.recommended})]
    reasons = [break_even_reason(flip)]
    if flip.share_beyond >= FLIP_CHANCE_WORTH_SAYING:
        reasons.append(Reason("explain.flip_chance", {"share": flip.share_beyond}))
    return reasons


def _information(analysis: Sensitivity) -> Reason:
    if analysis.evpi <= 0:
        key = "explain.no_information_value_triage" if analysis.triage_switches else "explain.no_information_value"
        return Reason(key, {"strategy": analysis.recommended})
    top = next((item for item in analysis.evppi if item.research is not None), None)
    if top is None or top.amount < RESEARCH_WORTH_SAYING * analysis.evpi:
        return Reason("explain.evpi", {"amount": analysis.evpi})
    return Reason(
        "explain.research",
        {"input": top.input, "research": top.research, "amount": top.amount, "amount_total": analysis.evpi},
    )


def _sunk(evaluation: Evaluation, analysis: Sensitivity) -> list[Reason]:
    if not sunk_is_large(evaluation, analysis):
        return []
    sunk = evaluation.case.sunk
    reasons = [Reason("explain.sunk", {"amount": sunk.invested_to_date})]
    if sunk.book_value > 0:
        reasons.append(Reason("explain.sunk_book", {"amount_book": sunk.book_value}))
    if analysis.book_recommended != analysis.recommended:
        reasons.append(
            Reason("explain.sunk_trap", {"strategy": analysis.book_recommended, "other": analysis.recommended})
        )
    return reasons


def _floor_percent(share: float) -> float:
    """A share cut down to a whole percent: 0.4999 is 49%, so "fewer than half" never reads as 50%."""
    return math.floor(share * 100 + 1e-9) / 100


def _loss_percent(margin: float) -> float:
    """A margin rounded to a whole percent; a loss stays a loss (at most -1%), never "0%"."""
    rounded = round(margin, 2)
    return min(rounded, -0.01) if margin < 0 else rounded


def _warning(evaluation: Evaluation, key: str) -> Reason:
    recommendation = evaluation.recommendation
    strategies = evaluation.strategies
    chosen = recommendation.strategy
    best = strategies[chosen]
    if key == "worst_p90":
        others = [s for s in recommendation.allowed if s != chosen] or [chosen]
        other = min(others, key=lambda s: strategies[s].p90)
        return Reason(
            "economics.warning.worst_p90",
            {
                "strategy": chosen,
                "amount": _significant(best.p90),
                "other": other,
                "amount_other": _significant(strategies[other].p90),
            },
        )
    if key == "less_than_half":
        share = _floor_percent(best.p_best_allowed)
        return Reason("economics.warning.less_than_half", {"strategy": chosen, "share": share})
    if key == "close_call":
        margin = recommendation.margin or 0.0
        precision = 2.0 * (recommendation.se_margin or 0.0)
        return Reason(
            "economics.warning.close_call",
            {
                "strategy": chosen,
                "runner_up": recommendation.runner_up or chosen,
                "iterations": evaluation.iterations,
                "amount": _significant(margin),
                "amount_precision": _significant(precision),
            },
        )
    if key == "supplier_at_loss":
        zopa = evaluation.zopa
        loss_margin, normal = zopa.supplier_margin_at_case_share, zopa.normal_margin
        if loss_margin is None or normal is None:  # nothing paid to the supplier under the agreement: say the loss
            return Reason(
                "economics.warning.supplier_at_loss_amount",
                {"share_client": zopa.case_share, "amount": _significant(-zopa.supplier_solve_value)},
            )
        return Reason(
            "economics.warning.supplier_at_loss",
            {"share_client": zopa.case_share, "share": _loss_percent(loss_margin), "share_normal": round(normal, 2)},
        )
    return Reason(f"economics.warning.{key}", {"strategy": chosen, "runner_up": recommendation.runner_up or chosen})


def warnings_of(evaluation: Evaluation) -> tuple[Reason, ...]:
    """The recommendation's warnings (MODEL.md 7.7) as sentences with their numbers, the one source of
    them for Comparison, the narrative (Why), the memo's page one and ``evaluate --format text``:

    - ``worst_p90``: the recommended option's P90 against the lowest P90 of the other allowed options
      (``amount``, ``amount_other``, ``other``);
    - ``less_than_half``: its chance of being the cheapest of the allowed options (``share``), cut down to
      a whole percent;
    - ``close_call``: the iteration count, the margin over the runner-up and twice its standard error
      (``iterations``, ``amount``, ``amount_precision``);
    - ``supplier_at_loss``: the case's split (``share_client``), the supplier's margin at that split
      (MODEL.md 7.8 ``supplier_margin_at_case_share``, ``share``; a loss at most -1%) and its normal
      margin (``share_normal``), both to a whole percent; without any revenue to the supplier, its
      expected loss (``supplier_at_loss_amount``).

    Amounts are rounded to three significant digits: a warning is read, not audited. Say them with
    ``fmt.money_rounded`` where the amounts are shown exactly.
    """
    return tuple(_warning(evaluation, key) for key in evaluation.recommendation.warnings)


def narrative(
    evaluation: Evaluation, analysis: Sensitivity, attempt: LastAttempt | None | EllipsisType = ...
) -> list[Reason]:
    """The explanation of the recommendation, in the order a board asks its questions.

    ``evaluation`` and ``analysis`` must be of the same case, view and basis. When the advice is to stop
    while solving is allowed, the source text's last attempt follows the warnings: pass ``attempt``
    (``last_attempt(evaluation)``, cached by the app) or leave it out to have it computed here.
    """
    best = evaluation.strategies[analysis.recommended]
    caveats = triage_drivers(evaluation)
    if isinstance(attempt, EllipsisType):
        attempt = last_attempt(evaluation)
    return [
        Reason("explain.do", {"strategy": analysis.recommended}),
        _why(evaluation, analysis),
        *(driver.reason() for driver in caveats),
        *warnings_of(evaluation),
        *([] if attempt is None else [attempt.reason()]),
        *_drivers(evaluation, analysis),
        *_change(analysis, frozenset(driver.option for driver in caveats)),
        Reason("explain.bad_case", {"strategy": analysis.recommended, "amount": best.p90, "amount_mean": best.mean}),
        _information(analysis),
        *_sunk(evaluation, analysis),
    ]
