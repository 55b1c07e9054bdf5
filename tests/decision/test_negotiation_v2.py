"""Negotiation v2 (issue 14), worked out by hand on the base case of builders.py.

The base case (H = 24, r = 0, p_success = 1, decision view): client muddle 288,000, switch 278,000,
stop 418,000; solve 120,000 + (30,000 + I). The supplier earns 300 a month; under solve it is paid
all 24 months (7,200) and pays (1 - s) 60,000 of the programme; under switch it earns 6 x 300 and
loses L = 40,000 (-38,200). Both zone gains move by k = 60,000 per unit of the client share s.
"""

from __future__ import annotations

import json
import math

import altair as alt
import pytest

from decision.analysis.agreement import draft_markdown
from decision.analysis.negotiation import analyse, equal_gain, settlement_position
from decision.text.i18n import Translator
from tests import vega_lite
from tests.decision.builders import make_case
from ui.charts.negotiation import settlement_chart, zone_chart

# An orderly exit on the base case (MODEL.md 7.5), agreed for certain, and a lawsuit the client wins
# without fees of its own: client stop = 278,000 - 160,000 (award 300,000 x 0.5 + 10,000) = 118,000.
EXIT = {
    "exit_deal": {
        "p_agree": 1,
        "negotiation_months": 2,
        "negotiation_cost": 10_000,
        "settlement": 50_000,
        "replacement_saving": 20_000,
        "months_saved": 2,
        "fallback": "stop",
    },
    "legal.fees_per_year": 0,
    "legal.p_win": 1,
}


def analysis(changes: dict | None = None):
    return analyse(make_case(changes), 20, 1)


def spec(chart: alt.TopLevelMixin) -> dict:
    drawn = chart.to_dict(validate=False)
    drawn.pop("datasets", None)
    vega_lite.validate(drawn)
    return drawn


def layers(drawn: dict) -> list[dict]:
    return drawn.get("layer", [drawn])


def rule_positions(drawn: dict, data: dict, field: str) -> dict[str, float]:
    """The marks' labels and positions, read from the chart's inline datasets."""
    found: dict[str, float] = {}
    for layer in layers(drawn):
        rows = data.get(layer.get("data", {}).get("name", ""), [])
        if layer["mark"]["type"] == "rule" and rows and "label" in rows[0] and field in rows[0]:
            found[rows[0]["label"]] = rows[0][field]
    return found


class TestAllowedBatna:
    def test_the_batna_is_the_cheapest_allowed_alternative(self):
        # D = 1,000: muddle 24 x (1,000 + 2,000) = 72,000 is the cheapest, but the case is on the board's
        # weekly agenda, so the triage rules muddling on out. switch: 6 x 1,000 + 18 x 100 (residual)
        # + 6 x 2,000 (R) + 18 x 1,000 (R_n) + 120,000 + 50,000 = 207,800.
        result = analysis({"current.dysfunction_cost_per_month": 1_000, "triage.weekly_board_agenda": True})
        assert result.zopa.client_batna == "switch"
        assert result.zopa.client_batna_cost == pytest.approx(207_800)
        assert result.cheaper_ruled_out == ("muddle", pytest.approx(72_000))

    def test_no_note_when_the_batna_is_the_cheapest_alternative(self):
        assert analysis().cheaper_ruled_out is None


class TestEqualGain:
    def test_clamped_at_one_the_client_gains_more_at_every_split(self):
        # I = 30,000: client gain 278,000 - 180,000 = 98,000, supplier gain -22,800 + 38,200 = 15,400.
        # Unclamped equal split 0.5 + (98,000 - 15,400) / 120,000 = 1.188 > 1: the zone is
        # [0.5 - 15,400/60,000, 1] = [0.2433, 1]; at s = 1 the client still gains 98,000 - 30,000 = 68,000
        # and the supplier 15,400 + 30,000 = 45,400.
        zopa = analysis().zopa
        equal = equal_gain(zopa)
        assert (equal.kind, equal.share) == ("client_more", 1.0)
        assert zopa.client_gain(1.0) == pytest.approx(68_000)
        assert zopa.supplier_gain(1.0) == pytest.approx(45_400)

    def test_clamped_at_zero_the_supplier_gains_more_at_every_split(self):
        # I = 108,000: client gain 20,000. L = 140,000: supplier switch 1,800 - 140,000 = -138,200, gain
        # -22,800 + 138,200 = 115,400. Unclamped 0.5 + (20,000 - 115,400)/120,000 = -0.295 < 0 = low edge.
        zopa = analysis({"solve.internal_cost": 108_000, "supplier.loss_of_client_cost": 140_000}).zopa
        assert zopa.client_share_min == 0.0
        assert zopa.client_share_max == pytest.approx(0.5 + 20_000 / 60_000)
        assert (equal_gain(zopa).kind, equal_gain(zopa).share) == ("supplier_more", 0.0)

    def test_inside_the_zone_both_gain_the_same(self):
        # I = 108,000: equal split 0.5 + (20,000 - 15,400)/120,000 = 0.5383, inside [0.2433, 0.8333].
        equal = equal_gain(analysis({"solve.internal_cost": 108_000}).zopa)
        assert equal.kind == "equal"
        assert equal.share == pytest.approx(0.5 + 4_600 / 120_000)

    def test_no_shared_cost_and_no_zone(self):
        assert equal_gain(analysis({"solve.programme_cost": 0, "solve.internal_cost": 60_000}).zopa).kind == "flat"
        # I = 300,000: client gain -172,000, the zone is empty
        assert equal_gain(analysis({"solve.internal_cost": 300_000}).zopa).kind == "none"


class TestExpectedMargin:
    def test_linear_in_the_share_with_its_break_even(self):
        # Solve at s = 0.5: value 7,200 - 30,000 = -22,800 on revenue 24 x 2,000 = 48,000: -47.5%.
        # At s: (-22,800 + (s - 0.5) 60,000) / 48,000; zero at s = 0.5 + 22,800/60,000 = 0.88.
        result = analysis()
        margin = result.expected_margin
        assert margin.at(0.5) == pytest.approx(-22_800 / 48_000)
        assert margin.at(0.5) == pytest.approx(result.zopa.supplier_margin_at_case_share)
        assert margin.at(1.0) == pytest.approx(7_200 / 48_000)
        assert margin.break_even_share == pytest.approx(0.88)
        assert margin.normal == pytest.approx(0.15)

    def test_a_loss_at_every_split(self):
        # p_success 0, fallback switch: paid 3 + 6 months (2,700), loses L = 40,000 at go-live, pays 30,000
        # of the programme at s = 0.5: -67,300; zero only at s = 0.5 + 67,300/60,000 = 1.62 > 1.
        margin = analysis({"solve.p_success": 0, "solve.fallback": "switch"}).expected_margin
        assert margin.value == pytest.approx(-67_300)
        assert margin.at(0.5) == pytest.approx(-67_300 / 18_000)
        assert margin.break_even_share == pytest.approx(0.5 + 67_300 / 60_000)

    def test_no_break_even_when_it_never_loses(self):
        # Programme 1,000: value 7,200 - 500 at s = 0.5 and 7,200 - 1,000 = 6,200 > 0 at s = 0.
        assert analysis({"solve.programme_cost": 1_000}).expected_margin.break_even_share is None


class TestSettlementZone:
    def test_by_hand(self):
        # The client's BATNA is stop at 118,000 (allowed; the exit deal never is the BATNA). Agreed exit
        # at S = 0: 218,000 + 50,000 = 268,000 (tests/decision/test_model_v2.py), so the client gains
        # 118,000 - 268,000 + S: S >= 150,000. The supplier on the agreed branch: paid 2 + 4 months
        # (1,800), the migration help 20,000, L 40,000: -58,200; its value of stop -234,200 (test_negotiation):
        # it gains 176,000 - S: S <= 176,000. r = 0: one euro of S is one euro to both (slope 1).
        case = make_case(EXIT)
        zopa = analyse(case, 20, 1).zopa
        zone = zopa.exit_deal
        assert zopa.client_batna == "stop"
        assert zone is not None
        assert zone.slope == pytest.approx(1.0)
        assert zone.client_gain_at_zero == pytest.approx(-150_000)
        assert zone.supplier_gain_at_zero == pytest.approx(176_000)
        assert (zone.settlement_min, zone.settlement_max) == (pytest.approx(150_000), pytest.approx(176_000))
        assert settlement_position(case, zopa).where == "below"  # the case's S = 50,000

    @pytest.mark.parametrize(("amount", "where"), [(160_000, "inside"), (200_000, "above")])
    def test_where_the_case_settlement_lies(self, amount, where):
        changes = {**EXIT, "exit_deal": {**EXIT["exit_deal"], "settlement": amount}}
        case = make_case(changes)
        position = settlement_position(case, analyse(case, 20, 1).zopa)
        assert (position.amount, position.where) == (amount, where)

    def test_no_position_without_an_exit_deal(self):
        case = make_case()
        assert settlement_position(case, analyse(case, 20, 1).zopa) is None


class TestCharts:
    def test_the_settlement_chart_shades_the_zone_and_marks_the_case(self):
        case = make_case(EXIT)
        zone = analyse(case, 20, 1).zopa.exit_deal
        chart = settlement_chart(zone, 50_000, Translator("en"))
        drawn = spec(chart)
        data = chart.to_dict(validate=False)["datasets"]
        assert drawn["description"].startswith("Settlement zone of an orderly exit")
        band = next(layer for layer in layers(drawn) if layer["mark"]["type"] == "rect")
        rows = data[band["data"]["name"]]
        assert (rows[0]["start"], rows[0]["end"]) == (pytest.approx(150_000), pytest.approx(176_000))
        assert rule_positions(drawn, data, "amount") == {"In the case": 50_000}
        # The axis runs past both zero crossings and the zone: 176,000 x 1.25 = 220,000.
        line = next(layer for layer in layers(drawn) if layer["mark"]["type"] == "line")
        assert line["encoding"]["x"]["scale"]["domain"] == [0, pytest.approx(220_000)]

    def test_the_settlement_chart_hides_its_amounts(self):
        zone = analyse(make_case(EXIT), 20, 1).zopa.exit_deal
        drawn = spec(settlement_chart(zone, 50_000, Translator("nl", amounts="hidden")))
        line = next(layer for layer in layers(drawn) if layer["mark"]["type"] == "line")
        assert line["encoding"]["x"]["axis"]["labels"] is False
        assert line["encoding"]["y"]["axis"]["labels"] is False
        assert "€" not in json.dumps(line["transform"])
        assert drawn["description"].startswith("Schikkingsruimte bij stoppen in overleg")

    def test_the_zone_chart_marks_the_criterion_and_the_split_nearest_to_equal(self):
        # repair 0.6: the client pays the new work, 40%; the equal split is clamped at 100%.
        chart = zone_chart(analysis({"solve.repair_share": 0.6}).zopa, Translator("en"))
        drawn = spec(chart)
        marks = rule_positions(drawn, chart.to_dict(validate=False)["datasets"], "share")
        assert marks == {"Current split": 0.5, "Nearest to equal gain": 1.0, "Repair / new work": pytest.approx(0.4)}

    def test_an_equal_split_is_called_equal_gain(self):
        chart = zone_chart(analysis({"solve.internal_cost": 108_000}).zopa, Translator("nl"))
        marks = rule_positions(spec(chart), chart.to_dict(validate=False)["datasets"], "share")
        assert set(marks) == {"Huidige verdeling", "Gelijk voordeel"}


@pytest.mark.parametrize(
    ("lang", "start"),
    [
        ("en", "Who judges whether the goal is met: an independent supervisor whom both parties accept."),
        (
            "nl",
            "Wie beoordeelt of het doel is bereikt: een onafhankelijke supervisor die door beide partijen is aanvaard.",
        ),
    ],
)
def test_the_agreement_draft_names_who_judges(lang, start):
    case = make_case()
    text = draft_markdown(case, analyse(case, 20, 1), lang)
    goal, criteria = text.split("\n## ")[1:3]
    assert any(line.startswith(start) for line in goal.splitlines())  # in the goal, before the criteria
    assert start not in criteria


def test_break_even_is_infinite_without_a_shared_cost():
    # No programme within reach of the split (slope 0) and a loss: no share helps.
    from decision.analysis.negotiation import ExpectedMargin

    assert ExpectedMargin(0.15, -1_000.0, 10_000.0, 0.0, 0.5).break_even_share == math.inf


@pytest.mark.parametrize(
    ("criterion", "repair", "zone", "expected"),
    [
        (None, None, (0.2, 0.6), "none"),  # no repair share given
        (0.6, 0.4, (None, None), "no_zone"),
        (0.4, 0.6, (0.2, 0.6), "in_zone"),  # 1 - 0.6 = 0.4 lies in 20%..60%
        (0.1, 0.9, (0.2, 0.6), "below"),  # the client would pay less than the supplier needs
        (0.9, 0.1, (0.2, 0.6), "above"),
    ],
)
def test_where_the_objective_criterion_lies(criterion, repair, zone, expected):
    from types import SimpleNamespace

    from decision.analysis.negotiation import criterion_position

    low, high = zone
    inside = criterion is not None and low is not None and low <= criterion <= high
    zopa = SimpleNamespace(
        criterion_share=criterion, client_share_min=low, client_share_max=high, criterion_in_zone=inside
    )
    assert criterion_position(zopa, repair) == expected


def test_every_split_agrees_only_for_a_zone_from_nought_to_one():
    from dataclasses import replace

    from decision.analysis.negotiation import every_split_agrees
    from decision.engine.results import evaluate
    from decision.model.presets import load_preset

    zopa = evaluate(load_preset("erp-manufacturer"), 2_000, 1).zopa
    assert (zopa.client_share_min, zopa.client_share_max) == (0.0, 1.0) and every_split_agrees(zopa)
    assert not every_split_agrees(replace(zopa, client_share_max=0.83))  # a zone that ends at 83%
    assert not every_split_agrees(replace(zopa, client_share_min=None, client_share_max=None))  # no zone
