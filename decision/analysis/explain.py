"""The recommendation explained in plain language, as message keys with values.

``narrative`` builds the story from the results (what to do, why, which option
the triage rules out although it is close (``triage_driver``), what drives it,
what would change it (an estimate or, when none can, a triage answer), what it
costs if it goes badly, what more knowledge is worth, and the sunk cost when it
is large); ``say`` renders one part in a
language. Values named ``input`` are input paths (said as a phrase), values
named ``threshold*`` are values of that input (said as a percentage, months or
euros), ``research`` is a kind of research, and ``strategy``, ``runner_up`` and
``other`` are strategies.
"""

from __future__ import annotations

from decision.analysis.sensitivity import BreakEven, Sensitivity
from decision.analysis.triage_driver import triage_drivers
from decision.engine.results import Evaluation
from decision.model import registry
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


def _why(evaluation: Evaluation, analysis: Sensitivity) -> Reason:
    best = evaluation.strategies[analysis.recommended]
    values = {"strategy": analysis.recommended, "runner_up": analysis.runner_up, "amount": analysis.gap}
    if analysis.basis == "p90":
        return Reason("explain.why_p90", {**values, "amount_mean": best.mean})
    return Reason("explain.why_mean", {**values, "share": best.p_best})


def _drivers(analysis: Sensitivity) -> list[Reason]:
    if not analysis.tornado or analysis.tornado[0].swing <= 0:
        return [Reason("explain.no_uncertainty")]
    top = analysis.tornado[0]
    reasons = [Reason("explain.driver", {"input": top.input, "runner_up": analysis.runner_up, "amount": top.swing})]
    if top.can_flip:
        reasons.append(Reason("explain.driver_flips", {"input": top.input, "runner_up": analysis.runner_up}))
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


def warnings_of(evaluation: Evaluation) -> tuple[Reason, ...]:
    """The recommendation's warnings (MODEL.md 7.7: the worst bad case, cheapest in fewer than half of
    the futures, too close to call, the supplier at a loss) as sentences."""
    recommendation = evaluation.recommendation
    values = {"strategy": recommendation.strategy, "runner_up": recommendation.runner_up or ""}
    return tuple(Reason(f"economics.warning.{key}", values) for key in recommendation.warnings)


def narrative(evaluation: Evaluation, analysis: Sensitivity) -> list[Reason]:
    """The explanation of the recommendation, in the order a board asks its questions.

    ``evaluation`` and ``analysis`` must be of the same case, view and basis.
    """
    best = evaluation.strategies[analysis.recommended]
    caveats = triage_drivers(evaluation)
    return [
        Reason("explain.do", {"strategy": analysis.recommended}),
        _why(evaluation, analysis),
        *(driver.reason() for driver in caveats),
        *warnings_of(evaluation),
        *_drivers(analysis),
        *_change(analysis, frozenset(driver.option for driver in caveats)),
        Reason("explain.bad_case", {"strategy": analysis.recommended, "amount": best.p90, "amount_mean": best.mean}),
        _information(analysis),
        *_sunk(evaluation, analysis),
    ]
