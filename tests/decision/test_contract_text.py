"""The liability cap a contract text names (decision/analysis/contract_text.py), Dutch and English."""

from __future__ import annotations

import pytest

from decision.analysis.contract_text import liability_cap, read_amount
from decision.model.presets import load_preset, preset_ids


@pytest.mark.parametrize(
    ("text", "cap"),
    [
        # Dutch
        ("Aansprakelijkheid beperkt tot € 250.000.", 250_000),
        ("De aansprakelijkheid van de leverancier bedraagt ten hoogste 250.000 euro.", 250_000),
        ("Aansprakelijkheid gemaximeerd op € 1,2 mln per gebeurtenis.", 1_200_000),
        ("De leverancier is aansprakelijk tot een bedrag van EUR 1.250.000,- per jaar.", 1_250_000),
        ("Aansprakelijkheidsgrens: € 750k", 750_000),
        ("De aansprakelijkheid is beperkt tot 2 miljoen euro", 2_000_000),
        # English
        ("Liability limited to EUR 1.2 million.", 1_200_000),
        ("The supplier's liability is capped at €500,000 per year.", 500_000),
        ("liability cap: EUR 1,250,000.50", 1_250_000.50),
        ("Liability limited to direct damage, with an absolute ceiling of EUR 1.25M.", 1_250_000),
        ("Total liability shall not exceed the fees of one year (EUR 240k).", 240_000),
    ],
)
def test_a_named_cap_is_found(text, cap):
    assert liability_cap(text) == pytest.approx(cap)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Vaste prijs € 925.000, looptijd vijf jaar.",
        "Aansprakelijkheid maximaal 1 jaar contractwaarde.",
        "Liability limited to one year's fees.",
        "No limitation of liability.",
        "Price EUR 85k; liability limited to direct damage.",
        "Fixed price € 925.000. The supplier will deliver in 2027.",
    ],
)
def test_no_cap_named(text):
    assert liability_cap(text) is None


@pytest.mark.parametrize(
    ("text", "cap"),
    [
        ("Prijs € 925.000,-. De aansprakelijkheid is beperkt tot € 250.000.", 250_000),
        ("De aansprakelijkheid is beperkt tot € 1,2 mln per jaar; de contractprijs is € 925.000.", 1_200_000),
        ("Fixed price of €925,000 with liability capped at €500,000 and a monthly fee of EUR 12k.", 500_000),
        ("Implementation EUR 800k plus EUR 20k a month: liability limited to one year's fees (EUR 240k).", 240_000),
    ],
)
def test_of_several_amounts_the_one_next_to_the_cap_words(text, cap):
    assert liability_cap(text) == pytest.approx(cap)


@pytest.mark.parametrize("preset", preset_ids())
def test_the_presets_contract_texts_name_their_cap_or_none_the_case_could_take(preset):
    case = load_preset(preset)
    found = liability_cap(case.profile.contract)
    # "Limited to one year's fees" (muddle-defensible) names no amount: nothing is suggested.
    assert found is None or found == case.legal.liability_cap


@pytest.mark.parametrize(
    ("number", "word", "amount"),
    [
        ("250.000", None, 250_000),
        ("250,000", None, 250_000),
        ("1.250.000,50", None, 1_250_000.5),
        ("1,250,000.50", None, 1_250_000.5),
        ("1,2", "mln", 1_200_000),
        ("1.2", "million", 1_200_000),
        ("1.25", "M", 1_250_000),
        ("925", "k", 925_000),
        ("1450", None, 1450),
    ],
)
def test_amounts_are_read_by_their_own_marks(number, word, amount):
    assert read_amount(number, word) == pytest.approx(amount)
