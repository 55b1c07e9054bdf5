"""The workshop's key message on Negotiation says what the room negotiates (ui/workshop.key_message)."""

from __future__ import annotations

import pytest

from decision.engine.results import evaluate
from decision.model.presets import load_preset
from decision.text.i18n import translate
from ui.workshop import key_message


def test_a_zone_of_every_split_is_said_as_such():
    """ERP: the zone runs from 0% to 100%; "when the client pays between 0% and 100%" told the room nothing."""
    evaluation = evaluate(load_preset("erp-manufacturer"), 10_000, 1)
    assert (evaluation.zopa.client_share_min, evaluation.zopa.client_share_max) == (0.0, 1.0)
    (message,) = key_message("negotiation", evaluation)
    assert message.key == "workshop.zone_all"
    said = translate(message.key, "nl", **message.values)
    assert "0%" not in said and "welk deel" in said


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_with_an_orderly_exit_advised_the_room_sees_the_settlement_range(lang):
    """The orderly-exit case: the advice is to stop by agreement, so the banner gives the settlement range,
    not a sentence about the split of a programme nobody will run (a workshop rehearsal)."""
    evaluation = evaluate(load_preset("orderly-exit"), 10_000, 1)
    assert evaluation.recommendation.strategy == "exit_deal"
    zone = evaluation.zopa.exit_deal
    (message,) = key_message("negotiation", evaluation)
    assert message.key == "workshop.settlement"
    assert message.values == {"amount_min": zone.settlement_min, "amount_max": zone.settlement_max}
    assert "programm" not in translate(message.key, lang, **message.values)


def test_the_negotiation_page_says_every_split_is_in_the_zone(app_at):
    at = app_at("app_pages/negotiation.py", "erp-manufacturer", lang="nl")
    assert not at.exception
    said = [s.value for s in at.success]
    assert any(s.startswith(translate("negotiation.zone_all", "nl")) for s in said), said
    assert not any("tussen 0% en 100%" in s for s in said)
