"""The shipped presets: each validates, evaluates and tells the story data/README.md tells."""

from __future__ import annotations

import json
import re

import pytest

from decision.engine.results import evaluate
from decision.model.case import SCHEMA_VERSION
from decision.model.loader import load_case
from decision.model.presets import (
    DATA_DIR,
    EXAMPLE,
    TEXT_FIELDS,
    TranslationError,
    load_preset,
    preset_ids,
    preset_title,
    translated,
)
from decision.model.registry import STRATEGIES, strategies_of
from decision.model.triage import triage
from decision.report.memo import report_language

ESTIMATE_GROUPS = ("current", "contract", "stop", "legal", "solve", "partner", "exit_deal", "supplier")
NOT_ESTIMATES = ("client_share", "liability_cap", "fallback", "repair_share", "residual_grows")
ABSENT = "–"  # a strategy the case does not have (its group is missing)
README_TEXT = (DATA_DIR / "README.md").read_text()


def readme_table() -> dict[str, dict]:
    """The results table of data/README.md: means in EUR thousands, '*' for excluded, '–' for absent.

    The header names the strategy columns (registry keys) between ``preset`` and ``recommended``.
    """
    rows: dict[str, dict] = {}
    columns: list[str] = []
    for line in README_TEXT.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] == "preset" and cells[-1] == "recommended":
            columns = cells[1:-1]
            assert set(columns) <= set(STRATEGIES), columns
            continue
        if not columns or len(cells) != len(columns) + 2 or cells[0] not in preset_ids():
            continue
        present = {s: c for s, c in zip(columns, cells[1:-1]) if c != ABSENT}
        means = {s: float(c.rstrip("*").replace(",", "")) for s, c in present.items()}
        excluded = {s for s, c in present.items() if c.endswith("*")}
        rows[cells[0]] = {"means": means, "excluded": excluded, "recommended": cells[-1].split()[0]}
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

    def test_every_strategy_wins_somewhere(self):
        """The presets together show every way out, the two of model v2 included."""
        winners = {row["recommended"] for row in README.values()}
        assert winners == set(STRATEGIES)


@pytest.mark.parametrize("preset", preset_ids())
class TestPreset:
    def test_validates(self, preset):
        case = load_case(str(DATA_DIR / f"{preset}.json"))
        assert case.schema_version == SCHEMA_VERSION and case.title

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
        case = load_preset(preset)
        evaluation = evaluate(case, 20_000, seed=1)
        row = README[preset]
        assert evaluation.recommendation.strategy == row["recommended"]
        assert set(row["means"]) == set(strategies_of(case))
        assert set(strategies_of(case)) - set(evaluation.recommendation.allowed) == row["excluded"]
        for strategy, thousands in row["means"].items():
            assert evaluation.strategies[strategy].mean / 1000 == pytest.approx(thousands, abs=0.5), strategy

    def test_evaluates_in_both_views(self, preset):
        case = load_preset(preset)
        for view in ("decision", "book"):
            evaluation = evaluate(case, 2_000, seed=2, view=view)
            assert set(evaluation.strategies) == set(strategies_of(case))
            assert evaluation.recommendation.allowed == triage(case).allowed


class TestStories:
    """The particular claims data/README.md makes about each preset."""

    def test_erp_manufacturer_zone_contains_the_case_share_and_the_criterion(self):
        evaluation = evaluate(load_preset("erp-manufacturer"), 20_000, seed=1)
        zopa = evaluation.zopa
        pattern = r"solve \(zone ([\d.]+)-([\d.]+), equal gain ([\d.]+), criterion ([\d.]+), share 0\.5\)"
        match = re.search(pattern, README_TEXT)
        assert match is not None
        low, high, equal, criterion = (float(g) for g in match.groups())
        assert zopa.client_share_min == pytest.approx(low, abs=0.005)
        assert zopa.client_share_max == pytest.approx(high, abs=0.005)
        assert zopa.equal_gain_share == pytest.approx(equal, abs=0.005)
        assert zopa.criterion_share == pytest.approx(criterion) and zopa.criterion_in_zone
        assert zopa.client_share_min <= 0.5 <= zopa.client_share_max
        # 7.2: the settlement makes suing the client's alternative to an agreement
        assert zopa.client_batna == "stop"
        assert evaluation.strategies["solve"].p_best == pytest.approx(0.65, abs=0.05)

    @pytest.mark.parametrize(
        "preset",
        [
            "municipality-broken-relationship",
            "muddle-defensible",
            "strong-claim-stop",
            "partner-takeover",
            "orderly-exit",
        ],
    )
    def test_empty_zones(self, preset):
        assert evaluate(load_preset(preset), 20_000, seed=1).zopa.empty

    def test_strong_claim_has_a_large_negative_legal_outcome(self):
        stop = evaluate(load_preset("strong-claim-stop"), 20_000, seed=1).strategies["stop"]
        assert stop.breakdown["legal_outcome"] < -1_000_000

    def test_partner_takeover_keeps_the_package(self):
        evaluation = evaluate(load_preset("partner-takeover"), 20_000, seed=1)
        assert "solve" in evaluation.recommendation.allowed
        assert evaluation.zopa.client_batna == "partner"
        partner = evaluation.strategies["partner"]
        assert partner.p_best > 0.5
        assert partner.months_to_decent < evaluation.strategies["switch"].months_to_decent

    def test_orderly_exit_settlement_lies_in_its_zone(self):
        case = load_preset("orderly-exit")
        evaluation = evaluate(case, 20_000, seed=1)
        zone = evaluation.zopa.exit_deal
        assert zone is not None and evaluation.zopa.client_batna == "stop"
        match = re.search(r"exit_deal \(settlement zone (\d+)k-(\d+)k\)", README_TEXT)
        assert match is not None
        assert zone.settlement_min / 1000 == pytest.approx(float(match.group(1)), abs=1)
        assert zone.settlement_max / 1000 == pytest.approx(float(match.group(2)), abs=1)
        assert case.exit_deal is not None
        assert zone.settlement_min <= case.exit_deal.settlement.mean <= zone.settlement_max


def texts_of(data: object, where: str = "") -> dict[str, str]:
    """The translatable texts of a case as JSON data: path -> text."""
    if isinstance(data, dict):
        return {k: v for key, value in data.items() for k, v in texts_of(value, f"{where}.{key}").items()}
    if isinstance(data, list):
        return {k: v for i, value in enumerate(data) for k, v in texts_of(value, f"{where}[{i}]").items()}
    field = where.rsplit(".", 1)[-1]
    return {where: data} if isinstance(data, str) and field in TEXT_FIELDS else {}


def without_texts(data: object, where: str = "") -> object:
    """A case as JSON data with its translatable texts blank (title and language are not among them)."""
    if isinstance(data, dict):
        return {key: without_texts(value, f"{where}.{key}") for key, value in data.items()}
    if isinstance(data, list):
        return [without_texts(value, f"{where}[{i}]") for i, value in enumerate(data)]
    return "" if isinstance(data, str) and where.rsplit(".", 1)[-1] in TEXT_FIELDS else data


@pytest.mark.parametrize("preset", preset_ids())
class TestDutchPreset:
    """A preset opened in Dutch is a Dutch case: Dutch texts, the same numbers (data/nl/)."""

    def test_it_is_a_dutch_case_with_the_same_numbers(self, preset):
        english, dutch = load_preset(preset).model_dump(mode="json"), load_preset(preset, "nl").model_dump(mode="json")
        assert dutch["profile"]["language"] == "nl" and english["profile"]["language"] == "en"
        assert dutch["title"] == preset_title(preset, "nl") != english["title"]
        for data in (english, dutch):
            data["title"] = data["profile"]["language"] = ""
        assert without_texts(dutch) == without_texts(english)
        assert report_language(load_preset(preset, "nl")) == "nl"

    def test_every_text_is_translated(self, preset):
        english = texts_of(load_preset(preset).model_dump(mode="json"))
        dutch = texts_of(load_preset(preset, "nl").model_dump(mode="json"))
        assert [path for path, text in english.items() if text and not dutch[path]] == []
        # A sentence left in English: the same text of four words or more (a name or a unit may stay).
        assert [path for path, text in english.items() if len(text.split()) >= 4 and dutch[path] == text] == []

    def test_the_english_case_is_the_files(self, preset):
        assert load_preset(preset, "en") == load_preset(preset)


class TestTranslated:
    """``translated`` puts texts in place and refuses, naming the field, anything else."""

    BASE = {"profile": {"organisation": "Acme", "language": "en"}, "smart_goals": [{"metric": "Defects", "target": 5}]}

    def test_texts_take_the_place_of_the_presets(self):
        texts = {"profile": {"organisation": "Acme NL"}, "smart_goals": [{"metric": "Defecten"}]}
        assert translated(self.BASE, texts) == {
            "profile": {"organisation": "Acme NL", "language": "en"},
            "smart_goals": [{"metric": "Defecten", "target": 5}],
        }

    @pytest.mark.parametrize(
        ("texts", "message"),
        [
            ({"profile": {"organisatie": "x"}}, "profile: no field 'organisatie'"),
            ({"profile": {"language": "nl"}}, "profile.language: not a text"),
            ({"smart_goals": [{"target": "vijf"}]}, r"smart_goals\[0\].target: not a text"),
            ({"smart_goals": [{}, {}]}, "smart_goals: 2 items, the preset has 1"),
            ({"profile": "Acme"}, "profile: not a text"),
        ],
    )
    def test_anything_else_is_refused_with_the_field_named(self, texts, message):
        with pytest.raises(TranslationError, match=message):
            translated(self.BASE, texts)


def test_every_preset_has_a_dutch_translation_and_nothing_else_is_there():
    assert sorted(p.stem for p in (DATA_DIR / "nl").glob("*")) == sorted(preset_ids())
