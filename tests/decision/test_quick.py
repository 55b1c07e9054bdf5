"""The quick start (decision/model/quick.py): a dozen answers become a complete, ready case.

The numbers below are worked by hand from the answers and the ranges of docs/DOMAIN.md.
"""

from __future__ import annotations

import json
import re

import pytest
from pydantic import ValidationError

from decision.analysis.completeness import count, origin_of, readiness, shown_inputs
from decision.cli.main import main
from decision.engine.results import evaluate
from decision.model.case import DIAGNOSIS_AREAS, Case
from decision.model.loader import parse_case
from decision.model.quick import EXAMPLE, QUESTIONS, QUICK_QUESTIONS, QuickAnswers, committed_months, quick_case
from decision.text.i18n import translate

# The director's own numbers in a quick case; every other estimate is a default.
OWN = {"current.dysfunction_cost_per_month", "current.running_cost_per_month", "contract.committed_months"}

# A project contract of EUR 1M with a known cap, 12 hours lost a week at EUR 85.
PROJECT = QuickAnswers(
    size="small",
    contract_kind="project",
    contract_value=1_000_000,
    yearly_fee=60_000,
    remaining_term_months=8,
    notice_months=3,
    liability_cap=500_000,
    severity={"functionality": 4, "service_desk": 3},
    hours_per_week=12,
    hourly_rate=85,
    weekly_board_agenda=True,
    continuity_threat=False,
    client_recognises_supplier=4,
    supplier_values_client=2,
)


def spaced(text: str) -> str:
    """Text with Babel's no-break space after the euro sign read as a space."""
    return text.replace("\u00a0", " ")


def answers(**changes: object) -> QuickAnswers:
    return PROJECT.model_copy(update=changes)


def estimate(case: Case, path: str):
    group, field = path.split(".")
    return getattr(getattr(case, group), field)


def triple(case: Case, path: str) -> tuple[float, float, float]:
    value = estimate(case, path)
    return (value.low, value.mode, value.high)


# -- the director's own answers ----------------------------------------------------------------


def test_the_dysfunction_is_hours_times_rate_per_month():
    # 12 h/week x EUR 85 = EUR 1,020 a week; x 52 weeks = EUR 53,040 a year; / 12 = EUR 4,420 a month.
    assert PROJECT.dysfunction_per_month == pytest.approx(4_420)
    case = quick_case(PROJECT, "nl")
    dysfunction = case.current.dysfunction_cost_per_month
    assert (dysfunction.low, dysfunction.high) == pytest.approx((4_420, 4_420))
    assert dysfunction.origin == "own"
    assert spaced(dysfunction.source) == "Snel beginnen: 12 uur per week × € 85 per uur × 52/12 = € 4.420 per maand."
    assert quick_case(PROJECT, "en").current.dysfunction_cost_per_month.source == (
        "Start quickly: 12 hours a week × €85 an hour × 52/12 = €4,420 a month."
    )


def test_the_running_cost_is_the_yearly_fee_per_month():
    # EUR 60,000 a year / 12 = EUR 5,000 a month, the director's own.
    running = quick_case(PROJECT, "nl").current.running_cost_per_month
    assert (running.mode, running.is_fixed, running.origin) == (5_000, True, "own")
    assert "€ 60.000 / 12 = € 5.000 per maand" in spaced(running.source)


@pytest.mark.parametrize(
    ("remaining", "notice", "months", "rule"),
    [
        (8, 3, 8, "in_time"),  # notice can still be given: the rest of the term
        (3, 3, 3, "in_time"),  # just in time
        (1, 3, 13, "renewed"),  # DOMAIN.md: a calendar year, three months' notice, on 1 December: 1 + 12 = 13
        (0, 3, 3, "no_term"),  # no fixed term left: the notice period
        (0, 0, 0, "no_term"),
    ],
)
def test_the_contract_commitment(remaining, notice, months, rule):
    assert committed_months(remaining, notice) == (months, rule)
    case = quick_case(answers(remaining_term_months=remaining, notice_months=notice), "en")
    committed = case.contract.committed_months
    assert (committed.mode, committed.is_fixed, committed.origin) == (months, True, "own")


def test_the_cap_the_director_gave_is_kept():
    case = quick_case(PROJECT, "en")
    assert case.legal.liability_cap == 500_000
    assert case.legal.claim.note == "Liability cap €500,000 (Start quickly, your answer)."


@pytest.mark.parametrize(("kind", "cap"), [("project", 1_000_000), ("licence", 1_000_000), ("saas", 60_000)])
def test_an_unknown_cap_is_domains_contract_price_or_a_years_fees(kind, cap):
    # DOMAIN.md: NLdigital-style terms cap liability at the contract price or one year's fees.
    case = quick_case(answers(liability_cap=None, contract_kind=kind), "en")
    assert case.legal.liability_cap == cap
    assert "Liability cap not given" in case.legal.claim.note


def test_diagnosis_and_triage_are_the_answers():
    case = quick_case(PROJECT, "en")
    assert case.diagnosis.functionality.client == 4 and case.diagnosis.service_desk.client == 3
    # An area not answered is no complaint.
    assert [getattr(case.diagnosis, area).client for area in DIAGNOSIS_AREAS] == [4, 0, 0, 3, 0, 0, 0]
    assert case.triage.model_dump() == {
        "weekly_board_agenda": True,
        "continuity_threat": False,
        "client_recognises_supplier": 4,
        "supplier_values_client": 2,
    }


# -- the defaults from DOMAIN.md, scaled to the contract value -----------------------------------


def test_the_defaults_are_domains_ranges():
    case = quick_case(PROJECT, "en")
    # Replacement 100 / 130 / 200% of C = EUR 1M.
    assert triple(case, "stop.replacement_cost") == pytest.approx((1_000_000, 1_300_000, 2_000_000))
    assert triple(case, "stop.replacement_months") == (12, 18, 30)
    assert triple(case, "stop.exit_cost") == (5_000, 15_000, 30_000)
    # A new system runs at the current fee: EUR 5,000 a month (no figure in DOMAIN.md).
    assert triple(case, "stop.new_running_cost_per_month") == (5_000, 5_000, 5_000)
    assert triple(case, "legal.fees_per_year") == (75_000, 150_000, 350_000)
    # First instance 12-30 months (middle 21), plus an appeal of up to 24: 30 + 24 = 54.
    assert triple(case, "legal.duration_months") == (12, 21, 54)
    assert triple(case, "legal.p_win") == (0.35, 0.5, 0.65)
    assert triple(case, "legal.claim") == (1_000_000, 1_000_000, 1_000_000)
    assert triple(case, "legal.p_settle") == (0.2, 0.35, 0.5)
    assert triple(case, "legal.settle_months") == (3, 10.5, 18)
    # Chance of winning x share recovered (100%).
    assert triple(case, "legal.settle_fraction") == (0.35, 0.5, 0.65)
    assert triple(case, "legal.interest_rate") == (0.07, 0.07, 0.07)
    # Repair 15 / 25 / 40% of C = EUR 150k / 250k / 400k.
    assert triple(case, "solve.programme_cost") == pytest.approx((150_000, 250_000, 400_000))
    # Intake 15/30/60k + supervisor 50/120/250k = 65k / 150k / 310k.
    assert triple(case, "solve.internal_cost") == (65_000, 150_000, 310_000)
    assert triple(case, "solve.improvement_months") == (3, 6, 12)
    assert triple(case, "solve.p_success") == (0.5, 0.65, 0.8)
    assert triple(case, "solve.residual_dysfunction") == (0.1, 0.2, 0.35)
    assert triple(case, "supplier.fees_per_year") == (75_000, 150_000, 350_000)
    # Where DOMAIN.md has no figure, the registry's: growth 0%, margin 15%, recovery 100%.
    assert triple(case, "current.dysfunction_growth_per_year") == (0, 0, 0)
    assert triple(case, "supplier.normal_margin") == (0.15, 0.15, 0.15)
    assert triple(case, "legal.recovery_fraction") == (1, 1, 1)
    assert case.partner is None  # another implementation partner only for a standard package
    assert case.sunk.invested_to_date == 1_000_000 and case.profile.contract_value == 1_000_000


def test_a_licence_can_move_to_another_partner():
    case = quick_case(answers(contract_kind="licence", contract_value=800_000), "en")
    assert case.partner is not None
    # Audit 25/40/60k + repair 15/25/40% of EUR 800k (120/200/320k) = 145k / 240k / 380k.
    assert triple(case, "partner.transition_cost") == pytest.approx((145_000, 240_000, 380_000))
    assert triple(case, "partner.transition_months") == (3, 6, 10)
    assert triple(case, "partner.p_success") == (0.55, 0.7, 0.85)
    assert case.partner.running_cost_per_month is None  # the current running cost stands in


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("kind", ["project", "licence", "saas"])
def test_every_estimate_is_the_directors_or_a_sourced_default(lang, kind):
    case = quick_case(answers(contract_kind=kind), lang)
    own_prefix = {"nl": "Snel beginnen: ", "en": "Start quickly: "}[lang]
    default_prefixes = {"nl": ("Standaardwaarde",), "en": ("Default (Kruispunt", "The model's default")}[lang]
    for spec in shown_inputs(case):
        origin = origin_of(case, spec)
        assert origin == ("own" if spec.path in OWN else "default"), spec.path
        value = estimate(case, spec.path)
        if value is None:  # left empty: the stand-in's draw (the supplier's revenue, the partner's running cost)
            assert spec.stand_in is not None
            continue
        assert value.origin == origin
        assert value.source.startswith(own_prefix if origin == "own" else default_prefixes), value.source
        assert "quick_start." not in value.source + value.note  # no key left unsaid
        assert {"nl": "bronnenlijst", "en": "source list"}[lang] in value.source or origin == "own"
        if origin == "default":  # the Assumptions page's note: the source, then one sentence of advice
            note = translate("assumptions.origin.default_source", lang, source=value.source)
            assert ".." not in note and not value.source.endswith("."), note
            assert len(re.findall(r"\b(?:vervang|replace)\b", note, re.IGNORECASE)) == 1, note  # the advice once
    held = count(case)
    assert held.own == len(OWN) and held.empty == 0


TITLES = {
    "project": "Snel beginnen: projectcontract (maatwerk) van € 1.000.000",
    "licence": "Snel beginnen: licentie met implementatie van € 1.000.000",
    "saas": "Snel beginnen: SaaS-abonnement van € 1.000.000",
}


@pytest.mark.parametrize("kind", ["project", "licence", "saas"])
def test_the_quick_case_is_ready_for_a_recommendation(kind):
    case = quick_case(answers(contract_kind=kind), "nl")
    assert readiness(case).ready
    assert spaced(case.title) == TITLES[kind]
    assert case.profile.language == "nl"


def test_the_quick_case_reads_back_from_its_file():
    case = quick_case(EXAMPLE, "nl")
    assert parse_case(json.loads(case.to_json())) == case


def test_evaluate_runs_on_the_quick_case(tmp_path, capsys):
    case = quick_case(PROJECT, "en")
    path = tmp_path / "quick.json"
    path.write_text(case.to_json(), encoding="utf-8")
    assert main(["evaluate", str(path), "--iterations", "500", "--seed", "1", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    # Weekly on the board's agenda: muddling on is out; the supplier scores 2: solving is out.
    assert result["recommendation"]["allowed"] == ["switch", "stop"]
    assert result["recommendation"]["strategy"] in ("switch", "stop")
    assert sum(s["p_best"] for s in result["strategies"].values()) == pytest.approx(1)


def test_the_example_gives_a_recommendation_with_five_ways_out():
    evaluation = evaluate(quick_case(EXAMPLE, "en"), 500, 1, "decision", "mean")
    assert list(evaluation.strategies) == ["muddle", "switch", "stop", "solve", "partner"]
    assert evaluation.recommendation.strategy in evaluation.recommendation.allowed
    assert "muddle" not in evaluation.recommendation.allowed  # the example is weekly on the board's agenda


# -- the answers' limits ------------------------------------------------------------------------


def test_the_questions():
    assert QUICK_QUESTIONS == len(QUESTIONS) == 14
    assert set(QUESTIONS) == set(QuickAnswers.model_fields)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("contract_value", 0),  # at least EUR 1,000
        ("contract_value", 2e12),  # at most a thousand billion
        ("yearly_fee", -1),
        ("remaining_term_months", 121),  # at most ten years
        ("notice_months", 25),
        ("liability_cap", -5),
        ("hours_per_week", -1),
        ("hours_per_week", 100_001),
        ("hourly_rate", 1_001),
        ("client_recognises_supplier", 0),
        ("supplier_values_client", 6),
        ("severity", {"functionality": 5}),
        ("severity", {"weather": 2}),
        ("contract_kind", "lease"),
        ("size", "huge"),
        ("hours_per_week", float("nan")),
    ],
)
def test_an_answer_out_of_its_limits_is_refused(field, value):
    data = PROJECT.model_dump() | {field: value}
    with pytest.raises(ValidationError) as refused:
        QuickAnswers.model_validate(data)
    assert [error["loc"][0] for error in refused.value.errors()] == [field]


def test_an_unknown_answer_is_refused():
    with pytest.raises(ValidationError):
        QuickAnswers.model_validate(PROJECT.model_dump() | {"colour": "blue"})


def test_answers_are_frozen():
    with pytest.raises(ValidationError):
        PROJECT.hours_per_week = 3  # type: ignore[misc]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_default_is_marked_in_the_memos_ledger(lang):
    """The board memo's assumptions table says of every quick-start default that it is not the
    director's own number, with its DOMAIN.md source; the director's own numbers are not so marked."""
    import datetime as dt

    from decision.report.memo import memo
    from decision.text.i18n import translate

    case = quick_case(EXAMPLE, lang)
    content = memo(evaluate(case, 500, 1), lang, dt.date(2026, 12, 4))
    ledger = next(s for s in content.details if s.heading == translate("report.assumptions", lang))
    assert ledger.table is not None
    marker = translate("report.default_source", lang, source="").rstrip(" —:")
    rows = {row[0]: row[-1] for row in ledger.table.rows}
    marked = 0
    for spec in shown_inputs(case):
        label = next((name for name in rows if name.startswith(translate(spec.label_key, lang))), None)
        if label is None:  # left empty with a stand-in: not a row of its own
            continue
        if origin_of(case, spec) == "default":
            assert rows[label].startswith(marker), (spec.path, rows[label])
            marked += 1
        else:
            assert not rows[label].startswith(marker), (spec.path, rows[label])
    assert marked >= 20
    assert translate("completeness.count", lang, own=3, total=41, defaults=38) in ledger.intro
