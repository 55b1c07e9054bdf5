"""The plain-language explanation (decision/explain.py)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from decision.analysis.explain import (
    SUNK_LARGE_SHARE,
    break_even_reason,
    narrative,
    say,
    say_value,
    sunk_is_large,
    warnings_of,
)
from decision.analysis.sensitivity import analyse
from decision.engine.results import evaluate
from decision.model.presets import load_preset, preset_ids
from decision.text import fmt
from decision.text.i18n import LANGUAGES, translate
from decision.text.say import say_in_kind
from tests.decision.builders import make_case

ITERATIONS = 2_000


def _explained(case, basis: str = "mean"):
    evaluation = evaluate(case, ITERATIONS, 1, basis=basis)
    analysis = analyse(case, ITERATIONS, 1, basis=basis)
    return evaluation, analysis, narrative(evaluation, analysis)


@pytest.mark.parametrize("preset", preset_ids())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_narrative_names_the_recommendation_and_the_first_break_even(preset, lang):
    evaluation, analysis, story = _explained(load_preset(preset))
    recommended = evaluation.recommendation.strategy
    text = [say(reason, lang) for reason in story]
    assert story[0].key == "explain.do"
    assert translate(f"strategy.{recommended}.name", lang) in text[0]
    flip = analysis.first_flip()
    if flip is None:
        assert any(r.key == "explain.robust" for r in story)
    else:
        assert say(break_even_reason(flip), lang) in text
    for sentence in text:
        assert "{" not in sentence and "explain." not in sentence and "sensitivity." not in sentence


def test_the_example_says_what_to_do_why_what_drives_it_what_changes_it_and_the_bad_case():
    evaluation, analysis, story = _explained(load_preset("erp-manufacturer"))
    keys = [reason.key for reason in story]
    assert keys[:6] == [
        "explain.do",
        "explain.why_mean",
        "economics.warning.supplier_at_loss",  # at the case's split the supplier works at a loss
        "explain.driver",
        "sensitivity.break_even.above",
        "explain.bad_case",
    ]
    text = [say(reason, "en") for reason in story]
    assert text[0] == "Advice: Solve."
    assert f"€{evaluation.strategies['solve'].p90:,.0f}" in text[5]
    assert story[3].values["input"] == analysis.tornado[0].input


def test_the_p90_basis_explains_the_bad_case_advantage():
    evaluation, analysis, story = _explained(load_preset("erp-manufacturer"), basis="p90")
    # On the P90 the advice is to stop (switch); solving is cheaper on average: the story says what that costs.
    assert (analysis.recommended, story[1].key) == ("switch", "explain.why_p90_dearer")
    assert story[1].values["amount"] == analysis.base[analysis.runner_up] - analysis.base[analysis.recommended]
    means = {s: evaluation.strategies[s].mean for s in ("switch", "solve")}
    assert story[1].values["other"] == "solve"
    assert story[1].values["amount_premium"] == means["switch"] - means["solve"] > 0


def test_break_even_sentence_in_both_languages():
    case = make_case({"solve.p_success": 0.8})
    _, analysis, _ = _explained(case)
    flip = next(b for b in analysis.break_even if b.input == "solve.p_success")
    assert say(break_even_reason(flip), "en") == (
        "Solve stays the best choice as long as the chance that solving succeeds is above 42.1%; "
        "at 42.1% or less, Stop and take the loss is better."
    )
    assert say(break_even_reason(flip), "nl") == (
        "Voor de kans dat oplossen slaagt geldt: boven 42,1% blijft Oplossen de beste keuze; "
        "bij 42,1% of minder is Stoppen en verlies nemen beter."
    )


def test_values_are_said_in_the_unit_of_their_input():
    # Percentages keep their decimal (a break-even is found to a tenth of a point), whole ones have none.
    assert say_value("solve.p_success", 0.4149, "en") == "41.5%"
    assert say_value("solve.p_success", 0.41, "en") == "41%"
    assert say_value("current.dysfunction_growth_per_year", 0.1, "en") == "10% per year"
    assert say_value("current.dysfunction_growth_per_year", 0.125, "nl") == "12,5% per jaar"
    assert say_value("stop.replacement_months", 14, "en") == "14 months"
    assert say_value("stop.replacement_months", 1, "en") == "1 month"
    assert say_value("stop.replacement_months", 14, "nl") == "14 maanden"
    assert say_value("stop.replacement_cost", 35_229.49, "en") == "€35,200"  # three significant digits
    assert say_value("stop.replacement_cost", 35_229.49, "nl") == "€\xa035.200"  # a non-breaking space


# Base case: solve 180,000 is recommended, switch 278,000 is the runner-up (gap 98,000);
# money invested is large from 25% of 180,000 = 45,000.
@pytest.mark.parametrize(("invested", "large"), [(0, False), (44_000, False), (45_000, True), (250_000, True)])
def test_sunk_cost_is_explained_when_the_money_invested_is_large(invested, large):
    evaluation, analysis, story = _explained(make_case({"sunk.invested_to_date": invested}))
    assert 0.25 == SUNK_LARGE_SHARE
    assert sunk_is_large(evaluation, analysis) is large
    assert any(r.key == "explain.sunk" for r in story) is large


def test_sunk_cost_large_because_it_exceeds_the_gap_to_the_runner_up():
    # With a 30% chance of success, switch (278,000) beats muddle (288,000) by 10,000: an
    # investment of 20,000 is under a quarter of 278,000 but larger than that gap.
    evaluation, analysis, _ = _explained(make_case({"solve.p_success": 0.3, "sunk.invested_to_date": 20_000}))
    assert (analysis.recommended, analysis.runner_up) == ("switch", "muddle")
    assert analysis.gap == pytest.approx(10_000)
    assert sunk_is_large(evaluation, analysis)


def test_the_sunk_cost_trap_is_named_when_the_write_off_would_change_the_choice():
    # Book view: switch writes off 100,000 and costs 378,000, more than muddling on (288,000).
    _, analysis, story = _explained(make_case({"solve.p_success": 0.3}))
    assert (analysis.recommended, analysis.book_recommended) == ("switch", "muddle")
    text = [say(reason, "en") for reason in story]
    trap = (
        "Counting the write-off would make Muddle on look better than Stop and take the loss:"
        " that is the sunk-cost trap."
    )
    assert trap in text
    assert any("€250,000 already invested" in sentence for sentence in text)
    assert any("remaining €100,000" in sentence for sentence in text)


def test_no_research_is_worth_anything_when_one_option_always_wins():
    # Triage leaves switch and stop (a lawsuit never won); no single answer reopens muddle or solve.
    answers = {"weekly_board_agenda": True, "continuity_threat": True}
    answers |= {"client_recognises_supplier": 1, "supplier_values_client": 1}
    _, analysis, story = _explained(make_case({f"triage.{q}": a for q, a in answers.items()}))
    assert analysis.evpi == 0
    assert analysis.triage_switches == ()
    information = next(r for r in story if r.key == "explain.no_information_value")
    assert say(information, "en") == (
        "More research cannot change this choice: Stop and take the loss is the cheapest defensible option "
        "in every simulated future."
    )


def test_no_research_but_a_triage_answer_can_change_the_choice():
    # Solve always wins on the numbers, but a supplier's regard of 2 would rule it out: no claim that nothing can.
    _, analysis, story = _explained(make_case())
    assert analysis.evpi == 0
    (switch,) = [s for s in analysis.triage_switches if s.question == "supplier_values_client"]
    assert (switch.now, switch.then, switch.opens, switch.strategy) == (4, 2, False, "switch")
    keys = [r.key for r in story]
    assert "explain.no_information_value" not in keys and "explain.no_information_value_triage" in keys
    assert say(switch.reason(), "en") == (
        "The supplier's regard for the client is now 4 of 5; at 2 or less solving is ruled out and "
        "Stop and take the loss would be the advice, the cheapest of the options then left (the source text "
        "names taking the loss here; Kruispunt weighs the costs)."
    )
    # With no break-even among the estimates, the story says only a triage answer can change it, and which.
    robust = narrative(*_explained(make_case())[:1], dataclasses.replace(analysis, break_even=()))
    keys = [r.key for r in robust]
    assert "explain.robust" not in keys and "explain.robust_estimates" in keys
    assert "sensitivity.triage.supplier_values_client.closes" in keys
    for lang in LANGUAGES:
        assert all("{" not in say(r, lang) for r in robust)


def test_a_close_option_ruled_out_by_the_triage_is_said_after_the_why():
    from tests.decision.test_triage_driver import erp_case

    _, analysis, story = _explained(erp_case())
    keys = [r.key for r in story]
    assert keys[:3] == ["explain.do", "explain.why_mean", "triage_driver.solve_supplier.close"]
    assert any(s.opens and s.strategy == "solve" for s in analysis.triage_switches) is False  # not the advice


def test_an_input_of_an_option_the_triage_rules_out_says_why_it_cannot_change_the_choice():
    from tests.decision.test_triage_driver import erp_case

    _, analysis, _ = _explained(erp_case(internal=500_000))
    item = next(b for b in analysis.break_even if b.input == "solve.p_success")
    assert item.value is None
    reason = break_even_reason(item, analysis.allowed)
    assert reason.key == "sensitivity.break_even.none_excluded"
    assert "only because the triage rules out Solve" in say(reason, "en")
    assert break_even_reason(item).key == "sensitivity.break_even.none"  # without the triage: as before
    # Reopening solve would make it the advice: the story says what would bring it back, with the amount.
    assert any(s.question == "supplier_values_client" and s.opens for s in analysis.triage_switches)


def test_research_is_named_with_what_it_is_worth():
    _, analysis, story = _explained(load_preset("strong-claim-stop"))
    research = next(r for r in story if r.key == "explain.research")
    assert research.values["research"] == "legal_opinion"
    assert "legal opinion on the claim" in say(research, "en")
    assert research.values["amount"] <= analysis.evpi


def test_the_narrative_says_the_recommendations_warnings():
    from decision.analysis.explain import warnings_of

    case = load_preset("erp-manufacturer")
    evaluation = evaluate(case, 2_000, 1)
    assert evaluation.recommendation.warnings == ("supplier_at_loss",)
    (warning,) = warnings_of(evaluation)
    assert warning.key == "economics.warning.supplier_at_loss"
    story = narrative(evaluation, analyse(case, 2_000, 1))
    assert warning in story
    # Right after the "why" (and any triage caveat), before the drivers.
    assert story.index(warning) < 4


# --- the recommendation's warnings, with their numbers (MODEL.md 7.7) ------------------------------


def _result(mean: float, p90: float, p_best_allowed: float):
    from decision.engine.results import StrategyResult

    return StrategyResult(mean, mean, mean, p90, p_best_allowed, None, 0.0, {}, (), 1.0, p_best_allowed)


def _zone(margin: float | None = None, normal: float | None = 0.15, value: float = 0.0, share: float = 0.5):
    from decision.engine.zopa import Zopa

    return Zopa("switch", share, 1.0, 0.0, 0.0, 0.0, 0.0, value, None, None, None, None, margin, normal)


def _evaluation(strategies, allowed, totals=None, supplier_value=None, zopa=None, iterations=10_000):
    """An evaluation built from its results: the warnings are raised by the model's own rule (recommend)."""
    from decision.engine.results import Evaluation, recommend
    from decision.model.triage import TriageOutcome

    outcome = TriageOutcome(tuple(allowed), ())
    advice = recommend(strategies, outcome, "mean", totals, supplier_value)
    return Evaluation(make_case(), iterations, 1, "decision", strategies, advice, outcome, zopa or _zone())


def test_worst_p90_says_both_bad_cases():
    # Solve is cheapest on average (3.0 million) but has the highest P90 of the three: 79,213,456 against
    # switch's 73,849,000 (the lowest of the others; stop's is 75,000,000). Three significant digits:
    # 79.2 million and 73.8 million.
    evaluation = _evaluation(
        {
            "solve": _result(3_000_000, 79_213_456, 0.6),
            "switch": _result(3_500_000, 73_849_000, 0.3),
            "stop": _result(4_000_000, 75_000_000, 0.1),
        },
        ("switch", "stop", "solve"),
    )
    assert evaluation.recommendation.warnings == ("worst_p90",)
    (warning,) = warnings_of(evaluation)
    assert warning.values == {"strategy": "solve", "amount": 79_200_000, "other": "switch", "amount_other": 73_800_000}
    assert warning.say("en", fmt.money_rounded) == (
        "Solve comes out cheapest, but it has the worst bad case of the defensible options (P90 €79.2\xa0million, "
        "against €73.8\xa0million for Stop and take the loss): the advice does not rest on the bad case."
    )
    assert warning.say("nl", fmt.money_rounded) == (
        "Oplossen komt als goedkoopste uit de bus, maar heeft van de verdedigbare uitwegen de hoogste kosten als "
        "het tegenzit (P90 €\xa079,2\xa0mln, tegen €\xa073,8\xa0mln bij Stoppen en verlies nemen): het advies "
        "rust niet op het slechte scenario."
    )
    assert "€79,200,000" in warning.say("en")  # exact euros elsewhere: still the rounded figure


@pytest.mark.parametrize(("share", "said"), [(0.4537, "45%"), (0.4999, "49%"), (0.3, "30%")])
def test_less_than_half_says_the_share_cut_to_a_whole_percent(share, said):
    # Switch is cheapest of the two allowed in 45.37% of the futures: "45%"; 49.99% is "49%", never "50%".
    evaluation = _evaluation(
        {"switch": _result(1_000_000, 1_500_000, share), "stop": _result(1_200_000, 2_000_000, 1 - share)},
        ("switch", "stop"),
    )
    assert evaluation.recommendation.warnings == ("less_than_half",)
    (warning,) = warnings_of(evaluation)
    assert warning.say("en") == (
        f"Stop and take the loss is the cheapest of the defensible options in only {said} of the simulated "
        "futures: in the others another option turns out cheaper."
    )
    assert warning.say("nl") == (
        f"Stoppen en verlies nemen is slechts in {said} van de doorgerekende scenario's de goedkoopste "
        "verdedigbare uitweg: in de overige scenario's blijkt een andere uitweg goedkoper."
    )


def test_close_call_says_the_iterations_the_margin_and_the_precision():
    # 10,000 futures: switch costs 500,000 in each; stop 561,000 and 441,000 in turn. The paired
    # difference is +61,000 / -59,000: mean 1,000, standard deviation 60,000, standard error
    # 60,000 / sqrt(10,000) = 600, so the margin of 1,000 is below 2 x 600 = 1,200: too close to call.
    switch = np.full(10_000, 500_000.0)
    stop = switch + np.tile([61_000.0, -59_000.0], 5_000)
    evaluation = _evaluation(
        {"switch": _result(500_000, 500_000, 0.5), "stop": _result(float(stop.mean()), 561_000, 0.5)},
        ("switch", "stop"),
        totals={"switch": switch, "stop": stop},
    )
    assert evaluation.recommendation.warnings == ("close_call",)
    (warning,) = warnings_of(evaluation)
    assert warning.values["iterations"] == 10_000
    assert warning.values["amount"] == pytest.approx(1_000)
    assert warning.values["amount_precision"] == pytest.approx(1_200)
    assert warning.say("en", fmt.money_rounded) == (
        "Stop and take the loss and Stop and sue are too close to call at 10,000 simulated futures: the difference "
        "of €1,000 is within the simulation's precision (±€1,200, twice its standard error). Treat the two as "
        "equally good and decide on other grounds."
    )
    assert warning.say("nl", fmt.money_rounded) == (
        "Stoppen en verlies nemen en Stoppen en procederen zijn bij 10.000 doorgerekende scenario's niet van "
        "elkaar te onderscheiden: het verschil van €\xa01.000 valt binnen de nauwkeurigheid van de simulatie "
        "(±€\xa01.200): zo'n verschil kan ook toeval zijn. Beschouw beide als even goed en beslis op andere gronden."
    )


@pytest.mark.parametrize(("margin", "said"), [(-0.0437, "-4%"), (-0.002, "-1%")])
def test_supplier_at_loss_says_the_margin_against_the_normal_margin(margin, said):
    # Solve is the advice and the supplier's expected value of it is below zero: its margin at the case's
    # split of 50% is -4.37% of what it is paid ("-4%"; a loss of 0.2% still reads as a loss, "-1%"),
    # against a normal margin of 15.82% ("16%").
    evaluation = _evaluation(
        {"solve": _result(1_000_000, 1_200_000, 1.0), "stop": _result(2_000_000, 2_500_000, 0.0)},
        ("stop", "solve"),
        supplier_value=-21_850.0,
        zopa=_zone(margin, 0.1582, -21_850.0),
    )
    assert evaluation.recommendation.warnings == ("supplier_at_loss",)
    (warning,) = warnings_of(evaluation)
    assert warning.say("en") == (
        f"At the split in the case (you pay 50% of the programme) the supplier works at a loss: its margin comes to "
        f"{said}, against a normal margin of 16%. Such an agreement is unlikely to hold: the source text's third "
        "goal is a normal margin for the supplier."
    )
    assert warning.say("nl") == (
        f"Bij de verdeling in het dossier (u betaalt 50% van het programma) werkt de leverancier met verlies: zijn "
        f"marge komt uit op {said}, tegen een normale marge van 16%. Zo'n afspraak houdt zelden stand: het derde "
        "doel uit de brontekst is een normale marge voor de leverancier."
    )


def test_supplier_at_loss_without_revenue_says_the_loss():
    # Nothing is paid to the supplier under the agreement (no margin to speak of): its loss of 21,870 is
    # said instead, to three significant digits (21,900).
    evaluation = _evaluation(
        {"solve": _result(1_000_000, 1_200_000, 1.0), "stop": _result(2_000_000, 2_500_000, 0.0)},
        ("stop", "solve"),
        supplier_value=-21_870.0,
        zopa=_zone(None, 0.15, -21_870.0),
    )
    (warning,) = warnings_of(evaluation)
    assert warning.key == "economics.warning.supplier_at_loss_amount"
    assert "the supplier loses €21,900 on the agreement" in warning.say("en")
    assert "verliest de leverancier €\xa021.900 op de afspraak" in warning.say("nl")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_one_of_the_memo_says_every_warning_and_the_last_attempt(lang):
    """The memo's HTML page one holds each warning sentence with its numbers, and the last attempt."""
    import datetime as dt
    import html
    import re

    from decision.analysis.last_attempt import last_attempt
    from decision.report.html import render_html
    from decision.report.memo import memo

    # Switch is the advice (30% chance that solving succeeds, T_s = 9: tests/decision/test_last_attempt.py);
    # every warning is put on it, with numbers to say.
    case = make_case({"solve.p_success": 0.3, "solve.improvement_months": 9, "solve.fallback": "switch"})
    evaluation = evaluate(case, 500, 1)
    assert evaluation.recommendation.strategy == "switch"
    every = ("worst_p90", "less_than_half", "close_call", "supplier_at_loss")
    evaluation = dataclasses.replace(
        evaluation,
        recommendation=dataclasses.replace(evaluation.recommendation, warnings=every, se_margin=6_000.0),
        zopa=dataclasses.replace(evaluation.zopa, supplier_margin_at_case_share=-0.0437, normal_margin=0.1582),
    )
    page = render_html(memo(evaluation, lang, dt.date(2026, 3, 2)))
    summary = re.search(r'<section class="summary">(.*?)</section>', page, re.S)
    assert summary is not None
    one = html.unescape(summary.group(1))
    warnings = warnings_of(evaluation)
    assert [w.key.rsplit(".", 1)[1] for w in warnings] == list(every)
    for warning in warnings:
        assert warning.say(lang, fmt.money_rounded) in one
    attempt = last_attempt(evaluation)
    assert attempt is not None
    assert attempt.reason().say(lang, fmt.money_rounded) in one
    assert ("ultieme poging" if lang == "nl" else "last attempt") in one
    assert ("-4%" in one) and ("16%" in one) and ("±€" in one)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_evaluate_as_text_says_the_warnings_with_their_numbers(lang):
    from decision.cli.evaluate import evaluation_contract, evaluation_text

    # The worst bad case of test_worst_p90_says_both_bad_cases: €79.2 million against €73.8 million.
    evaluation = _evaluation(
        {
            "solve": _result(3_000_000, 79_213_456, 0.6),
            "switch": _result(3_500_000, 73_849_000, 0.3),
            "stop": _result(4_000_000, 75_000_000, 0.1),
        },
        ("switch", "stop", "solve"),
    )
    lines = evaluation_text(evaluation, lang).splitlines()
    (warning,) = warnings_of(evaluation)
    assert lines[-2:] == [translate("economics.warnings_title", lang), "! " + warning.say(lang, fmt.money_rounded)]
    assert ("79,2\xa0mln" if lang == "nl" else "79.2\xa0million") in lines[-1]
    # The JSON keeps the warnings as keys (MODEL.md 7.9), unchanged.
    assert evaluation_contract(evaluation, lang)["recommendation"]["warnings"] == ["worst_p90"]


# --- the why on each basis, and a setting as the top driver (hand-built results) ------------------


def _scored(mean: float, p90: float, p_best: float, ce: float | None = None):
    from decision.engine.results import StrategyResult

    return StrategyResult(mean, mean, mean, p90, p_best, None, 0.0, {}, (), 1.0, p_best, ce)


def _on_basis(basis: str, strategies, tolerance: float | None = None, tornado=(), case=None):
    """An evaluation and its analysis built from results on ``basis`` (every option allowed): the
    recommendation and the runner-up by the model's own rule, the analysis's base the same scores."""
    from decision.analysis.sensitivity import Risk, Sensitivity
    from decision.engine.results import Evaluation, _score, recommend
    from decision.model.triage import TriageOutcome

    allowed = tuple(strategies)
    outcome = TriageOutcome(allowed, ())
    advice = recommend(strategies, outcome, basis)
    evaluation = Evaluation(case or make_case(), 10_000, 1, "decision", strategies, advice, outcome, _zone())
    analysis = Sensitivity(
        iterations=10_000,
        seed=1,
        view="decision",
        basis=basis,
        allowed=allowed,
        recommended=advice.strategy,
        runner_up=advice.runner_up or advice.strategy,
        base={s: _score(r, basis) for s, r in strategies.items()},
        book_recommended=advice.strategy,
        tornado=tuple(tornado),
        break_even=(),
        evpi=0.0,
        evppi=(),
        risk=Risk({}, {}),
        risk_tolerance=tolerance,
    )
    return evaluation, analysis


# Expected cost, P90, chance of being cheapest and certainty equivalent (risk tolerance 250,000) per option.
# Mean basis: solve (1.0 million) before switch (1.2 million): 200,000 less; cheapest in 55%.
# P90 basis: switch (1.5 million) before stop (1.65 million): 150,000 less; but solve is cheaper on
#   average, 1.0 million against switch's 1.2 million: the protection costs 200,000 on average.
# Certainty equivalent: solve (1.25 million) before switch (1.3 million): 50,000 less; its expected
#   cost is 1.0 million, so its risk weighs 1,250,000 - 1,000,000 = 250,000.
BASIS_RESULTS = {
    "solve": (1_000_000, 1_900_000, 0.55, 1_250_000),
    "switch": (1_200_000, 1_500_000, 0.30, 1_300_000),
    "stop": (1_300_000, 1_650_000, 0.10, 1_400_000),
    "muddle": (1_600_000, 2_600_000, 0.05, 2_100_000),
}
WHY_ON_BASIS = {
    "mean": (
        "explain.why_mean",
        "Over the horizon it is expected to cost €200,000 less than the next-best option, Stop and take the loss, "
        "and it is the cheapest defensible option in 55% of the simulated futures.",
        "Over de horizon kost dit naar verwachting € 200.000 minder dan de op één na beste uitweg, Stoppen en "
        "verlies nemen, en het is de goedkoopste verdedigbare uitweg in 55% van de doorgerekende scenario's.",
    ),
    "p90": (
        "explain.why_p90_dearer",
        "It has the lowest cost if things go badly (the P90: only 1 future in 10 is worse), €150,000 less than "
        "Stop and sue. On average it costs more: €1,200,000, against €1,000,000 for Solve; that difference of "
        "€200,000 is what you pay on average for the protection against a bad outcome.",
        "Dit heeft de laagste kosten als het tegenzit (de P90: maar 1 op de 10 scenario's is slechter), "
        "€ 150.000 minder dan Stoppen en procederen. Gemiddeld kost het wel meer: € 1.200.000, tegen "
        "€ 1.000.000 bij Oplossen; dat verschil van € 200.000 betaalt u gemiddeld voor de bescherming tegen "
        "een slechte uitkomst.",
    ),
    "certainty_equivalent": (
        "explain.why_certainty_equivalent",
        "Weighing bad outcomes more heavily than good ones, with a risk tolerance of €250,000 (the smaller it "
        "is, the more a bad outcome weighs), it is the best choice: its uncertain cost weighs as heavily as a "
        "sure cost of €1,250,000 (its certainty equivalent), €50,000 less than for Stop and take the loss. Its "
        "expected cost is €1,000,000; the €250,000 on top of that is what its risk weighs.",
        "Als u slechte uitkomsten zwaarder laat wegen dan goede, met een risicotolerantie van € 250.000, is dit "
        "de beste keuze; hoe kleiner de risicotolerantie, hoe zwaarder een slechte uitkomst weegt. De onzekere "
        "kosten wegen dan even zwaar als een zeker bedrag van € 1.250.000 (het zekerheidsequivalent): € 50.000 "
        "minder dan bij Stoppen en verlies nemen. De verwachte kosten zijn € 1.000.000; de € 250.000 daarbovenop "
        "is wat het risico weegt.",
    ),
}


@pytest.mark.parametrize("basis", list(WHY_ON_BASIS))
def test_the_first_reason_says_the_advantage_on_the_basis_of_the_advice(basis):
    strategies = {s: _scored(*values) for s, values in BASIS_RESULTS.items()}
    tolerance = 250_000.0 if basis == "certainty_equivalent" else None
    evaluation, analysis = _on_basis(basis, strategies, tolerance)
    story = narrative(evaluation, analysis, None)
    key, english, dutch = WHY_ON_BASIS[basis]
    assert story[0].key == "explain.do" and story[1].key == key
    assert say(story[1], "en") == english
    assert say(story[1], "nl").replace("\xa0", " ") == dutch


def test_the_certainty_equivalent_names_what_less_risk_costs_when_the_advice_is_dearer_on_average():
    # Solve's certainty equivalent is 1.45 million now: switch (1.3 million) is the advice, 100,000 before
    # stop (1.4 million); on average solve is cheaper, 1.0 million against 1.2 million: 200,000 for less risk.
    strategies = {s: _scored(*values) for s, values in BASIS_RESULTS.items()}
    strategies["solve"] = _scored(1_000_000, 1_900_000, 0.55, 1_450_000)
    evaluation, analysis = _on_basis("certainty_equivalent", strategies, 250_000.0)
    why = narrative(evaluation, analysis, None)[1]
    assert why.key == "explain.why_certainty_equivalent_dearer"
    assert why.values["amount"] == 100_000 and why.values["amount_premium"] == 200_000
    assert say(why, "en").endswith(
        "a sure cost of €1,300,000 (its certainty equivalent), €100,000 less than for Stop and sue. On average it "
        "costs more: €1,200,000, against €1,000,000 for Solve; that difference of €200,000 is what you pay on "
        "average for less risk."
    )
    assert (
        say(why, "nl")
        .replace("\xa0", " ")
        .endswith(
            "Gemiddeld kost het wel meer: € 1.200.000, tegen € 1.000.000 bij Oplossen; dat verschil van € 200.000 "
            "betaalt u gemiddeld voor minder risico."
        )
    )


def test_the_horizon_as_top_driver_is_said_as_a_setting_over_its_range():
    from decision.analysis.sensitivity import TornadoBar

    # The horizon of 60 months swung to 30 and 90: the advantage of solve over switch is 250,000 at 30
    # months and -50,000 at 90 (switch cheaper then), a swing of 250,000 - (-50,000) = 300,000.
    strategies = {s: _scored(*values) for s, values in BASIS_RESULTS.items()}
    horizon = TornadoBar("horizon_months", 30, 90, {}, {}, 250_000.0, -50_000.0, "solve", "switch", True)
    rate = TornadoBar("discount_rate", 0.02, 0.10, {}, {}, 100_000.0, 90_000.0, "solve", "solve", False)
    case = make_case({"horizon_months": 60, "discount_rate": 0.06})
    evaluation, analysis = _on_basis("mean", strategies, tornado=(horizon, rate), case=case)
    story = narrative(evaluation, analysis, None)
    keys = [r.key for r in story]
    assert "explain.driver" not in keys and "explain.driver_flips" not in keys
    driver = story[keys.index("explain.driver_setting")]
    assert say(driver, "en") == (
        "What drives this most is the horizon, a choice of the case rather than an estimate: between 30 months "
        "and 90 months (the case uses 60 months), the advantage over Stop and take the loss moves by €300,000."
    )
    assert say(driver, "nl").replace("\xa0", " ") == (
        "Wat het meest uitmaakt: de horizon, een keuze die in het dossier is vastgelegd, geen schatting. Tussen "
        "30 maanden en "
        "90 maanden (het dossier gaat uit van 60 maanden) verschuift het voordeel ten opzichte van Stoppen en "
        "verlies nemen met € 300.000."
    )
    flips = story[keys.index("explain.driver_setting") + 1]
    assert flips.key == "explain.driver_setting_flips"
    assert say(flips, "en") == (
        "Within that range, the horizon alone can tip the balance towards Stop and take the loss: settle it "
        "deliberately before you commit."
    )
    # The discount rate on top (a swing of 10,000 that cannot flip): its range in percent, no "flips" sentence.
    _, on_top = _on_basis("mean", strategies, tornado=(rate,), case=case)
    story = narrative(evaluation, on_top, None)
    (driver,) = [r for r in story if r.key.startswith("explain.driver")]
    assert "the discount rate, a choice of the case rather than an estimate: between 2% and 10% (the case uses 6%)" in (
        say(driver, "en")
    )


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (0.55000000000000004, "55%"),  # 0.55 * 100 is 55.00000000000001: no "55.0%" (a controller saw it)
        (0.3 + 0.4, "70%"),  # 0.7000000000000001
        (0.045, "4.5%"),
        (0.1225, "12.25%"),  # a rate set in steps of 0.05 points keeps its two decimals (it read 12.2%)
        (0.1015, "10.15%"),
        (0.4149, "41.5%"),  # a value worked out to more decimals: one
        (0.38333333, "38.3%"),
    ],
)
def test_a_percentage_has_the_decimals_it_has(value, said):
    assert say_in_kind("probability", value, "en") == said
