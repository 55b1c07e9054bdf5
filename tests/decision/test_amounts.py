"""Amounts as a workshop wants them: exact, rounded (k€ / M€) or hidden, in messages, explanations and inputs."""

from __future__ import annotations

import pytest

from decision.analysis.agreement import draft
from decision.analysis.explain import say, say_value
from decision.analysis.inputs import BY_PATH, format_estimate
from decision.analysis.negotiation import analyse
from decision.engine.simulation import case_estimate
from decision.model.case import Case
from decision.model.presets import EXAMPLE, load_preset
from decision.model.triage import Reason
from decision.text import fmt
from decision.text.i18n import Translator

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "lang", "amounts", "written"),
    [
        (1_260_000, "en", "exact", "€1,260,000"),
        (1_260_000, "nl", "exact", f"€{NBSP}1.260.000"),
        (1_260_000, "nl", "rounded", "M€ 1,3"),
        (250_400, "en", "rounded", "k€ 250"),
        (-150_168, "en", "rounded", "k€ -150"),
        (1_260_000, "en", "hidden", "•••"),
        (0, "nl", "hidden", "•••"),
        (None, "en", "hidden", "–"),  # no value is no amount: the dash stays
        (1_260_000, "en", "unknown", "€1,260,000"),
    ],
)
def test_money_as(amount, lang: str, amounts: str, written: str) -> None:
    assert fmt.money_as(amount, lang, amounts) == written


def test_a_translator_writes_amounts_as_its_setting_wants() -> None:
    values = {"amount": 769_740, "strategy": "switch"}
    assert Translator("en")("economics.runner_up", **values) == (
        "It is €769,740 cheaper than the runner-up, Stop and take the loss."
    )
    assert Translator("en", amounts="rounded")("economics.runner_up", **values) == (
        "It is k€ 770 cheaper than the runner-up, Stop and take the loss."
    )
    assert Translator("nl", amounts="hidden")("economics.runner_up", **values) == (
        "Dat is ••• goedkoper dan de op één na beste uitweg, Stoppen en verlies nemen."
    )
    assert Translator("en", amounts="nonsense").amounts == "exact"


def test_the_explanation_hides_amounts_but_not_shares_or_months() -> None:
    hidden = Translator("en", amounts="hidden").money
    reason = Reason("explain.evpi", {"amount": 217_328})
    assert "€217,328" in say(reason, "en")
    assert "•••" in say(reason, "en", hidden) and "217" not in say(reason, "en", hidden)
    assert say_value("solve.programme_cost", 1_234_567, "en") == "€1,230,000"  # three significant digits
    assert say_value("solve.programme_cost", 1_234_567, "en", fmt.money_short) == "M€ 1.2"
    assert say_value("solve.programme_cost", 1_234_567, "en", hidden) == "•••"
    assert say_value("solve.p_success", 0.41, "en", hidden) == "41%"


def test_estimates_and_the_agreement_goal_follow_the_setting() -> None:
    case = load_preset(EXAMPLE)
    spec = BY_PATH["solve.programme_cost"]
    estimate = case_estimate(case, spec.path)
    hidden = Translator("en", amounts="hidden").money
    assert "€" in format_estimate(spec, estimate, "en")
    assert format_estimate(spec, estimate, "en", hidden) == "••• – ••• – ••• (mean •••)"
    analysis = analyse(case, 2_000, 1)
    exact = draft(case, analysis, "en")["goal"]["client_value"]
    shown = draft(case, analysis, "en", money=hidden)["goal"]["client_value"]
    assert fmt.money(abs(analysis.zopa.client_gain_at_case_share), "en") in exact
    assert "•••" in shown and "€" not in shown


def test_a_what_if_control_starts_inside_its_range_whatever_the_case():
    """Replacement in 0 to 1 months: the mean, 0.2, lies below the control's first month (issue 15)."""
    from decision.analysis.inputs import whatif_default, whatif_range
    from tests.decision.builders import make_case

    case = make_case({"stop.replacement_months": {"low": 0, "mode": 0, "high": 1}})
    low, high = whatif_range(case, "stop.replacement_months")
    assert (low, high) == (1.0, 10.0)  # from month 1, at least ten steps of one month
    assert whatif_default(case, "stop.replacement_months") == 1.0
    # An amount's control never goes past what the input accepts (at most a thousand billion euros).
    huge = make_case({"current.dysfunction_cost_per_month": 9e11})
    assert whatif_range(huge, "current.dysfunction_cost_per_month")[1] == 1e12


def test_a_what_if_amount_starts_at_the_mean_to_the_euro():
    """A typed amount is not put on a slider's step: a mean of €4,420 shows as 4,420, not 4,000."""
    from decision.analysis.inputs import whatif_default

    data = load_preset("erp-manufacturer").model_dump(mode="json")
    data["current"]["dysfunction_cost_per_month"] = {"low": 4000, "mode": 4420, "high": 4840}
    case = Case.model_validate(data)
    # PERT mean: (4,000 + 4 x 4,420 + 4,840) / 6 = 26,520 / 6 = 4,420.
    assert whatif_default(case, "current.dysfunction_cost_per_month") == 4420.0
