"""The shipped presets: each validates, evaluates and tells the story data/README.md tells."""

from __future__ import annotations

import json
import re

import pytest

from decision.engine.results import evaluate
from decision.model.loader import load_case
from decision.model.presets import DATA_DIR, EXAMPLE, load_preset, preset_ids
from decision.model.registry import CORE_STRATEGIES as STRATEGIES  # the four every case has
from decision.model.triage import triage

ESTIMATE_GROUPS = ("current", "stop", "legal", "solve", "supplier")
NOT_ESTIMATES = ("client_share", "liability_cap", "fallback")


def readme_table() -> dict[str, dict]:
    """The results table of data/README.md: means in EUR thousands, '*' for excluded, the recommendation."""
    rows: dict[str, dict] = {}
    text = (DATA_DIR / "README.md").read_text()
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6 or cells[0] not in preset_ids():
            continue
        means = {s: float(c.rstrip("*").replace(",", "")) for s, c in zip(STRATEGIES, cells[1:5])}
        excluded = {s for s, c in zip(STRATEGIES, cells[1:5]) if c.endswith("*")}
        rows[cells[0]] = {"means": means, "excluded": excluded, "recommended": cells[5].split()[0]}
    return rows


README = readme_table()


class TestPresetIds:
    def test_example_first_and_every_file_listed(self):
        ids = preset_ids()
        assert ids[0] == EXAMPLE
        assert sorted(ids) == sorted(p.stem for p in DATA_DIR.glob("*.json"))
        assert len(ids) >= 3

    def test_unknown_preset(self):
        with pytest.raises(KeyError):
            load_preset("no-such-preset")

    def test_readme_covers_every_preset(self):
        assert sorted(README) == sorted(preset_ids())


@pytest.mark.parametrize("preset", preset_ids())
class TestPreset:
    def test_validates(self, preset):
        case = load_case(str(DATA_DIR / f"{preset}.json"))
        assert case.schema_version == 1 and case.title

    def test_every_estimate_has_a_source(self, preset):
        data = json.loads((DATA_DIR / f"{preset}.json").read_text())
        unsourced = [
            f"{group}.{name}"
            for group in ESTIMATE_GROUPS
            for name, value in data.get(group, {}).items()
            if name not in NOT_ESTIMATES and not (isinstance(value, dict) and value.get("source"))
        ]
        assert unsourced == []

    def test_recommendation_is_the_one_the_readme_gives(self, preset):
        evaluation = evaluate(load_preset(preset), 20_000, seed=1)
        row = README[preset]
        assert evaluation.recommendation.strategy == row["recommended"]
        assert set(STRATEGIES) - set(evaluation.recommendation.allowed) == row["excluded"]
        for strategy, thousands in row["means"].items():
            assert evaluation.strategies[strategy].mean / 1000 == pytest.approx(thousands, abs=0.5), strategy

    def test_evaluates_in_both_views(self, preset):
        case = load_preset(preset)
        for view in ("decision", "book"):
            evaluation = evaluate(case, 2_000, seed=2, view=view)
            assert set(evaluation.strategies) == set(STRATEGIES)
            assert evaluation.recommendation.allowed == triage(case).allowed


class TestStories:
    """The particular claims data/README.md makes about each preset."""

    def test_erp_manufacturer_zone_contains_the_case_share(self):
        evaluation = evaluate(load_preset("erp-manufacturer"), 20_000, seed=1)
        zopa = evaluation.zopa
        match = re.search(r"solve \(zone ([\d.]+)-1, share 0\.5\)", (DATA_DIR / "README.md").read_text())
        assert match is not None
        assert zopa.client_share_min == pytest.approx(float(match.group(1)), abs=0.005)
        assert zopa.client_share_max == 1.0 and zopa.equal_gain_share == 1.0
        assert zopa.client_share_min <= 0.5 <= zopa.client_share_max
        assert evaluation.strategies["solve"].p_best == pytest.approx(0.65, abs=0.05)

    @pytest.mark.parametrize("preset", ["municipality-broken-relationship", "muddle-defensible", "strong-claim-stop"])
    def test_empty_zones(self, preset):
        assert evaluate(load_preset(preset), 20_000, seed=1).zopa.empty

    def test_strong_claim_has_a_large_negative_legal_outcome(self):
        stop = evaluate(load_preset("strong-claim-stop"), 20_000, seed=1).strategies["stop"]
        assert stop.breakdown["legal_outcome"] < -1_000_000
