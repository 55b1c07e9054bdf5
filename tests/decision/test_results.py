"""Results of MODEL.md section 6: summaries, p_best, recommendation and timeline.

Hand values use the base case of ``builders.py`` (decision view): muddle
288,000, switch 278,000, stop 418,000 (the claim is lost), solve 180,000.
"""

from __future__ import annotations

import numpy as np
import pytest

from decision.engine.results import StrategyResult, evaluate, p_best, recommend, summarise, timeline
from decision.engine.simulation import CATEGORIES, draw, simulate
from decision.model.registry import CORE_STRATEGIES as STRATEGIES  # the four every case has
from decision.model.triage import Reason, TriageOutcome, triage
from tests.decision.builders import make_case

BASE_TOTALS = {"muddle": 288_000, "switch": 278_000, "stop": 418_000, "solve": 180_000}


def result(mean: float, p90: float | None = None) -> StrategyResult:
    return StrategyResult(
        mean=mean,
        p10=mean,
        p50=mean,
        p90=mean if p90 is None else p90,
        p_best=0.25,
        months_to_decent=6.0,
        p_decent=1.0,
        breakdown=dict.fromkeys(CATEGORIES, 0.0),
    )


class TestPBest:
    def test_cheapest_per_iteration(self):
        totals = {
            "muddle": np.array([1.0, 5, 5, 5]),
            "switch": np.array([2.0, 1, 5, 5]),
            "stop": np.array([3.0, 5, 1, 5]),
            "solve": np.array([4.0, 5, 5, 1]),
        }
        assert p_best(totals) == {"muddle": 0.25, "switch": 0.25, "stop": 0.25, "solve": 0.25}

    def test_ties_are_shared(self):
        # iteration 1: switch and stop tie (half each); iteration 2: all four tie (a quarter each)
        totals = {
            "muddle": np.array([9.0, 1]),
            "switch": np.array([2.0, 1]),
            "stop": np.array([2.0, 1]),
            "solve": np.array([3.0, 1]),
        }
        best = p_best(totals)
        assert best == {"muddle": 0.125, "switch": 0.375, "stop": 0.375, "solve": 0.125}
        assert sum(best.values()) == pytest.approx(1.0)

    def test_tie_within_a_millionth_of_a_euro(self):
        totals = {
            "muddle": np.array([1e6]),
            "switch": np.array([1e6 + 1e-7]),
            "stop": np.array([1e6 + 1.0]),
            "solve": np.array([2e6]),
        }
        assert p_best(totals) == {"muddle": 0.5, "switch": 0.5, "stop": 0.0, "solve": 0.0}

    def test_switch_and_stop_tie_when_the_procedure_costs_nothing(self):
        # no fees, no counterclaim, no win: stop = switch in every iteration
        case = make_case({"legal.fees_per_year": 0, "legal.counterclaim": 0, "solve.internal_cost": 10_000_000})
        best = summarise(simulate(case, 100, seed=1), book_view=False)
        assert best["switch"].p_best == best["stop"].p_best == 0.5


class TestSummarise:
    def test_hand_worked_totals(self):
        results = summarise(simulate(make_case(), 100, seed=1), book_view=False)
        for strategy, amount in BASE_TOTALS.items():
            r = results[strategy]
            assert (r.mean, r.p10, r.p50, r.p90) == pytest.approx((amount,) * 4, abs=0.005)
        assert results["solve"].p_best == 1.0
        assert sum(r.p_best for r in results.values()) == pytest.approx(1.0)

    def test_breakdown_adds_up_to_the_mean(self):
        for book_view in (False, True):
            for r in summarise(
                simulate(
                    make_case({"solve.p_success": 0.5, "solve.fallback": "stop", "legal.p_win": 0.5}), 2_000, seed=3
                ),
                book_view,
            ).values():
                assert list(r.breakdown) == list(CATEGORIES)
                assert sum(r.breakdown.values()) == pytest.approx(r.mean, abs=1e-6)

    def test_write_off_only_in_the_book_view(self):
        simulation = simulate(make_case(), 100, seed=1)
        decision, book = summarise(simulation, False), summarise(simulation, True)
        assert decision["switch"].breakdown["write_off"] == 0.0
        assert book["switch"].breakdown["write_off"] == pytest.approx(100_000)
        assert book["switch"].mean == pytest.approx(278_000 + 100_000)

    def test_months_to_decent(self):
        # switch/stop: T_r = 6; solve: T_s = 3; muddle never
        results = summarise(simulate(make_case(), 100, seed=1), book_view=False)
        assert [results[s].months_to_decent for s in STRATEGIES] == [None, 6, 6, 3]
        assert [results[s].p_decent for s in STRATEGIES] == [0, 1, 1, 1]

    def test_months_to_decent_over_the_iterations_that_get_there(self):
        # p_success 0.5 with fallback muddle: only successes reach a working system, after T_s = 3;
        # with fallback switch the failures get there after 3 + 6 = 9 months.
        case = make_case({"solve.p_success": 0.5, "solve.fallback": "muddle"})
        draws = draw(case, 1_000, seed=4)
        successes = (draws.success_uniforms < 0.5).mean()
        r = summarise(simulate(case, draws=draws), False)["solve"]
        assert r.months_to_decent == 3.0
        assert r.p_decent == pytest.approx(successes)
        case = make_case({"solve.p_success": 0.5, "solve.fallback": "switch"})
        r = summarise(simulate(case, draws=draws), False)["solve"]
        assert r.months_to_decent == pytest.approx(3 * successes + 9 * (1 - successes))
        assert r.p_decent == 1.0

    @pytest.mark.parametrize("months, p_decent", [(23, 1.0), (24, 0.0), (30, 0.0)])
    def test_p_decent_counts_months_before_the_horizon(self, months, p_decent):
        # H = 24: a system live in month 23 works inside the horizon; in month 24 it does not
        r = summarise(simulate(make_case({"stop.replacement_months": months}), 10, seed=1), False)["switch"]
        assert (r.months_to_decent, r.p_decent) == (months, p_decent)

    def test_percentiles_are_ordered(self):
        results = summarise(
            simulate(
                make_case({"current.dysfunction_cost_per_month": {"low": 0, "mode": 10_000, "high": 50_000}}),
                2_000,
                seed=5,
            ),
            book_view=False,
        )
        for r in results.values():
            assert r.p10 < r.p50 < r.p90


class TestRecommend:
    def test_lowest_mean_of_the_allowed(self):
        strategies = {"muddle": result(1), "switch": result(3), "stop": result(4), "solve": result(2)}
        outcome = TriageOutcome(("switch", "stop", "solve"), ())
        recommendation = recommend(strategies, outcome)
        assert recommendation.strategy == "solve"
        assert recommendation.runner_up == "switch"
        assert recommendation.allowed == ("switch", "stop", "solve")

    def test_on_p90(self):
        strategies = {"muddle": result(1, 9), "switch": result(3, 4), "stop": result(4, 5), "solve": result(2, 6)}
        assert recommend(strategies, TriageOutcome(tuple(STRATEGIES), ()), basis="p90").strategy == "switch"

    def test_reasons_are_the_triage_then_the_economics(self):
        strategies = {"muddle": result(100), "switch": result(300), "stop": result(400), "solve": result(200, 250)}
        outcome = TriageOutcome(tuple(STRATEGIES), (Reason("triage.not_acute"),))
        reasons = recommend(strategies, outcome).reasons
        assert [r.key for r in reasons] == [
            "triage.not_acute",
            "economics.lowest_mean",
            "economics.runner_up",
            "economics.p90",
            "economics.p_best",
            "economics.months_to_decent",
        ]
        assert reasons[1].values == {"strategy": "muddle", "amount": 100}
        assert reasons[2].values == {"strategy": "solve", "amount": 100}

    def test_never_decent(self):
        strategies = {s: result(1 + i) for i, s in enumerate(STRATEGIES)}
        strategies["muddle"] = StrategyResult(1, 1, 1, 1, 1.0, None, 0.0, dict.fromkeys(CATEGORIES, 0.0))
        reasons = recommend(strategies, TriageOutcome(tuple(STRATEGIES), ())).reasons
        assert reasons[-1] == Reason("economics.never_decent", {"strategy": "muddle"})


class TestEvaluate:
    def test_hand_worked_case_recommends_solve(self):
        evaluation = evaluate(make_case(), 200, seed=1)
        assert evaluation.recommendation.strategy == "solve"
        assert evaluation.recommendation.allowed == tuple(STRATEGIES)
        assert {s: r.mean for s, r in evaluation.strategies.items()} == pytest.approx(BASE_TOTALS, abs=0.005)

    def test_solve_excluded_falls_to_switch(self):
        evaluation = evaluate(make_case({"triage.supplier_values_client": 2}), 200, seed=1)
        assert evaluation.recommendation.allowed == ("muddle", "switch", "stop")
        assert evaluation.recommendation.strategy == "switch"

    def test_muddle_when_cheapest_and_allowed(self):
        # D = 1,000: muddle 24 x 3,000 = 72,000; solve 3 x 23,000 + 21 x (200 + 2,000) = 115,200;
        # switch 50,000 + 6 x 23,000 + 18 x 1,100 = 207,800.
        case = make_case({"current.dysfunction_cost_per_month": 1_000})
        evaluation = evaluate(case, 200, seed=1)
        means = {s: r.mean for s, r in evaluation.strategies.items()}
        assert means["muddle"] == pytest.approx(72_000)
        assert means["solve"] == pytest.approx(115_200)
        assert means["switch"] == pytest.approx(207_800)
        assert evaluation.recommendation.strategy == "muddle"

    @pytest.mark.parametrize("answer", ["triage.weekly_board_agenda", "triage.continuity_threat"])
    def test_acute_problem_rules_out_muddle(self, answer):
        case = make_case({"current.dysfunction_cost_per_month": 1_000, answer: True})
        evaluation = evaluate(case, 200, seed=1)
        assert "muddle" not in evaluation.recommendation.allowed
        assert evaluation.recommendation.strategy == "solve"

    def test_the_reason_gives_the_chance_of_being_cheapest_among_the_allowed(self):
        # D = 1,000 and an acute problem: muddle (72,000) is cheapest in every future but ruled out;
        # solve (115,200) is recommended, cheapest of all in none, of the allowed in every one.
        case = make_case({"current.dysfunction_cost_per_month": 1_000, "triage.continuity_threat": True})
        evaluation = evaluate(case, 200, seed=1)
        solve = evaluation.strategies["solve"]
        assert (solve.p_best, solve.p_best_allowed) == (0.0, 1.0)
        said = {r.key: r.values for r in evaluation.recommendation.reasons}
        assert said["economics.p_best"] == {"strategy": "solve", "share": 1.0}

    def test_book_view_ranks_on_book_means(self):
        # book view: switch 378,000 and stop 518,000 carry W; muddle 288,000 does not; solve 180,000 succeeds
        case = make_case({"solve.internal_cost": 400_000})  # solve: 180,000 + 370,000 = 550,000
        decision = evaluate(case, 100, seed=1, view="decision")
        book = evaluate(case, 100, seed=1, view="book")
        assert decision.recommendation.strategy == "switch"
        assert book.recommendation.strategy == "muddle"
        assert book.view == "book" and book.book_view

    def test_carries_iterations_seed_and_triage(self):
        evaluation = evaluate(make_case(), 321, seed=8)
        assert (evaluation.iterations, evaluation.seed, evaluation.view) == (321, 8, "decision")
        assert evaluation.triage == triage(make_case())


class TestTimeline:
    def test_hand_worked_muddle_and_switch(self):
        # muddle 12,000 a month; switch 50,000 + 32,000 a month for 6 months, then 2,000 a month
        line = timeline(make_case(), seed=1)
        assert line.months.tolist() == list(range(1, 25))
        assert line.mean["muddle"].tolist() == pytest.approx([12_000 * m for m in range(1, 25)])
        expected = [50_000 + 32_000 * min(m, 6) + 2_000 * max(m - 6, 0) for m in range(1, 25)]
        assert line.mean["switch"].tolist() == pytest.approx(expected)
        assert line.p10["switch"].tolist() == pytest.approx(expected)
        assert line.p90["switch"].tolist() == pytest.approx(expected)

    def test_band_contains_the_mean(self):
        case = make_case({"current.dysfunction_cost_per_month": {"low": 0, "mode": 10_000, "high": 60_000}})
        line = timeline(case, draws=draw(case, 10_000, seed=2))
        for strategy in STRATEGIES:
            assert (line.p10[strategy] <= line.mean[strategy] + 1e-9).all()
            assert (line.mean[strategy] <= line.p90[strategy] + 1e-9).all()


class TestReasonTexts:
    """Every reason the recommendation can give has a sentence in both languages."""

    KEYS = [
        "triage.not_acute",
        "triage.acute_board",
        "triage.acute_continuity",
        "triage.acute_both",
        "triage.client_no_recognition",
        "triage.supplier_no_recognition",
        "triage.recognition_unknown",
        "triage.mutual_recognition",
        "economics.lowest_mean",
        "economics.lowest_p90",
        "economics.runner_up",
        "economics.p90",
        "economics.p_best",
        "economics.months_to_decent",
        "economics.never_decent",
    ]

    @pytest.mark.parametrize("lang", ["en", "nl"])
    def test_catalogues(self, lang):
        from decision.text.i18n import catalogue

        assert [key for key in self.KEYS if key not in catalogue(lang)] == []

    @pytest.mark.parametrize("lang", ["en", "nl"])
    def test_every_reason_given_is_translated(self, lang):
        from decision.text.i18n import translate

        cases = [
            make_case(),
            make_case(
                {
                    "triage.weekly_board_agenda": True,
                    "triage.continuity_threat": True,
                    "triage.client_recognises_supplier": 1,
                }
            ),
            make_case(
                {
                    "triage.continuity_threat": True,
                    "triage.supplier_values_client": None,
                    "solve.fallback": "muddle",
                    "solve.p_success": 0.5,
                }
            ),
        ]
        for case in cases:
            for basis in ("mean", "p90"):
                for reason in evaluate(case, 200, seed=1, basis=basis).recommendation.reasons:
                    assert reason.key in self.KEYS
                    text = translate(reason.key, lang, **reason.values)
                    assert text != reason.key and "{" not in text
