"""The SMART checks (one rule each), the perception gap, the draft and ``python -m decision agreement``.

Base case of ``builders.py``: H = 24 months; start date 2026-01-31 where set, so the horizon ends
on 2028-01-31. SMART is read as Dutch boards read it: Specifiek, Meetbaar, Acceptabel (agreed),
Realistisch (realistic), Tijdgebonden.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from decision.analysis.agreement import (
    add_months,
    advice_note,
    agenda,
    apply_table_edits,
    check_goal,
    draft,
    draft_markdown,
    perception_gap,
    principles,
    say,
)
from decision.analysis.negotiation import analyse
from decision.cli.main import main
from decision.engine.results import evaluate
from decision.model.case import SmartGoal
from decision.model.presets import load_preset
from decision.report.html import render_html
from decision.report.memo import memo
from decision.text.i18n import translate
from tests.decision.builders import case_dict, make_case

START = "2026-01-31"
SMART_KEYS = ("specific", "measurable", "agreed", "realistic", "time_bound")
GOOD = {
    "area": "functionality",
    "metric": "Open P1 defects",
    "baseline": 40,
    "target": 10,
    "unit": "defects",
    "deadline": "2027-01-31",
    "owner": "supplier",
    "measured_by": "defect register",
    "agreed": True,
    "feasible_value": 5,  # fewer defects is better (target 10 below baseline 40); 10 is not below 5
}
# The example: a service level of 95% (from 80%) against the best value seen.
SERVICE = {**GOOD, "metric": "Tickets within SLA", "baseline": 80, "target": 95, "unit": "%"}


def case(ratings: dict | None = None, **changes):
    diagnosis = {area: {"client": client, "supplier": supplier} for area, (client, supplier) in (ratings or {}).items()}
    return make_case({"start_date": START, "diagnosis": diagnosis or {"functionality": {"client": 3}}, **changes})


def check(**goal):
    result = check_goal(SmartGoal(**{**GOOD, **goal}), case())
    return result.checks, " ".join(p.key for p in result.problems)


def test_a_complete_goal_is_smart():
    checks, problems = check()
    assert all(checks.values()) and problems == ""


class TestSpecific:
    @pytest.mark.parametrize("field, empty", [("area", None), ("metric", " "), ("target", None)])
    def test_area_metric_and_target_are_needed(self, field, empty):
        checks, problems = check(**{field: empty})
        assert not checks["specific"]
        assert f"agreement.problem.no_{field}" in problems


class TestMeasurable:
    def test_no_unit_is_not_measurable(self):
        checks, problems = check(unit="")
        assert not checks["measurable"]
        assert problems == "agreement.problem.no_unit"


class TestAgreed:
    def test_the_checkbox_decides_acceptabel(self):
        checks, problems = check(agreed=False)
        assert not checks["agreed"] and problems == "agreement.problem.not_agreed"
        assert [k for k, ok in checks.items() if not ok] == ["agreed"]
        assert check(agreed=True)[0]["agreed"]

    def test_an_area_the_client_rates_low_is_no_longer_a_smart_failure(self):
        # The R is Realistisch now, not Relevant: an area rated 1 by the client fails no check.
        assert check_goal(SmartGoal(**GOOD), case({"functionality": (1, None)})).smart


class TestRealistic:
    def test_a_target_within_the_best_value_seen_is_realistic(self):
        # Higher is better (95 above the baseline 80); 95 <= 97: within what has been seen.
        checks, problems = check(**{**SERVICE, "feasible_value": 97})
        assert checks["realistic"] and problems == ""

    def test_a_target_beyond_the_best_value_seen_is_not(self):
        # Higher is better; 95 > 90: beyond the best value seen, and a confirmation does not override it.
        result = check_goal(SmartGoal(**{**SERVICE, "feasible_value": 90}), case())
        assert not result.checks["realistic"]
        assert [(p.key, p.values) for p in result.problems] == [
            ("agreement.problem.above_best", {"target": 95, "best": 90})
        ]
        assert not check(**{**SERVICE, "feasible_value": 90, "realistic_confirmed": True})[0]["realistic"]
        assert check(**{**SERVICE, "feasible_value": 95})[0]["realistic"]  # the best value itself is within reach

    def test_when_lower_is_better_the_target_may_not_be_below_the_best_value(self):
        # Defects 40 -> 10: lower is better. Best 5: 10 >= 5 realistic; best 12: 10 < 12 is not.
        assert check(feasible_value=5)[0]["realistic"]
        checks, problems = check(feasible_value=12)
        assert not checks["realistic"] and problems == "agreement.problem.below_best"

    def test_a_target_that_keeps_the_baseline_is_realistic(self):
        assert check(baseline=10, target=10, feasible_value=12)[0]["realistic"]

    def test_without_a_best_value_it_must_be_confirmed(self):
        checks, problems = check(feasible_value=None)
        assert not checks["realistic"] and problems == "agreement.problem.realistic_unknown"
        assert check(feasible_value=None, realistic_confirmed=True)[0]["realistic"]

    def test_a_best_value_needs_a_baseline_and_a_target_to_compare(self):
        checks, problems = check(baseline=None)
        assert not checks["realistic"] and problems == "agreement.problem.realistic_no_direction"
        checks, problems = check(target=None)
        assert not checks["realistic"] and "agreement.problem.realistic_no_target" in problems

    def test_the_case_residual_dysfunction_plays_no_part(self):
        # The old check called 95% from 40% "not achievable": it closes (95 - 40) / (100 - 40) = 92% of
        # the distance to 100%, above 1 - rho = 80% (rho = 0.2): a KPI target read as a fraction of the problem.
        for rho in (0.01, 0.2, 0.9):
            c = case(**{"solve.residual_dysfunction": rho})
            goal = SmartGoal(**{**SERVICE, "baseline": 40, "feasible_value": 97})
            assert check_goal(goal, c).smart

    @pytest.mark.parametrize(
        ("lang", "sentence"),
        [
            ("en", "Not realistic: the target 95 is above the best value seen or agreed, 90. Lower the target"),
            ("nl", "Niet realistisch: het doel 95 ligt boven 90, de beste waarde die is behaald of afgesproken."),
        ],
    )
    def test_the_row_says_what_to_do(self, lang, sentence):
        (problem,) = check_goal(SmartGoal(**{**SERVICE, "feasible_value": 90}), case()).problems
        assert say(problem, lang).startswith(sentence)

    def test_measures_are_said_with_two_decimals(self):
        problem = check_goal(SmartGoal(**{**GOOD, "target": 0.25, "feasible_value": 0.75}), case()).problems[0]
        assert say(problem, "nl").startswith("Niet realistisch: het doel 0,25 ligt onder 0,75, de beste waarde")


class TestTimeBound:
    def test_no_deadline_is_not_time_bound(self):
        checks, problems = check(deadline=None)
        assert not checks["time_bound"] and problems == "agreement.problem.no_deadline"

    def test_deadline_after_the_horizon_is_not_time_bound(self):
        checks, problems = check(deadline="2028-02-01")
        assert not checks["time_bound"] and problems == "agreement.problem.after_horizon"
        assert check(deadline="2028-01-31")[0]["time_bound"]

    def test_deadline_before_the_start_is_not_time_bound(self):
        checks, problems = check(deadline="2026-01-30")
        assert not checks["time_bound"] and problems == "agreement.problem.before_start"

    def test_without_a_start_date_the_horizon_starts_today(self):
        goal = SmartGoal(**{**GOOD, "deadline": "2027-06-01"})
        undated = make_case({"diagnosis": {"functionality": {"client": 3}}})
        assert check_goal(goal, undated, today=dt.date(2026, 1, 1)).checks["time_bound"]
        assert not check_goal(goal, undated, today=dt.date(2025, 1, 1)).checks["time_bound"]

    def test_add_months_keeps_the_day_within_the_month(self):
        assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
        assert add_months(dt.date(2026, 1, 31), 24) == dt.date(2028, 1, 31)
        assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


class TestPerceptionGap:
    RATINGS = {
        "functionality": (4, 2),
        "account_management": (3, 1),
        "invoicing": (1, 1),
        "service_desk": (1, 4),
        "change_requests": (2, None),
        "releases": (0, 1),
    }

    def test_largest_absolute_gap_first_ties_in_area_order(self):
        gaps = perception_gap(case(self.RATINGS))
        assert [(g.area, g.gap) for g in gaps] == [
            ("service_desk", -3),
            ("functionality", 2),
            ("account_management", 2),
            ("releases", -1),
            ("invoicing", 0),
        ]

    def test_agenda_lists_the_differences_then_the_unrated_problems(self):
        points = agenda(case(self.RATINGS))
        assert [(p.key.rsplit(".", 1)[1], p.values["area"]) for p in points] == [
            ("supplier_worse", "service_desk"),
            ("client_worse", "functionality"),
            ("client_worse", "account_management"),
            ("supplier_worse", "releases"),
            ("unrated", "change_requests"),
        ]


def test_table_edits_apply_by_position_and_drop_empty_cells():
    rows = [{"metric": "a", "unit": "%"}, {"metric": "b"}, {"metric": "c"}]
    edits = {
        "edited_rows": {0: {"unit": None, "target": 5}, "2": {"metric": "c2"}},
        "deleted_rows": [1],
        "added_rows": [{"metric": "d", "_index": 9, "area": ""}],
    }
    assert apply_table_edits(rows, edits, ("metric", "unit", "target", "area")) == [
        {"metric": "a", "target": 5},
        {"metric": "c2"},
        {"metric": "d"},
    ]


class TestDraft:
    def test_json_draft(self):
        c = case({"functionality": (3, 1)}, smart_goals=[GOOD, {"metric": "vague"}])
        data = draft(c, analyse(c, 20, 1))
        assert set(data) >= {"goal", "smart_goals", "perception_gap", "zopa"}
        first, second = data["smart_goals"]
        assert first["metric"] == "Open P1 defects" and first["deadline"] == "2027-01-31"
        assert first["checks"] == dict.fromkeys(("specific", "measurable", "agreed", "realistic", "time_bound"), True)
        assert first["smart"] and not second["smart"]
        assert not any(second["checks"].values())
        assert second["problems"][0] == "Not specific: name the complaint area this criterion fixes."
        assert data["perception_gap"] == [{"area": "functionality", "client": 3, "supplier": 1, "gap": 2}]
        assert data["zopa"]["client_batna"] == "switch"

    def test_markdown_escapes_user_text(self):
        c = case(title="*Big* <b>ERP</b>", smart_goals=[{**GOOD, "metric": "[link](http://x) | pipe\nnext"}])
        text = draft_markdown(c, analyse(c, 20, 1), "nl")
        assert "\\*Big\\* \\<b\\>ERP\\</b\\>" in text
        assert "\\[link\\]\\(http\\:" in text and "\\| pipe next" in text
        assert "<b>" not in text and "](http" not in text
        assert "## Doel" in text


class TestCli:
    @pytest.fixture
    def path(self, tmp_path: Path) -> str:
        file = tmp_path / "case.json"
        file.write_text(json.dumps({**case_dict({"start_date": START}), "smart_goals": [GOOD]}))
        return str(file)

    def test_json(self, path, capsys):
        assert main(["agreement", path, "--format", "json", "--iterations", "50"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert set(data) >= {"goal", "smart_goals", "perception_gap", "zopa"}
        assert list(data["smart_goals"][0]["checks"]) == ["specific", "measurable", "agreed", "realistic", "time_bound"]
        assert set(data["goal"]) == {"statement", "decent_system", "client_value", "supplier_margin", "judge"}
        assert data["goal"]["judge"] == translate("agreement.md.judge", "en")
        assert {"supplier_margin_at_case_share", "supplier_margin_if_success", "normal_margin"} <= set(data["zopa"])

    @pytest.mark.parametrize(
        ("lang", "names"),
        [
            ("nl", ["Specifiek", "Meetbaar", "Acceptabel", "Realistisch", "Tijdgebonden"]),
            ("en", ["Specific", "Measurable", "Agreed", "Realistic", "Time-bound"]),
        ],
    )
    def test_json_names_the_five_checks_in_the_language(self, path, capsys, lang, names):
        assert main(["agreement", path, "--format", "json", "--iterations", "50", "--lang", lang]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["smart_checks"] == dict(zip(SMART_KEYS, names, strict=True))
        assert data["smart_goals"][0]["checks"] == dict.fromkeys(SMART_KEYS, True)

    def test_a_v1_case_file_loads_and_its_draft_still_works(self, capsys):
        # A v1 file knows no agreed, best value or confirmation: its criteria load unchanged, with the
        # defaults (not agreed, no best value, not confirmed), and the draft says what to fill in.
        v1 = Path(__file__).resolve().parent / "fixtures" / "v1" / "erp-manufacturer.json"
        written = json.loads(v1.read_text(encoding="utf-8"))
        assert written["schema_version"] == 1 and "agreed" not in written["smart_goals"][0]
        assert main(["agreement", str(v1), "--format", "json", "--iterations", "50"]) == 0
        data = json.loads(capsys.readouterr().out)
        first = data["smart_goals"][0]
        assert {k: first[k] for k in written["smart_goals"][0]} == {
            **written["smart_goals"][0],
            "baseline": 46.0,
            "target": 5.0,
        }
        assert (first["agreed"], first["feasible_value"], first["realistic_confirmed"]) == (False, None, False)
        assert first["checks"] == {
            "specific": True,
            "measurable": True,
            "agreed": False,
            "realistic": False,
            "time_bound": True,
        }
        assert first["problems"] == [
            "Not agreed yet: tick ‘Agreed’ once the client and the supplier have both accepted this criterion.",
            "Not shown to be realistic: fill in the best value seen or agreed, or tick ‘Confirmed realistic’ once"
            " both parties judge the target feasible.",
        ]

    def test_markdown(self, path, capsys):
        assert main(["agreement", path, "--iterations", "50"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("# Agreement draft: hand\\-worked")
        assert "## Criteria (SMART)" in out

    def test_invalid_case(self, tmp_path, capsys):
        file = tmp_path / "bad.json"
        file.write_text(json.dumps({**case_dict(), "smart_goals": [{"owner": "nobody"}]}))
        assert main(["agreement", str(file)]) == 2
        assert "smart_goals[0].owner" in capsys.readouterr().err


class TestMarginAtTheSplit:
    """The draft's margin at the case's split is MODEL.md 7.8's expected margin, as ``evaluate`` reports it.

    Base case with p_success = 0, fallback switch, P = 6,000 and L = 0 (r = 0, H = 24, T_s = 3, s = 0.5,
    the supplier earns m R = 0.15 x 2,000 = 300 a month on R = 2,000). Solving always fails: the supplier
    is paid the 3 programme months, then until the replacement goes live 6 months later (month 9).
    Its value: 3 x 300 - (1 - 0.5) x 6,000 + 6 x 300 = 900 - 3,000 + 1,800 = -300; its revenue under solve
    (3 + 6) x 2,000 = 18,000; expected margin -300 / 18,000 = -1.67%.
    If the programme succeeded: 0.15 - 0.5 x 6,000 / (24 x 2,000) = 0.15 - 0.0625 = 8.75%.
    """

    CHANGES = {
        "solve.p_success": 0,
        "solve.fallback": "switch",
        "solve.programme_cost": 6_000,
        "supplier.loss_of_client_cost": 0,
    }

    def test_the_json_states_the_expected_margin_and_keeps_the_success_margin_apart(self):
        c = case(smart_goals=[GOOD], **self.CHANGES)
        zopa = draft(c, analyse(c, 20, 1))["zopa"]
        assert zopa["supplier_margin_at_case_share"] == pytest.approx(-300 / 18_000)
        assert zopa["supplier_margin_at_case_share"] == evaluate(c, 20, 1).zopa.supplier_margin_at_case_share
        assert zopa["supplier_margin_if_success"] == pytest.approx(0.15 - 3_000 / 48_000)
        assert zopa["normal_margin"] == pytest.approx(0.15)

    @pytest.mark.parametrize(
        ("lang", "sentence"),
        [
            (
                "en",
                "with the client paying 50% of the programme, the supplier can expect a loss (-1.7% of its revenue"
                " over the horizon, the risk that solving fails included; if the programme succeeds: 8.8%)"
                " instead of a normal margin of 15.0%.",
            ),
            (
                "nl",
                "als de klant 50% van het programma betaalt, verwacht de leverancier verlies (-1,7% van zijn omzet"
                " over de horizon) in plaats van een normale marge van 15,0%. Daarin is de kans meegerekend dat"
                " oplossen mislukt; als het programma slaagt, is zijn marge 8,8%.",
            ),
        ],
    )
    def test_the_goal_sentence_says_the_expected_margin(self, lang, sentence):
        c = case(smart_goals=[GOOD], **self.CHANGES)
        assert draft(c, analyse(c, 20, 1), lang)["goal"]["supplier_margin"].endswith(sentence)

    def test_a_margin_when_the_programme_succeeds_for_sure(self):
        # p_success = 1 and the base case: the supplier is paid all 24 months, 24 x 300 - 30,000 = -22,800 on
        # 48,000: -47.5%, and both margins are the same (0.15 - 30,000 / 48,000 = -0.475).
        c = case(smart_goals=[GOOD])
        zopa = draft(c, analyse(c, 20, 1))["zopa"]
        assert zopa["supplier_margin_at_case_share"] == pytest.approx(-0.475)
        assert zopa["supplier_margin_if_success"] == pytest.approx(-0.475)

    def test_without_revenue_the_sentence_says_the_supplier_value(self):
        # R = 0 and no revenue of its own: the supplier earns nothing, so 7.8's margin is null; its value
        # is its programme share alone, -(1 - 0.5) x 60,000 = -30,000.
        c = case(smart_goals=[GOOD], **{"current.running_cost_per_month": 0})
        data = draft(c, analyse(c, 20, 1))
        assert data["zopa"]["supplier_margin_at_case_share"] is None
        assert "the agreement is expected to be worth -€30,000 to the supplier" in data["goal"]["supplier_margin"]


class TestEqualGainSaidHonestly:
    """Base case: at s = 0.5 the client gains 98,000 over switching (278,000 - 180,000) and the supplier
    15,400 (-22,800 against 1,800 - 40,000 = -38,200); the programme's slope is 60,000. Equal gain at
    0.5 + (98,000 - 15,400) / (2 x 60,000) = 1.19, beyond the zone (24%-100%): clamped to 100%, where the
    client still gains more. With L = 120,000 the supplier gains 95,400: equal at
    0.5 + 2,600 / 120,000 = 52%, a true equal split."""

    CLAMPED = {
        "en": "The client gains more at every split; the nearest split to equal is 100%",
        "nl": "De klant wint bij elke verdeling meer; de verdeling die het dichtst bij gelijk voordeel komt, is 100%",
    }
    SAME = {"en": "both gain the same", "nl": "winnen beiden evenveel"}

    @pytest.mark.parametrize("lang", ["en", "nl"])
    def test_a_clamped_split_is_not_called_equal(self, lang):
        c = case(smart_goals=[GOOD])
        analysis = analyse(c, 20, 1)
        assert analysis.zopa.client_gain_at_case_share == pytest.approx(98_000)
        assert analysis.zopa.supplier_gain_at_case_share == pytest.approx(15_400)
        criteria = principles(c, analysis)[-1]
        said = " ".join(say(point, lang) for point in criteria.points)
        assert self.CLAMPED[lang] in said and self.SAME[lang] not in said
        zone = draft_markdown(c, analysis, lang).split("\n")[-2]
        assert zone.endswith(self.CLAMPED[lang] + ".") and self.SAME[lang] not in zone
        assert ("24%" in zone) and ("100%" in zone)

    @pytest.mark.parametrize("lang", ["en", "nl"])
    def test_a_true_equal_split_is_said_equal(self, lang):
        c = case(smart_goals=[GOOD], **{"supplier.loss_of_client_cost": 120_000})
        analysis = analyse(c, 20, 1)
        assert analysis.zopa.equal_gain_share == pytest.approx(0.5 + 2_600 / 120_000)
        said = " ".join(say(point, lang) for point in principles(c, analysis)[-1].points)
        assert self.SAME[lang] in said and "52%" in said
        assert self.SAME[lang] in draft_markdown(c, analysis, lang)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_supervisor_judges_in_the_json_and_the_memo(lang):
    judge = translate("agreement.md.judge", lang)
    assert ("onafhankelijke supervisor" if lang == "nl" else "independent supervisor") in judge
    c = case(smart_goals=[GOOD])
    assert draft(c, analyse(c, 20, 1), lang)["goal"]["judge"] == judge
    html = render_html(memo(evaluate(c, 200, 1), lang, dt.date(2026, 3, 2)))
    appendix = html.split(translate("report.agreement", lang))[1]
    assert f"<li>{judge}</li>" in appendix


@pytest.mark.parametrize(
    ("ratings", "said"),
    [
        # No area rated by the supplier: nothing to compare, so no "0 areas differ" (a new user's walk saw it).
        ({}, "The supplier has not yet said how it rates the complaint areas"),
        # functionality 3 against 3, invoicing 2 against 2: every rated area alike.
        ({"functionality": (3, 3), "invoicing": (2, 2)}, "The two parties rate every complaint area"),
        # functionality 3 against 1 (a gap of 2), invoicing 2 against 2: one area differs.
        ({"functionality": (3, 1), "invoicing": (2, 2)}, "1 complaint area is rated differently"),
        # functionality 3 against 1, invoicing 4 against 2: two differ.
        ({"functionality": (3, 1), "invoicing": (4, 2)}, "2 complaint areas are rated differently"),
    ],
)
def test_the_people_principle_says_what_the_ratings_allow(ratings, said):
    c = case(ratings)
    points = " ".join(say(point, "en") for point in principles(c, analyse(c, 20, 1))[0].points)
    assert said in points
    assert "0 complaint areas" not in points


@pytest.mark.parametrize(
    ("preset", "key"),
    [
        ("erp-manufacturer", None),  # the advice is to solve: the draft is the advice's
        ("muddle-defensible", "agreement.not_advised"),  # solving is allowed, the advice is to muddle on
        ("municipality-broken-relationship", "agreement.not_advised_excluded"),  # the triage rules solving out
    ],
)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_draft_says_when_it_is_not_the_advice(preset, key, lang):
    c = load_preset(preset)
    evaluation = evaluate(c, 2_000, 1)
    note = advice_note(evaluation.recommendation)
    assert (note and note.key) == key
    written = memo(evaluation, lang, dt.date(2026, 3, 2))
    section = next(s for s in written.details if s.heading == translate("report.agreement", lang))
    if key is None:
        assert section.intro == translate("report.agreement_intro", lang)
    else:
        advice = translate(f"strategy.{evaluation.recommendation.strategy}.name", lang)
        assert section.intro.endswith(say(note, lang)) and advice in section.intro
