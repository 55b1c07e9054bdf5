"""Honest warnings on the pages (issue 14): Comparison and Why say the recommendation's warnings with
their numbers, and Why the source text's last attempt when the advice is to stop.

The cases: the example without its go/no-go and with a 20-40% chance that solving succeeds. Solving
is still the advice, but it has the worst bad case of the defensible options, is the cheapest in fewer
than half of the futures and leaves the supplier at a loss: three warnings, with amounts and shares.
With a 10-30% chance, stopping and suing is the advice, and a last attempt with a go/no-go at a
third of the attempt's six months is said on Why.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from decision.analysis.explain import warnings_of
from decision.analysis.last_attempt import last_attempt
from decision.engine.results import evaluate
from decision.model.case import Case
from decision.model.presets import EXAMPLE, load_preset
from decision.text import fmt
from decision.text.i18n import LANGUAGES
from tests.conftest import REPO_ROOT
from ui.cache import ITERATIONS, SEED


def example_with(p_success: float) -> Case:
    """The example without its go/no-go, with a chance that solving succeeds of ``p_success`` +- 10 points."""
    data = load_preset(EXAMPLE).model_dump(mode="json")
    data["solve"]["gate_months"] = None
    data["solve"]["p_success"] = {"low": p_success - 0.1, "mode": p_success, "high": p_success + 0.1}
    return Case.model_validate(data)


def open_page(page: str, case: Case, lang: str) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["case"] = case
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def story(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_the_cases_are_what_the_tests_say():
    warned = evaluate(example_with(0.3), ITERATIONS, SEED, basis="mean")
    assert warned.recommendation.strategy == "solve"
    assert set(warned.recommendation.warnings) == {"worst_p90", "less_than_half", "supplier_at_loss"}
    stopping = evaluate(example_with(0.2), ITERATIONS, SEED, basis="mean")
    assert stopping.recommendation.strategy == "stop" and "solve" in stopping.recommendation.allowed
    attempt = last_attempt(stopping)
    assert attempt is not None and attempt.gate_months == 2  # round(6 / 3)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_comparison_and_why_say_the_warnings_with_their_numbers(lang):
    case = example_with(0.3)
    warnings = warnings_of(evaluate(case, ITERATIONS, SEED, basis="mean"))
    assert len(warnings) == 3
    comparison = [w.value for w in open_page("comparison", case, lang).warning]
    why = story(open_page("why", case, lang))
    for warning in warnings:
        # Comparison rounds the amounts for reading; Why says them as the page says amounts (the figure
        # is already rounded to three significant digits).
        assert warning.say(lang, fmt.money_rounded) in comparison
        assert warning.say(lang) in why
    worst = next(w for w in warnings if w.key.endswith("worst_p90"))
    assert fmt.money_rounded(worst.values["amount"], lang) in " ".join(comparison)
    assert ("mln" if lang == "nl" else "million") in " ".join(comparison)
    less = next(w for w in warnings if w.key.endswith("less_than_half"))
    assert fmt.percent(less.values["share"], lang) in why


@pytest.mark.parametrize("lang", LANGUAGES)
def test_why_says_the_last_attempt_before_stopping(lang):
    case = example_with(0.2)
    attempt = last_attempt(evaluate(case, ITERATIONS, SEED, basis="mean"))
    assert attempt is not None
    why = story(open_page("why", case, lang))
    assert attempt.reason().say(lang) in why
    assert ("ultieme poging" if lang == "nl" else "last attempt") in why
