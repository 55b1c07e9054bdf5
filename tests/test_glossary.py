"""The Dutch catalogues use the terms of docs/GLOSSARY.md: no rejected variant, no calque, no "je".

Each pattern below is a variant that GLOSSARY.md rejects, or a calque issue 13 replaced; a Dutch
message that uses one fails here with its key. Quotations of the source text (the triage page's
``*_source`` messages) keep the source's own words and its "je".
"""

from __future__ import annotations

import re

import pytest

from decision.text.i18n import catalogue

# pattern -> the term to use instead (GLOSSARY.md)
REJECTED: dict[str, str] = {
    r"\bcasus": "dossier (dossierbestand)",
    r"\bdeze zaak\b": "dit dossier",
    r"bestuursmemo|bestuursrapport|memo aan het bestuur|bestuursstukken": "directierapport, directiestukken",
    r"\bmemo\b": "rapport (directierapport)",
    r"\bbestuur\b": "directie",
    r"beslissingsweergave": "beslisweergave",
    r"boekhoudkundige weergave": "boekhoudweergave",
    r"maximum aansprakelijkheid|aansprakelijkheidsgrens|aansprakelijkheidsbeperking|aansprakelijkheidslimiet": (
        "aansprakelijkheidsplafond"
    ),
    r"grens aan de aansprakelijkheid|maximum aan de aansprakelijkheid": "aansprakelijkheidsplafond",
    r"exploitatiekosten": "lopende kosten",
    r"disfunctioneren": "schade door het slecht werkende systeem",
    r"uittreden": "contractbeëindiging",
    r"gesimuleerde toekomst|\btoekomsten\b|slechte toekomst": "doorgerekende scenario's",
    r"\bsta op objectieve": "Hanteer objectieve criteria",
    r"welk onderzoek ook": "meer is geen enkel onderzoek waard",
    r"\baanbeveling": "advies",
    r"\bbegeleider": "supervisor",
    r"sunk[- ]cost": "verzonken kosten",
    r"behoorlijk werkend": "fatsoenlijk werkend",
    r"kostenfamilie": "kostensoort",
    r"tweede keus|nummer twee|beste andere uitweg": "op één na beste uitweg",
    r"valt af bij|uitgesloten door de triage": "valt af door de triage",
    r"gelijke winst|verwachte winst|een winst van": "voordeel (verdeling met gelijk voordeel)",
}
INFORMAL = r"\b(je|jij|jou|jouw|jullie)\b"


def dutch_messages() -> dict[str, str]:
    return catalogue("nl")


def quotes_the_source(key: str) -> bool:
    """A quotation of the source text (Mission Matters, 2014), in its own words."""
    return key.startswith("triage_page.") and key.endswith("_source")


@pytest.mark.parametrize("pattern", list(REJECTED))
def test_no_rejected_term_in_dutch(pattern: str):
    found = {
        key: text
        for key, text in dutch_messages().items()
        if not quotes_the_source(key) and re.search(pattern, text, re.IGNORECASE)
    }
    assert found == {}, f"use {REJECTED[pattern]!r} (docs/GLOSSARY.md)"


def test_the_director_is_addressed_as_u():
    found = {
        key: text
        for key, text in dutch_messages().items()
        if not quotes_the_source(key) and re.search(INFORMAL, text, re.IGNORECASE)
    }
    assert found == {}


def test_the_patterns_catch_what_they_reject():
    assert re.search(r"\bcasus", "een casusbestand", re.IGNORECASE)
    assert re.search(r"disfunctioneren", "Kosten van het disfunctioneren", re.IGNORECASE)
    assert re.search(INFORMAL, "software vervang je niet zo eenvoudig", re.IGNORECASE)
    assert not re.search(INFORMAL, "de jeugd", re.IGNORECASE)
    assert quotes_the_source("triage_page.client_source")
