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
from decision.model.case import Case
from decision.model.triage import Reason, TriageOutcome, recognition_fails, triage

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


def reopening(evaluation: Evaluation, option: str) -> TriageDriver | None:
    """What reopening ``option`` would give, however far off it is; None when the triage allows it."""
    if option in evaluation.triage.allowed or option not in evaluation.strategies:
        return None
    rule = _rule(option, evaluation)
    if rule is None:
        return None
    recommendation = evaluation.recommendation
    basis = recommendation.basis
    result = evaluation.strategies[option]
    gap = score(result, basis) - score(evaluation.strategies[recommendation.strategy], basis)
    allowed = evaluation.triage.allowed
    reopened = tuple(s for s in registry.strategies_of(evaluation.case) if s in allowed or s == option)
    again = recommend(evaluation.strategies, TriageOutcome(reopened, evaluation.triage.reasons), basis)
    return TriageDriver(option, rule[0], rule[1], recommendation.strategy, again.strategy, basis, gap, result.p_best)


def is_close(driver: TriageDriver, evaluation: Evaluation) -> bool:
    """Within ``CLOSE_SHARE`` of the advice's cost on its basis, or the cheapest in ``CHEAPEST_SHARE``
    of the simulated futures."""
    advice_cost = score(evaluation.strategies[driver.advice], driver.basis)
    return driver.gap <= CLOSE_SHARE * abs(advice_cost) or driver.p_best >= CHEAPEST_SHARE


def triage_drivers(evaluation: Evaluation) -> tuple[TriageDriver, ...]:
    """The options the triage rules out that are close to the advice, with what reopening gives."""
    found = (reopening(evaluation, option) for option in registry.strategies_of(evaluation.case))
    return tuple(driver for driver in found if driver is not None and is_close(driver, evaluation))


def triage_caveats(evaluation: Evaluation) -> tuple[Reason, ...]:
    """One sentence per option the triage rules out although it is within 5% of the advice's cost
    or the cheapest in at least 40% of the futures: which answer rules it out, what brings it back."""
    return tuple(driver.reason() for driver in triage_drivers(evaluation))


# --- the triage answers as inputs of the analysis (the Why page) --------------------------------

TRIAGE_QUESTIONS = ("weekly_board_agenda", "continuity_threat", "client_recognises_supplier", "supplier_values_client")
SCORE_QUESTIONS = frozenset({"client_recognises_supplier", "supplier_values_client"})


@dataclass(frozen=True)
class TriageSwitch:
    """A triage answer that, given otherwise, changes the advice: a turning point like a break-even.

    ``now`` is the answer today (a score or yes/no), ``then`` the answer that changes the advice
    (for a score: ``RECOGNITION_REOPENS`` "or more", or one less "or less"); ``opens`` whether that
    answer allows an option the triage rules out now (else it rules out the advice); ``strategy`` the
    advice then.
    """

    question: str
    now: bool | int | None
    then: bool | int
    opens: bool
    advice: str
    strategy: str

    def reason(self) -> Reason:
        """ "Supplier's regard for the client: now 2; at 3 or more solving is allowed and would be the advice"."""
        direction = "opens" if self.opens else "closes"
        values: dict[str, object] = {"strategy": self.strategy, "advice": self.advice}
        if self.question in SCORE_QUESTIONS:
            values.update(score=self.now if self.now is not None else "–", threshold=self.then)
        return Reason(f"sensitivity.triage.{self.question}.{direction}", values)


def _other_answer(question: str, now: bool | int | None) -> bool | int:
    if question in SCORE_QUESTIONS:
        failing = isinstance(now, int) and not isinstance(now, bool) and recognition_fails(now)
        return RECOGNITION_REOPENS if failing else RECOGNITION_REOPENS - 1
    return not bool(now)


def triage_switches(case: Case, costs: dict[str, float], allowed: tuple[str, ...]) -> tuple[TriageSwitch, ...]:
    """The triage answers that, answered otherwise, would change the advice.

    ``costs`` are the strategies' costs on the recommendation's basis and ``allowed`` the options the
    triage allows now; each question is answered otherwise on its own and the same costs ranked again
    (as ``results.recommend`` ranks them): no new simulation.
    """
    order = registry.strategies_of(case)

    def best(among: tuple[str, ...]) -> str:
        return min((s for s in order if s in among and s in costs), key=lambda s: costs[s])

    advice = best(allowed)
    found: list[TriageSwitch] = []
    for question in TRIAGE_QUESTIONS:
        now = getattr(case.triage, question)
        then = _other_answer(question, now)
        other = case.model_copy(update={"triage": case.triage.model_copy(update={question: then})})
        allowed_then = triage(other).allowed
        if not allowed_then:
            continue
        strategy = best(allowed_then)
        if strategy != advice:
            opens = strategy not in allowed
            found.append(TriageSwitch(question, now, then, opens, advice, strategy))
    return tuple(found)
