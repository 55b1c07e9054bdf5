"""What a contract text says about the supplier's liability cap, for a suggestion on the Case page.

The director pastes or summarises the contract in a free text ("liability limited to EUR 1.2
million", "aansprakelijkheid beperkt tot € 250.000"). ``liability_cap`` finds the amount the text
names as the cap: in a sentence about liability, the amount in euros that follows a cap word
("limited to", "ceiling of", "beperkt tot", "maximaal") most closely. A cap written as something
else ("maximaal 1 jaar contractwaarde", "one year's fees") names no amount and gives None: the
director fills that in. The text may be Dutch or English whatever the app's language, so an
amount is read by its own marks ("€ 1.250.000,-", "EUR 1,250,000", "EUR 1.25M", "€ 1,2 mln").
"""

from __future__ import annotations

import re

# A sentence ends at a full stop, semicolon, question or exclamation mark followed by a space, or a line.
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)|\n+")
_LIABILITY = re.compile(r"aansprakelijk|liab", re.IGNORECASE)
# Words after which a liability cap's amount follows (Dutch and English).
_CAP_WORDS = re.compile(
    r"\b(?:beperkt|begrensd|gemaximeerd|maximaal|maximum|hoogstens|ten\s+hoogste|plafond|limiet|grens|tot"
    r"|limit(?:ed|s)?|limitation|cap(?:ped|s)?|ceiling|at\s+most|up\s+to|to)\b",
    re.IGNORECASE,
)
_MULTIPLIERS = {
    "k": 10**3,
    "duizend": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "miljoen": 10**6,
    "million": 10**6,
    "mld": 10**9,
    "miljard": 10**9,
    "bn": 10**9,
    "billion": 10**9,
}
_WORDS = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))
_NUMBER = rf"(?P<number>\d+(?:[.,]\d+)*)(?:\s*(?P<word>{_WORDS})\b)?"
_CURRENCY = r"(?:€|eur\b|euros?\b)"
# Farther than this many characters after its cap word, an amount is about something else.
REACH = 90


def _pattern() -> re.Pattern[str]:
    """An amount in euros: the currency before the number ("€ 250.000", "EUR 1.2 million") or after it
    ("250.000 euro")."""
    before = _NUMBER.replace("?P<number>", "?P<number1>").replace("?P<word>", "?P<word1>")
    after = _NUMBER.replace("?P<number>", "?P<number2>").replace("?P<word>", "?P<word2>")
    return re.compile(rf"{_CURRENCY}\s*{before}|{after}\s*{_CURRENCY}", re.IGNORECASE)


_AMOUNT = _pattern()


def read_amount(number: str, word: str | None = None) -> float:
    """An amount as a contract writes it, Dutch or English: the last mark is the decimal mark unless
    it is followed by exactly three digits and no multiplier follows ("250.000", "250,000")."""
    multiplier = _MULTIPLIERS[word.lower()] if word else 1
    marks = [i for i, c in enumerate(number) if c in ".,"]
    if not marks:
        return float(number) * multiplier
    last = marks[-1]
    decimals = number[last + 1 :]
    kinds = {number[i] for i in marks}
    if len(kinds) == 2 or (len(marks) == 1 and (word or len(decimals) != 3)):
        whole = re.sub(r"[.,]", "", number[:last])
        return float(f"{whole}.{decimals}") * multiplier
    return float(re.sub(r"[.,]", "", number)) * multiplier


def _amounts(sentence: str) -> list[tuple[int, float]]:
    """The amounts in euros in ``sentence``: (where it starts, the amount)."""
    found = []
    for match in _AMOUNT.finditer(sentence):
        number = match.group("number1") or match.group("number2")
        word = match.group("word1") or match.group("word2")
        found.append((match.start(), read_amount(number, word)))
    return found


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text) if part.strip()]


def liability_cap(text: str) -> float | None:
    """The liability cap in euros that ``text`` names, or None when it names no amount as the cap.

    In the first sentence about liability that has one: the amount closest after a cap word that
    comes after the liability word, or after the liability word itself ("liability cap EUR 1M").
    """
    for sentence in _sentences(text):
        liability = _LIABILITY.search(sentence)
        if liability is None:
            continue
        anchors = [liability.end()] + [m.end() for m in _CAP_WORDS.finditer(sentence) if m.start() >= liability.start()]
        best: tuple[int, float] | None = None
        for start, amount in _amounts(sentence):
            distances = [start - anchor for anchor in anchors if 0 <= start - anchor <= REACH]
            if distances and (best is None or min(distances) < best[0]):
                best = (min(distances), amount)
        if best is not None:
            return best[1]
    return None
