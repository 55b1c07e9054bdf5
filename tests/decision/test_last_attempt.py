"""The source text's last attempt before stopping (decision/analysis/last_attempt.py).

The hand-worked case (tests/decision/builders.py, H = 24, r = 0): a 30% chance that solving succeeds,
an attempt of T_s = 9 months and `switch` after a failure. Per month the attempt costs
(0.5 x 60,000 + 30,000) / 9 = 6,666.67 on top of D + R = 12,000.

- switch (the advice): 50,000 + 6 x (12,000 + 120,000 / 6) + 18 x (1,000 + 1,000) = 278,000;
- solve succeeding: 9 x 12,000 + 60,000 + 15 x (0.2 x 10,000 + 2,000) = 228,000;
- solve failing, without a gate: 168,000 + 50,000 + 6 x 32,000 + 9 x 2,000 = 428,000;
- the last attempt has its go/no-go at round(9 / 3) = 3 months; failing, it stops there:
  3 x 12,000 + 3 x 6,666.67 + 50,000 + 6 x 32,000 + 15 x 2,000 = 328,000;
- before the go/no-go the attempt costs 3 x 6,666.67 = 20,000 at most.
"""

from __future__ import annotations

import pytest

from decision.analysis.explain import narrative, warnings_of
from decision.analysis.last_attempt import gate_month, gated_case, last_attempt
from decision.analysis.sensitivity import analyse
from decision.engine.results import evaluate
from decision.engine.simulation import draw
from decision.model.case import Estimate
from decision.text import fmt
from tests.decision.builders import make_case

ITERATIONS = 1_000
STOPPING = {"solve.p_success": 0.3, "solve.improvement_months": 9, "solve.fallback": "switch"}


def test_the_last_attempt_costs_what_the_gated_copy_costs():
    case = make_case(STOPPING)
    evaluation = evaluate(case, ITERATIONS, 1)
    assert evaluation.recommendation.strategy == "switch" and "solve" in evaluation.recommendation.allowed
    attempt = last_attempt(evaluation)
    assert attempt is not None
    # The successes of the 1,000 draws: 296 (a 30% chance); 228,000 x 0.296 + 328,000 x 0.704 = 298,400.
    succeeded = float((draw(case, ITERATIONS, 1).success_uniforms < 0.3).mean())
    assert succeeded == pytest.approx(0.296)
    assert attempt.mean == pytest.approx(228_000 * succeeded + 328_000 * (1 - succeeded))
    assert attempt.mean == pytest.approx(298_400)
    assert attempt.advice_mean == pytest.approx(278_000)
    assert attempt.difference == pytest.approx(20_400)
    assert (attempt.strategy, attempt.gate_months, attempt.own_gate, attempt.fallback) == ("switch", 3, False, "switch")
    assert attempt.max_before_gate == pytest.approx(20_000)
    assert attempt.becomes_advice is False
    # The same numbers as a direct evaluation of the case with the gate written in.
    direct = evaluate(make_case({**STOPPING, "solve.gate_months": 3}), ITERATIONS, 1)
    assert direct.strategies["solve"].mean == pytest.approx(attempt.mean)
    assert direct.recommendation.strategy == "switch"
    assert evaluate(gated_case(case), ITERATIONS, 1).strategies["solve"].mean == pytest.approx(attempt.mean)
    # Every other way out keeps its draws: the gate has a stream of its own.
    for strategy in ("muddle", "switch", "stop"):
        assert direct.strategies[strategy].mean == evaluation.strategies[strategy].mean


def test_the_sentence_in_both_languages():
    attempt = last_attempt(evaluate(make_case(STOPPING), ITERATIONS, 1))
    assert attempt is not None
    reason = attempt.reason()
    assert reason.key == "explain.last_attempt"
    assert reason.say("en", fmt.money_rounded) == (
        "Before you stop, the source text advises a last attempt. Solving, time-boxed with a go/no-go after "
        "3 months, would cost €298,000 on average, against €278,000 for Stop and take the loss; it would not "
        "change the advice. Before the go/no-go at most €20,000 goes into the attempt; a failing attempt "
        "stopped there is followed by Stop and take the loss."
    )
    assert reason.say("nl", fmt.money_rounded) == (
        "Voordat u stopt, raadt de brontekst een ultieme poging aan. Oplossen, in de tijd begrensd door een "
        "go/no-go-moment na 3 maanden, zou naar verwachting €\xa0298.000 kosten, tegen €\xa0278.000 bij Stoppen "
        "en verlies nemen; aan het advies verandert dat niets. Tot het go/no-go-moment wordt er hooguit "
        "€\xa020.000 aan de poging besteed; stopt een mislukte poging daar, dan volgt Stoppen en verlies nemen."
    )


def test_a_last_attempt_that_would_become_the_advice():
    # T_s = 6, muddling on after a failure: the go/no-go at round(6 / 3) = 2 months. Succeeding:
    # 6 x 12,000 + 60,000 + 18 x 4,000 = 204,000; failing at 2: 2 x 12,000 + 2 x 10,000 + 22 x 12,000 = 308,000.
    case = make_case({**STOPPING, "solve.improvement_months": 6, "solve.fallback": "muddle"})
    evaluation = evaluate(case, ITERATIONS, 1)
    assert evaluation.recommendation.strategy == "switch"
    attempt = last_attempt(evaluation)
    assert attempt is not None
    # 204,000 x 0.296 + 308,000 x 0.704 = 60,384 + 216,832 = 277,216, below switch's 278,000.
    assert attempt.mean == pytest.approx(277_216)
    assert attempt.gate_months == 2 and attempt.becomes_advice
    direct = evaluate(gated_case(case), ITERATIONS, 1)
    assert direct.case.solve.gate_months == Estimate.fixed(2)
    assert direct.recommendation.strategy == "solve"
    assert direct.strategies["solve"].mean == pytest.approx(attempt.mean)
    assert attempt.reason().key == "explain.last_attempt_advice"
    assert "would become the advice" in attempt.reason().say("en")


def test_the_most_spent_before_the_gate_is_the_highest_of_the_draws():
    # An uncertain programme: per iteration (0.5 P + 30,000) / 9 x 3 before the go/no-go, at most
    # (0.5 x 120,000 + 30,000) / 3 = 30,000 at the high estimate.
    programme = {"low": 30_000, "mode": 60_000, "high": 120_000}
    case = make_case({**STOPPING, "solve.programme_cost": programme})
    evaluation = evaluate(case, ITERATIONS, 1)
    attempt = last_attempt(evaluation)
    assert attempt is not None
    drawn = draw(gated_case(case), ITERATIONS, 1).values["programme_cost"]
    assert attempt.max_before_gate == pytest.approx((0.5 * drawn.max() + 30_000) / 3)
    assert 25_000 < attempt.max_before_gate <= 30_000


def test_the_case_keeps_its_own_gate():
    case = make_case({**STOPPING, "solve.gate_months": 4})
    assert gated_case(case) is case
    evaluation = evaluate(case, ITERATIONS, 1)
    attempt = last_attempt(evaluation)
    assert attempt is not None and attempt.own_gate and attempt.gate_months == 4
    assert attempt.mean == pytest.approx(evaluation.strategies["solve"].mean)


@pytest.mark.parametrize(("months", "gate"), [(1, 1), (2, 1), (3, 1), (4, 1), (5, 2), (6, 2), (9, 3), (12, 4)])
def test_the_gate_is_at_a_third_of_the_attempts_most_likely_months(months, gate):
    # round(T / 3), at least 1: 4 / 3 = 1.33 is 1, 5 / 3 = 1.67 is 2.
    case = make_case({"solve.improvement_months": {"low": 1, "mode": months, "high": 24}})
    assert gate_month(case) == gate
    assert gated_case(case).solve.gate_months == Estimate.fixed(gate)


def test_no_last_attempt_when_solving_is_the_advice_or_ruled_out():
    assert last_attempt(evaluate(make_case(), 200, 1)) is None  # solve is the advice
    ruled_out = make_case({**STOPPING, "triage.supplier_values_client": 2})
    evaluation = evaluate(ruled_out, 200, 1)
    assert evaluation.recommendation.strategy == "switch" and "solve" not in evaluation.recommendation.allowed
    assert last_attempt(evaluation) is None


def test_the_narrative_says_it_after_the_warnings():
    case = make_case(STOPPING)
    evaluation = evaluate(case, ITERATIONS, 1)
    story = narrative(evaluation, analyse(case, ITERATIONS, 1))
    keys = [reason.key for reason in story]
    assert "explain.last_attempt" in keys
    after = keys.index("explain.last_attempt")
    warnings = [reason.key for reason in warnings_of(evaluation)]
    assert keys[after - len(warnings) : after] == warnings
    # Then what drives the advice (here the horizon: a setting of the case, said over its range).
    assert keys[after + 1] in ("explain.driver", "explain.driver_setting", "explain.no_uncertainty")
    # Given (the app passes its cached one), it is the same; None leaves it out.
    assert narrative(evaluation, analyse(case, ITERATIONS, 1), last_attempt(evaluation)) == story
    assert "explain.last_attempt" not in [r.key for r in narrative(evaluation, analyse(case, ITERATIONS, 1), None)]
