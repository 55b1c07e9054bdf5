"""The triage as a driver of the advice, said aloud (issue 13).

The triage (MODEL.md section 4) can rule out an option that the numbers favour, or nearly
favour. Every page that gives advice then says so in one sentence: which triage answer rules
the option out, and what reopening it would give. What reopening gives is the recommendation
re-run on the same results with that option allowed (``decision.engine.results.recommend``):
no new simulation.

An excluded option is worth a caveat when its cost on the recommendation's basis is within
``CLOSE_SHARE`` (5%) of the advice's cost, or when it is the cheapest option in at least
``CHEAPEST_SHARE`` (40%) of the simulated futures.
"""

from __future__ import annotations

from dataclasses import dataclass

from decision.engine.results import Evaluation, StrategyResult, recommend
from decision.model import registry
from decision.model.triage import Reason, TriageOutcome, recognition_fails

CLOSE_SHARE = 0.05  # within 5% of the advice's cost on its basis
CHEAPEST_SHARE = 0.40  # the cheapest option in at least 40% of the simulated futures
# The lowest recognition score that keeps a principled solution open (a score of 2 or lower fails).
RECOGNITION_REOPENS = next(score for score in range(1, 6) if not recognition_fails(score))


@dataclass(frozen=True)
class TriageDriver:
    """An option the triage rules out although the numbers put it close to the advice.

    ``rule`` names the triage answers that rule it out (``solve_client``, ``solve_supplier``,
    ``solve_both``, ``muddle_board``, ``muddle_continuity``, ``muddle_both``); ``becomes_advice``
    is whether reopening it would make it the advice; ``gap`` is its cost minus the advice's cost
    on the basis (negative when it is cheaper); ``p_best`` the share of futures in which it is
    the cheapest of all options.
    """

    option: str
    rule: str
    answers: dict[str, int | None]
    advice: str
    reopened_advice: str
    basis: str
    gap: float
    p_best: float

    @property
    def becomes_advice(self) -> bool:
        return self.reopened_advice == self.option

    def reason(self) -> Reason:
        """The caveat in one sentence: ruled out by which answer, and what would bring it back."""
        values: dict[str, object] = {"strategy": self.option, **self.answers, "threshold": RECOGNITION_REOPENS}
        if self.becomes_advice:
            outcome = "advice" if self.basis == "mean" else "advice_basis"
            values["amount"] = -self.gap
        else:
            outcome = "close"
            values["amount"] = self.gap
            values["share"] = self.p_best
        return Reason(f"triage_driver.{self.rule}.{outcome}", values)


def score(result: StrategyResult, basis: str) -> float:
    """A strategy's cost on the recommendation's basis: mean, P90 or certainty equivalent."""
    if basis == "certainty_equivalent":
        return result.certainty_equivalent if result.certainty_equivalent is not None else result.mean
    return float(getattr(result, basis))


def _rule(option: str, evaluation: Evaluation) -> tuple[str, dict[str, int | None]] | None:
    """Which triage answers rule ``option`` out, as a rule name and the answers to say."""
    answers = evaluation.case.triage
    if option == "muddle":
        board, continuity = bool(answers.weekly_board_agenda), bool(answers.continuity_threat)
        if board and continuity:
            return "muddle_both", {}
        if board:
            return "muddle_board", {}
        if continuity:
            return "muddle_continuity", {}
        return None
    if option == "solve":
        client, supplier = answers.client_recognises_supplier, answers.supplier_values_client
        client_fails, supplier_fails = recognition_fails(client), recognition_fails(supplier)
        if client_fails and supplier_fails:
            return "solve_both", {"client": client, "supplier": supplier}
        if client_fails:
            return "solve_client", {"score": client}
        if supplier_fails:
            return "solve_supplier", {"score": supplier}
    return None


def triage_drivers(evaluation: Evaluation) -> tuple[TriageDriver, ...]:
    """The options the triage rules out that are close to the advice, with what reopening gives."""
    recommendation = evaluation.recommendation
    basis = recommendation.basis
    advice = recommendation.strategy
    advice_cost = score(evaluation.strategies[advice], basis)
    allowed = evaluation.triage.allowed
    found: list[TriageDriver] = []
    for option in registry.strategies_of(evaluation.case):
        if option in allowed or option not in evaluation.strategies:
            continue
        rule = _rule(option, evaluation)
        if rule is None:
            continue
        result = evaluation.strategies[option]
        gap = score(result, basis) - advice_cost
        close = gap <= CLOSE_SHARE * abs(advice_cost)
        if not close and result.p_best < CHEAPEST_SHARE:
            continue
        reopened = tuple(s for s in registry.strategies_of(evaluation.case) if s in allowed or s == option)
        again = recommend(evaluation.strategies, TriageOutcome(reopened, evaluation.triage.reasons), basis)
        found.append(TriageDriver(option, rule[0], rule[1], advice, again.strategy, basis, gap, result.p_best))
    return tuple(found)


def triage_caveats(evaluation: Evaluation) -> tuple[Reason, ...]:
    """One sentence per option the triage rules out although it is within 5% of the advice's cost
    or the cheapest in at least 40% of the futures: which answer rules it out, what brings it back."""
    return tuple(driver.reason() for driver in triage_drivers(evaluation))
