"""Triage rules of the source text (MODEL.md section 4)."""

from __future__ import annotations

import pytest

from decision.model.triage import Reason, recognition_fails, triage
from tests.decision.builders import make_case


def outcome(weekly: bool = False, threat: bool = False, client: int | None = 4, supplier: int | None = 4):
    return triage(
        make_case(
            {
                "triage.weekly_board_agenda": weekly,
                "triage.continuity_threat": threat,
                "triage.client_recognises_supplier": client,
                "triage.supplier_values_client": supplier,
            }
        )
    )


class TestRecognitionFails:
    @pytest.mark.parametrize("score, fails", [(None, False), (1, True), (2, True), (3, False), (5, False)])
    def test_two_or_lower(self, score, fails):
        assert recognition_fails(score) is fails


class TestTriage:
    def test_not_acute_and_mutual_recognition_allows_all_four(self):
        result = outcome()
        assert result.allowed == ("muddle", "switch", "stop", "solve")
        assert not result.acute
        assert result.reasons == (
            Reason("triage.not_acute"),
            Reason("triage.mutual_recognition", {"client": 4, "supplier": 4}),
        )

    @pytest.mark.parametrize(
        "weekly, threat, key",
        [
            (True, False, "triage.acute_board"),
            (False, True, "triage.acute_continuity"),
            (True, True, "triage.acute_both"),
        ],
    )
    def test_acute_rules_out_muddle(self, weekly, threat, key):
        result = outcome(weekly, threat)
        assert result.allowed == ("switch", "stop", "solve")
        assert result.acute
        assert result.reasons[0] == Reason(key)

    @pytest.mark.parametrize("client, supplier", [(2, 4), (4, 2), (1, 1), (1, 5)])
    def test_recognition_two_or_lower_rules_out_solve(self, client, supplier):
        result = outcome(client=client, supplier=supplier)
        assert result.allowed == ("muddle", "switch", "stop")
        keys = [r.key for r in result.reasons]
        assert ("triage.client_no_recognition" in keys) is (client <= 2)
        assert ("triage.supplier_no_recognition" in keys) is (supplier <= 2)

    def test_recognition_three_is_enough(self):
        assert "solve" in outcome(client=3, supplier=3).allowed

    def test_unknown_recognition_keeps_solve_and_says_so(self):
        result = outcome(client=None, supplier=3)
        assert "solve" in result.allowed
        assert result.reasons[-1] == Reason("triage.recognition_unknown")

    def test_both_rules_together(self):
        result = outcome(weekly=True, client=2, supplier=1)
        assert result.allowed == ("switch", "stop")
        assert [r.key for r in result.reasons] == [
            "triage.acute_board",
            "triage.client_no_recognition",
            "triage.supplier_no_recognition",
        ]
        assert result.reasons[1].values == {"score": 2}
        assert result.reasons[2].values == {"score": 1}

    def test_defaults_allow_all_four(self):
        case = make_case({"triage": {}})
        assert triage(case).allowed == ("muddle", "switch", "stop", "solve")
