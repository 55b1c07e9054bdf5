"""Case files (MODEL.md section 6): every validation rule names the field path in its message."""

from __future__ import annotations

import json

import pytest

from decision.engine.simulation import case_estimate
from decision.model.case import Case, Estimate
from decision.model.loader import MAX_CASE_BYTES, load_case, load_case_bytes, parse_case
from decision.model.presets import load_preset, preset_ids
from decision.model.problems import CaseError
from tests.decision.builders import case_dict, make_case
from tests.decision.reference import random_case_dict

MONEY = [
    "current.dysfunction_cost_per_month",
    "current.running_cost_per_month",
    "current.incident_cost",
    "stop.exit_cost",
    "stop.replacement_cost",
    "stop.new_running_cost_per_month",
    "legal.fees_per_year",
    "legal.claim",
    "legal.cost_award",
    "legal.counterclaim",
    "solve.programme_cost",
    "solve.internal_cost",
    "supplier.revenue_per_month",
    "supplier.fees_per_year",
    "supplier.loss_of_client_cost",
]
DURATIONS = ["stop.replacement_months", "legal.duration_months", "solve.improvement_months"]
PROBABILITIES = [
    "current.incident_probability_per_year",
    "stop.new_residual_dysfunction",
    "legal.p_win",
    "legal.recovery_fraction",
    "solve.p_success",
    "solve.residual_dysfunction",
]
ESTIMATES = MONEY + DURATIONS + PROBABILITIES + ["current.dysfunction_growth_per_year", "supplier.normal_margin"]


def problems(changes: dict) -> list[str]:
    """The problems parse_case reports for the base case with these changes."""
    with pytest.raises(CaseError) as caught:
        make_case(changes)
    assert caught.value.problems == str(caught.value).split("\n")
    return caught.value.problems


def one_problem(changes: dict) -> str:
    found = problems(changes)
    assert len(found) == 1, found
    return found[0]


def raw_problems(raw: bytes) -> list[str]:
    with pytest.raises(CaseError) as caught:
        load_case_bytes(raw)
    return caught.value.problems


class TestEstimate:
    def test_bare_number_is_a_fixed_estimate(self):
        case = make_case({"legal.claim": 250_000})
        assert case.legal.claim == Estimate(low=250_000, mode=250_000, high=250_000)
        assert case.legal.claim.is_fixed

    def test_pert_and_triangular_means(self):
        assert Estimate(low=10, mode=20, high=60).mean == pytest.approx((10 + 80 + 60) / 6)
        assert Estimate(low=10, mode=20, high=60, distribution="triangular").mean == pytest.approx(30)

    @pytest.mark.parametrize("path", ["current.dysfunction_cost_per_month", "legal.p_win", "solve.improvement_months"])
    @pytest.mark.parametrize("low, mode, high", [(0.3, 0.1, 0.2), (0.1, 0.3, 0.2), (0.5, 0.4, 0.6)])
    def test_low_mode_high_in_order(self, path, low, mode, high):
        line = one_problem({path: {"low": low, "mode": mode, "high": high}})
        assert line.startswith(f"{path}: ")
        assert "low <= most likely <= high" in line

    def test_unknown_distribution(self):
        line = one_problem({"current.incident_cost": {"low": 1, "mode": 2, "high": 3, "distribution": "normal"}})
        assert line.startswith("current.incident_cost.distribution: ")

    def test_missing_mode(self):
        line = one_problem({"stop.exit_cost": {"low": 1, "high": 3}})
        assert line == "stop.exit_cost.mode: is required but missing"

    @pytest.mark.parametrize("value", ["12000", [1, 2, 3], None])
    def test_not_a_number_or_estimate(self, value):
        assert one_problem({"current.running_cost_per_month": value}) == (
            "current.running_cost_per_month: must be a number or an estimate {low, mode, high}"
        )


class TestProbabilities:
    @pytest.mark.parametrize("path", PROBABILITIES)
    @pytest.mark.parametrize("value, words", [(1.5, "at most 1"), (-0.1, "at least 0")])
    def test_bare_value_outside_zero_one(self, path, value, words):
        assert one_problem({path: value}) == f"{path}: the value must be {words}, got {value:g}"

    @pytest.mark.parametrize("path", PROBABILITIES)
    def test_estimate_high_above_one(self, path):
        assert one_problem({path: {"low": 0.2, "mode": 0.5, "high": 1.2}}) == f"{path}: high must be at most 1, got 1.2"

    @pytest.mark.parametrize("path", PROBABILITIES)
    def test_bounds_are_allowed(self, path):
        group, field = path.split(".")
        case = make_case({path: {"low": 0, "mode": 0.5, "high": 1}})
        assert getattr(getattr(case, group), field) == Estimate(low=0, mode=0.5, high=1)

    @pytest.mark.parametrize("value", [-0.1, 1.01])
    def test_client_share(self, value):
        assert one_problem({"solve.client_share": value}).startswith("solve.client_share: must be at")


class TestMoneyAndDurations:
    @pytest.mark.parametrize("path", MONEY + DURATIONS)
    def test_negative_bare_value(self, path):
        line = one_problem({path: -1})
        assert line.startswith(f"{path}: the value must be at least 0"), line

    @pytest.mark.parametrize("path", MONEY + DURATIONS)
    def test_negative_low(self, path):
        line = one_problem({path: {"low": -5, "mode": 1, "high": 2}})
        assert line.startswith(f"{path}: low must be at least 0"), line

    @pytest.mark.parametrize("path", ["sunk.invested_to_date", "sunk.book_value", "legal.liability_cap"])
    def test_negative_plain_number(self, path):
        assert one_problem({path: -5}) == f"{path}: must be at least 0, got -5"

    def test_duration_at_most_fifty_years(self):
        assert one_problem({"legal.duration_months": 601}) == (
            "legal.duration_months: the value must be at most 600 months, got 601"
        )

    def test_zero_is_allowed(self):
        case = make_case({path: 0 for path in MONEY + DURATIONS})
        assert case.stop.replacement_months.low == 0


class TestHorizon:
    @pytest.mark.parametrize("value, words", [(11, "at least 12"), (121, "at most 120"), (0, "at least 12")])
    def test_outside_twelve_to_hundred_twenty(self, value, words):
        assert one_problem({"horizon_months": value}) == f"horizon_months: must be {words}, got {value}"

    @pytest.mark.parametrize("value", [12, 120])
    def test_bounds(self, value):
        assert make_case({"horizon_months": value}).horizon_months == value

    def test_whole_months(self):
        assert one_problem({"horizon_months": 60.5}) == "horizon_months: must be a whole number"

    def test_default_sixty(self):
        data = case_dict()
        del data["horizon_months"], data["discount_rate"]
        case = parse_case(data)
        assert (case.horizon_months, case.discount_rate) == (60, 0.06)


class TestDiscountRate:
    @pytest.mark.parametrize("value, words", [(-0.01, "at least 0"), (0.31, "at most 0.3")])
    def test_outside_zero_to_thirty_percent(self, value, words):
        assert one_problem({"discount_rate": value}) == f"discount_rate: must be {words}, got {value:g}"

    @pytest.mark.parametrize("value", [0, 0.3])
    def test_bounds(self, value):
        assert make_case({"discount_rate": value}).discount_rate == value


class TestFallback:
    @pytest.mark.parametrize("value", ["stop", "switch", "muddle"])
    def test_known(self, value):
        assert make_case({"solve.fallback": value}).solve.fallback == value

    @pytest.mark.parametrize("value", ["sue", "solve", "", 1])
    def test_unknown(self, value):
        line = one_problem({"solve.fallback": value})
        assert line.startswith("solve.fallback: ") and "'stop', 'switch' or 'muddle'" in line


class TestUnknownFields:
    @pytest.mark.parametrize(
        "path",
        [
            "colour",
            "current.colour",
            "legal.p_loss",
            "solve.programme_cost.colour",
            "diagnosis.security",
            "diagnosis.functionality.score",
            "triage.urgent",
            "sunk.colour",
            "supplier.margin",
        ],
    )
    def test_rejected_with_the_path(self, path):
        changes = {path: 1}
        if path == "solve.programme_cost.colour":
            changes = {"solve.programme_cost": {"low": 1, "mode": 2, "high": 3, "colour": 1}}
        assert one_problem(changes) == f"{path}: is not a known field (check the spelling)"


class TestSchemaVersion:
    def test_newer_file_has_one_clear_message(self):
        # a newer file also has fields this version does not know; only the version is reported
        line = one_problem({"schema_version": 3, "future_field": {"x": 1}, "legal.new_rule": 3})
        assert line == (
            "schema_version: this file was written by a newer version of Kruispunt (schema 3); "
            "this version reads schema 2 and older"
        )

    def test_a_file_the_app_writes_says_schema_2_and_a_v1_file_loads_as_it_is(self):
        case = make_case({"schema_version": 1})
        assert case.schema_version == 1
        assert json.loads(case.to_json())["schema_version"] == 2

    def test_newer_version_through_the_model(self):
        with pytest.raises(ValueError, match="newer version of Kruispunt"):
            Case.model_validate(case_dict({"schema_version": 3}))

    def test_zero(self):
        assert one_problem({"schema_version": 0}) == "schema_version: schema_version must be 1 or higher"

    def test_missing_means_one(self):
        assert make_case({"schema_version": 1}).schema_version == 1
        data = case_dict()
        del data["schema_version"]
        assert parse_case(data).schema_version == 1


class TestBooleans:
    """JSON true/false where a number is expected is an error, not 1/0."""

    @pytest.mark.parametrize(
        "path",
        [
            "horizon_months",
            "discount_rate",
            "schema_version",
            "sunk.book_value",
            "solve.client_share",
            "legal.liability_cap",
            "triage.client_recognises_supplier",
            "diagnosis.functionality.client",
        ],
    )
    def test_plain_numbers(self, path):
        assert one_problem({path: True}) == f"{path}: a number is required, not true/false"

    @pytest.mark.parametrize("path", ["legal.p_win", "current.running_cost_per_month"])
    def test_bare_estimates(self, path):
        assert one_problem({path: False}).startswith(f"{path}: a number or an estimate")

    @pytest.mark.parametrize("key", ["low", "mode", "high"])
    def test_estimate_fields(self, key):
        estimate = {"low": 0.1, "mode": 0.5, "high": 0.9, key: True}
        assert one_problem({"legal.p_win": estimate}) == f"legal.p_win.{key}: a number is required, not true/false"

    def test_yes_no_answers_stay_booleans(self):
        case = make_case({"triage.weekly_board_agenda": True, "triage.continuity_threat": False})
        assert case.triage.weekly_board_agenda is True


class TestMissing:
    @pytest.mark.parametrize("group", ["current", "stop", "legal", "solve"])
    def test_group(self, group):
        data = case_dict()
        del data[group]
        with pytest.raises(CaseError) as caught:
            parse_case(data)
        assert caught.value.problems == [f"{group}: is required but missing"]

    @pytest.mark.parametrize(
        "path", ["current.dysfunction_cost_per_month", "stop.replacement_cost", "legal.p_win", "solve.p_success"]
    )
    def test_field(self, path):
        data = case_dict()
        group, name = path.split(".")
        del data[group][name]
        with pytest.raises(CaseError) as caught:
            parse_case(data)
        assert caught.value.problems == [f"{path}: is required but missing"]

    def test_optional_groups_have_defaults(self):
        data = case_dict()
        for group in ("sunk", "supplier", "triage"):
            del data[group]
        case = parse_case(data)
        assert case.sunk.book_value == 0 and case.supplier.normal_margin.low == 0.15
        # MODEL.md: the supplier's revenue defaults to R (the registry's stand-in for an empty estimate)
        assert case_estimate(case, "supplier.revenue_per_month") == case.current.running_cost_per_month

    def test_every_problem_is_reported(self):
        found = problems({"horizon_months": 5, "legal.p_win": 2, "solve.fallback": "x", "stop.colour": 1})
        assert [line.split(":")[0] for line in found] == [
            "horizon_months",
            "stop.colour",
            "legal.p_win",
            "solve.fallback",
        ]


class TestParseCase:
    @pytest.mark.parametrize("data", [[], [1, 2], "case", 3, None])
    def test_not_an_object(self, data):
        with pytest.raises(CaseError) as caught:
            parse_case(data)
        assert caught.value.problems == ["(file): a case file must be a JSON object {...}"]

    def test_list_positions_in_the_path(self):
        data = case_dict({"smart_goals": [{"metric": "uptime"}, {"deadline": "not a date"}]})
        with pytest.raises(CaseError) as caught:
            parse_case(data)
        assert caught.value.problems[0].startswith("smart_goals[1].deadline: ")


class TestLoadCaseBytes:
    def valid(self) -> bytes:
        return json.dumps(case_dict()).encode()

    def test_valid(self):
        assert load_case_bytes(self.valid()) == make_case()

    def test_byte_order_mark(self):
        assert load_case_bytes(b"\xef\xbb\xbf" + self.valid()) == make_case()

    @pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
    def test_nan_and_infinity_name_the_field(self, token):
        raw = self.valid().replace(b'"claim": 500000', b'"claim": ' + token.encode())
        assert raw != self.valid()
        assert raw_problems(raw) == ["legal.claim: the value must be a finite number"]
        raw = self.valid().replace(b'"discount_rate": 0.0', b'"discount_rate": ' + token.encode())
        assert raw_problems(raw) == ["discount_rate: must be a finite number (NaN and Infinity are not allowed)"]
        raw = self.valid().replace(b'"p_win": 0', b'"p_win": {"low": 0, "mode": 0.5, "high": ' + token.encode() + b"}")
        assert raw_problems(raw) == ["legal.p_win: high must be a finite number"]

    def test_number_too_large_for_a_float(self):
        # 1e999 is valid JSON but reads as infinity
        raw = self.valid().replace(b'"claim": 500000', b'"claim": 1e999')
        assert raw_problems(raw) == ["legal.claim: the value must be a finite number"]
        raw = self.valid().replace(b'"discount_rate": 0.0', b'"discount_rate": 1e999')
        assert raw_problems(raw) == ["discount_rate: must be a finite number (NaN and Infinity are not allowed)"]

    def test_not_utf8(self):
        raw = self.valid().replace(b"hand-worked", "h\u00e9".encode("latin-1"))
        assert raw_problems(raw) == ["(file): the file is not UTF-8 text"]

    def test_utf8_text_is_kept(self):
        raw = self.valid().replace(b"hand-worked", "Gemeente \u2019s-Hertogenbosch".encode())
        assert load_case_bytes(raw).title == "Gemeente \u2019s-Hertogenbosch"

    def test_more_than_one_megabyte(self):
        raw = self.valid()[:-1] + b', "title": "' + b"x" * MAX_CASE_BYTES + b'"}'
        assert raw_problems(raw) == ["(file): the file is 1.001067 MB; a case file may be at most 1 MB"]

    def test_deep_nesting(self):
        raw = b'{"title": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
        assert raw_problems(raw) == ["(file): the file is nested too deeply"]

    def test_moderate_nesting_is_a_normal_error(self):
        raw = self.valid().replace(b'"title": "hand-worked"', b'"title": ' + b"[" * 200 + b"]" * 200)
        assert b"hand-worked" not in raw  # the title itself is the nested list, not a second title
        assert raw_problems(raw) == ["title: Input should be a valid string"]

    @pytest.mark.parametrize("raw", [b"[]", b"42", b'"case"', b"null"])
    def test_not_an_object(self, raw):
        assert raw_problems(raw) == ["(file): a case file must be a JSON object {...}"]

    @pytest.mark.parametrize("raw", [b"", b"{", b'{"a": 1,}', b"{'a': 1}"])
    def test_not_json(self, raw):
        (line,) = raw_problems(raw)
        assert line.startswith("(file): not valid JSON (")


class TestLoadCase:
    def test_reads_a_file(self, tmp_path):
        path = tmp_path / "case.json"
        path.write_text(json.dumps(case_dict()))
        assert load_case(str(path)) == make_case()

    def test_large_file_is_refused_without_reading_it_all(self, tmp_path):
        path = tmp_path / "big.json"
        path.write_bytes(b" " * (3 * MAX_CASE_BYTES))
        with pytest.raises(CaseError, match="at most 1 MB"):
            load_case(str(path))


class TestRoundTrip:
    @pytest.mark.parametrize("preset", preset_ids())
    def test_presets(self, preset):
        case = load_preset(preset)
        assert parse_case(json.loads(case.model_dump_json())) == case
        assert parse_case(case.model_dump(mode="json")) == case
        # written back in the current schema version, with the same content
        assert Case.model_validate_json(case.to_json()) == case.model_copy(update={"schema_version": 2})

    @pytest.mark.parametrize("seed", range(20))
    def test_random_cases(self, seed):
        case = parse_case(random_case_dict(seed))
        assert parse_case(json.loads(case.model_dump_json())) == case

    def test_bare_number_dumps_as_a_bare_number(self):
        dumped = json.loads(make_case().model_dump_json())
        assert dumped["legal"]["claim"] == 500_000
        assert dumped["current"]["running_cost_per_month"] == 2_000
        assert dumped["legal"]["liability_cap"] == 300_000

    def test_fixed_object_without_source_dumps_as_a_bare_number(self):
        case = make_case({"legal.claim": {"low": 7, "mode": 7, "high": 7}})
        assert json.loads(case.model_dump_json())["legal"]["claim"] == 7

    def test_estimate_with_source_stays_an_object(self):
        estimate = {"low": 7, "mode": 7, "high": 7, "source": "contract"}
        dumped = json.loads(make_case({"legal.claim": estimate}).model_dump_json())["legal"]["claim"]
        assert dumped == {"low": 7, "mode": 7, "high": 7, "distribution": "pert", "source": "contract", "note": ""}

    def test_triangular_fixed_value_keeps_its_distribution(self):
        estimate = {"low": 7, "mode": 7, "high": 7, "distribution": "triangular"}
        case = make_case({"legal.claim": estimate})
        assert parse_case(json.loads(case.model_dump_json())) == case

    def test_null_cap_and_default_revenue(self):
        case = make_case({"legal.liability_cap": None})
        dumped = json.loads(case.model_dump_json())
        assert dumped["legal"]["liability_cap"] is None and dumped["supplier"]["revenue_per_month"] is None
        assert parse_case(dumped) == case
