"""``python -m decision``: the contract of MODEL.md section 6, run as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from decision.cli.evaluate import evaluation_contract
from decision.cli.main import main
from decision.engine.results import evaluate
from decision.model.presets import DATA_DIR, load_preset
from tests.decision.builders import case_dict

REPO = Path(__file__).resolve().parents[2]
PRESET = str(DATA_DIR / "erp-manufacturer.json")
# MODEL.md 6, then the keys 7.9 adds (se, p_best_allowed)
STRATEGY_KEYS = [
    "mean",
    "p10",
    "p50",
    "p90",
    "p_best",
    "months_to_decent",
    "p_decent",
    "breakdown",
    "se",
    "p_best_allowed",
]
BREAKDOWN_KEYS = [
    "dysfunction",
    "incidents",
    "running",
    "improvement",
    "exit",
    "replacement",
    "legal_fees",
    "legal_outcome",
    "write_off",
]
ZOPA_KEYS = [
    "client_batna",
    "client_share_min",
    "client_share_max",
    "equal_gain_share",
    "client_gain_at_case_share",
    "supplier_gain_at_case_share",
    "criterion_share",
    "criterion_in_zone",
    "supplier_margin_at_case_share",
    "normal_margin",
    "exit_deal",
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "decision", *args], cwd=REPO, capture_output=True, text=True, timeout=120
    )


def strict_json(text: str) -> dict:
    """JSON without NaN or Infinity (which json.dumps would write and other parsers refuse)."""

    def refuse(token: str) -> float:
        raise AssertionError(f"{token} in the output")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def decision_view() -> dict:
    done = run("evaluate", PRESET, "--iterations", "3000", "--seed", "4")
    assert done.returncode == 0, done.stderr
    return strict_json(done.stdout)


def write_invalid(tmp_path: Path) -> Path:
    data = case_dict(
        {
            "horizon_months": 200,
            "legal.p_win": 1.4,
            "solve.fallback": "sue",
            "stop.replacement_cost": {"low": 9, "mode": 1, "high": 5},
            "stop.colour": "red",
        }
    )
    path = tmp_path / "invalid.json"
    path.write_text(json.dumps(data))
    return path


class TestEvaluate:
    def test_top_level_keys(self, decision_view):
        assert list(decision_view) == ["iterations", "seed", "view", "strategies", "recommendation", "zopa"]
        assert (decision_view["iterations"], decision_view["seed"], decision_view["view"]) == (3000, 4, "decision")

    def test_strategies(self, decision_view):
        strategies = decision_view["strategies"]
        assert list(strategies) == ["muddle", "switch", "stop", "solve"]
        for result in strategies.values():
            assert list(result) == STRATEGY_KEYS
            assert list(result["breakdown"]) == BREAKDOWN_KEYS
            assert result["breakdown"]["write_off"] == 0
            assert sum(result["breakdown"].values()) == pytest.approx(result["mean"], rel=1e-12)
        assert strategies["muddle"]["months_to_decent"] is None
        assert sum(r["p_best"] for r in strategies.values()) == pytest.approx(1.0)

    def test_recommendation(self, decision_view):
        recommendation = decision_view["recommendation"]
        assert list(recommendation) == [
            "strategy",
            "allowed",
            "reasons",
            "basis",
            "runner_up",
            "margin",
            "se_margin",
            "close_call",
            "warnings",
        ]
        assert recommendation["strategy"] == "solve"
        assert recommendation["allowed"] == ["switch", "stop", "solve"]
        assert recommendation["reasons"] and all(isinstance(r, str) and r for r in recommendation["reasons"])

    def test_zopa(self, decision_view):
        zopa = decision_view["zopa"]
        assert list(zopa) == ZOPA_KEYS
        assert zopa["client_batna"] in ("muddle", "switch", "stop")
        assert 0 <= zopa["client_share_min"] <= zopa["equal_gain_share"] <= zopa["client_share_max"] <= 1

    def test_same_numbers_as_evaluate(self, decision_view):
        expected = evaluation_contract(evaluate(load_preset("erp-manufacturer"), 3000, 4))
        assert decision_view["strategies"] == expected["strategies"]
        assert decision_view["zopa"] == expected["zopa"]

    def test_book_view(self, decision_view):
        done = run("evaluate", PRESET, "--iterations", "3000", "--seed", "4", "--view", "book")
        assert done.returncode == 0, done.stderr
        book = strict_json(done.stdout)
        assert book["view"] == "book"
        for strategy, result in book["strategies"].items():
            added = result["mean"] - decision_view["strategies"][strategy]["mean"]
            assert added == pytest.approx(result["breakdown"]["write_off"], abs=1e-6)
        # W = 900,000 written off in month 0: 900,000 x 1.06^(-1/12)
        assert book["strategies"]["switch"]["breakdown"]["write_off"] == pytest.approx(900_000 * 1.06 ** (-1 / 12))
        assert book["strategies"]["muddle"]["breakdown"]["write_off"] == 0

    def test_text_format(self):
        done = run("evaluate", PRESET, "--iterations", "500", "--format", "text")
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert lines[0] == "ERP at a mid-size manufacturer"
        assert any(line.startswith("Recommendation: ") for line in lines)
        assert sum(line.startswith("- ") for line in lines) >= 3
        with pytest.raises(json.JSONDecodeError):
            json.loads(done.stdout)

    def test_text_format_in_dutch(self, capsys):
        assert main(["evaluate", PRESET, "--iterations", "200", "--format", "text", "--lang", "nl"]) == 0
        out = capsys.readouterr().out
        assert "oplossen" in out.lower()
        assert "€" in out

    def test_invalid_file_exits_2_with_one_line_per_problem(self, tmp_path):
        path = write_invalid(tmp_path)
        done = run("evaluate", str(path))
        assert done.returncode == 2
        assert done.stdout == ""
        assert "Traceback" not in done.stderr
        lines = done.stderr.splitlines()
        fields = [line.removeprefix(f"{path}: ").split(":")[0] for line in lines]
        assert sorted(fields) == sorted(
            ["horizon_months", "stop.replacement_cost", "stop.colour", "legal.p_win", "solve.fallback"]
        )
        assert all(line.startswith(f"{path}: ") for line in lines)

    @pytest.mark.parametrize(
        "content, message",
        [
            (b"{not json", "(file): not valid JSON"),
            (b"\xff\xfe\x00", "(file): the file is not UTF-8 text"),
            (b"[1, 2]", "(file): a case file must be a JSON object"),
        ],
    )
    def test_unreadable_files(self, tmp_path, capsys, content, message):
        path = tmp_path / "case.json"
        path.write_bytes(content)
        assert main(["evaluate", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"{path}: {message}") and len(err.splitlines()) == 1

    def test_missing_file(self, capsys):
        assert main(["evaluate", "/nonexistent/case.json"]) == 2
        assert capsys.readouterr().err.startswith("/nonexistent/case.json: (file): cannot read /nonexistent/case.json")

    def test_iterations_must_be_positive(self):
        done = run("evaluate", PRESET, "--iterations", "0")
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert "between 1 and 1,000,000" in done.stderr

    def test_seed_must_not_be_negative(self, capsys):
        # numpy's SeedSequence refuses negative seeds; that used to end in a traceback
        with pytest.raises(SystemExit) as stopped:
            main(["evaluate", PRESET, "--seed", "-1"])
        assert stopped.value.code == 2
        assert "--seed: must be a whole number, 0 or more" in capsys.readouterr().err


class TestValidate:
    def test_valid(self):
        done = run("validate", PRESET)
        assert (done.returncode, done.stdout.strip()) == (0, f"{PRESET}: valid")

    def test_invalid(self, tmp_path):
        path = write_invalid(tmp_path)
        done = run("validate", str(path))
        assert done.returncode == 2
        assert "Traceback" not in done.stderr
        assert f"{path}: legal.p_win: the value must be at most 1, got 1.4" in done.stderr.splitlines()


class TestSchema:
    def test_prints_the_json_schema_of_a_case(self):
        done = run("schema")
        assert done.returncode == 0, done.stderr
        schema = json.loads(done.stdout)
        assert schema["type"] == "object" and schema["title"] == "Case"
        assert {"current", "stop", "legal", "solve"} <= set(schema["required"])
        assert {"horizon_months", "discount_rate", "sunk", "supplier", "triage"} <= set(schema["properties"])
        assert schema["properties"]["horizon_months"]["minimum"] == 12
        assert schema["properties"]["horizon_months"]["maximum"] == 120

    def test_schema_accepts_bare_numbers_and_estimates_and_refuses_what_validation_refuses(self):
        # MODEL.md section 6: every numeric input is a bare number or an estimate object
        import jsonschema

        schema = json.loads(run("schema").stdout)
        jsonschema.validate(case_dict(), schema)  # bare numbers
        for path in DATA_DIR.glob("*.json"):
            jsonschema.validate(json.loads(path.read_text()), schema)  # estimates with sources
        for changes in (
            {"legal.p_win": 1.5},
            {"stop.exit_cost": -1},
            {"solve.fallback": "sue"},
            {"current.colour": 1},
            {"horizon_months": 121},
        ):
            with pytest.raises(jsonschema.ValidationError):
                jsonschema.validate(case_dict(changes), schema)


def test_the_text_table_in_dutch_has_dutch_headers_and_advice(capsys):
    """evaluate --lang nl --format text: the header row and the advice line are Dutch, not English."""
    assert main(["evaluate", PRESET, "--iterations", "200", "--format", "text", "--lang", "nl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[2].split()
    assert header == ["uitweg", "verwacht", "P10", "P90", "goedkoopst", "maanden"]
    assert not any(line.startswith("Recommendation") for line in lines)
    assert any(line.startswith("Advies: ") for line in lines)
    for english in ("strategy", "mean", "cheapest", "months", "(untitled case)"):
        assert english not in lines[2], english
