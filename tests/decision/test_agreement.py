"""The SMART checks (one rule each), the perception gap, the draft and ``python -m decision agreement``.

Base case of ``builders.py``: H = 24 months, residual dysfunction after solving rho = 0.2
(fixed, so its low estimate is 0.2); start date 2026-01-31 where set, so the horizon ends
on 2028-01-31.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from decision.analysis.agreement import (
    add_months,
    agenda,
    apply_table_edits,
    check_goal,
    draft,
    draft_markdown,
    perception_gap,
)
from decision.analysis.negotiation import analyse
from decision.cli.main import main
from decision.model.case import SmartGoal
from tests.decision.builders import case_dict, make_case

START = "2026-01-31"
GOOD = {
    "area": "functionality",
    "metric": "Open P1 defects",
    "baseline": 40,
    "target": 10,
    "unit": "defects",
    "deadline": "2027-01-31",
    "owner": "supplier",
    "measured_by": "defect register",
}


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


class TestAchievable:
    def test_reduction_below_the_best_case_residual_is_questioned(self):
        # rho = 0.2: from 40 the best a programme can do is 8; 7 asks for more, 8 does not.
        checks, problems = check(target=7)
        assert not checks["achievable"] and problems == "agreement.problem.reduction_too_far"
        assert check(target=8)[0]["achievable"]

    def test_percentage_closing_more_than_the_programme_can_is_questioned(self):
        # From 40% the gap to 100% is 60 points; a programme closes at most 80% of it: 88% is the limit.
        checks, problems = check(unit="%", baseline=40, target=95)
        assert not checks["achievable"] and problems == "agreement.problem.percent_too_far"
        assert check(unit="%", baseline=40, target=88)[0]["achievable"]

    def test_percentage_above_hundred_is_not_achievable(self):
        checks, problems = check(unit="%", baseline=40, target=101)
        assert not checks["achievable"] and problems == "agreement.problem.above_hundred"

    def test_increase_beyond_double_is_questioned(self):
        checks, problems = check(unit="orders/day", baseline=10, target=21)
        assert not checks["achievable"] and problems == "agreement.problem.increase_too_far"
        assert check(unit="orders/day", baseline=10, target=20)[0]["achievable"]

    def test_without_a_baseline_achievability_cannot_be_judged(self):
        checks, problems = check(baseline=None)
        assert not checks["achievable"] and problems == "agreement.problem.achievable_unknown"


class TestRelevant:
    def test_area_rated_below_two_is_not_relevant(self):
        low = check_goal(SmartGoal(**GOOD), case({"functionality": (1, None)}))
        assert not low.checks["relevant"]
        assert [p.key for p in low.problems] == ["agreement.problem.not_relevant"]
        assert low.problems[0].values == {"area": "functionality", "score": 1}
        assert check_goal(SmartGoal(**GOOD), case({"functionality": (2, None)})).checks["relevant"]


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
        assert first["checks"] == dict.fromkeys(
            ("specific", "measurable", "achievable", "relevant", "time_bound"), True
        )
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
        assert set(data["smart_goals"][0]["checks"]) == {
            "specific",
            "measurable",
            "achievable",
            "relevant",
            "time_bound",
        }
        assert set(data["goal"]) == {"statement", "decent_system", "client_value", "supplier_margin"}

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
