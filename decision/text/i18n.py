"""Message catalogues (decision/locales/<lang>/*.toml) and the rendering of reasons.

Every key is ``<file stem>.<key>``; values are str.format templates. The domain
returns message keys with values (``Reason``), never sentences, so that pages,
reports and the command line can say them in either language.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import Any

from decision.text import fmt

LANGUAGES: tuple[str, ...] = ("nl", "en")
CATALOGUE_DIR = Path(__file__).parent / "locales"
# How amounts are written: fmt.money, or a workshop's rounded or hidden form.
MoneyFormat = Callable[[float, str], str]


def _flatten(prefix: str, table: dict[str, Any], out: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(name, value, out)
        else:
            out[name] = str(value)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All messages of one language."""
    out: dict[str, str] = {}
    for path in sorted((CATALOGUE_DIR / lang).glob("*.toml")):
        with path.open("rb") as handle:
            _flatten(path.stem, tomllib.load(handle), out)
    return out


def _format_value(name: str, value: Any, lang: str, money: MoneyFormat = fmt.money) -> str:
    """Values are formatted by their name: amounts as money, shares as percentages."""
    if name in ("strategy", "batna", "fallback", "runner_up"):
        return catalogue(lang).get(f"strategy.{value}.name", str(value))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if name.startswith("amount") or name.endswith("_cost") or name.endswith("_value"):
        return money(value, lang)
    if name.startswith("share") or name.startswith("p_"):
        return fmt.percent(value, lang)
    return fmt.number(value, lang)


def translate(key: str, lang: str = "en", *, money_format: MoneyFormat = fmt.money, **values: Any) -> str:
    """The message ``key`` in ``lang`` with its values formatted; the key itself if unknown."""
    template = catalogue(lang).get(key) or catalogue("en").get(key) or key
    formatted = {name: _format_value(name, value, lang, money_format) for name, value in values.items()}
    return template.format(**formatted)


class Translator:
    """``t = Translator("nl"); t("comparison.title")`` — the language bound once.

    ``amounts`` is how amounts are shown ("exact", or a workshop's "rounded" or "hidden",
    see ``fmt.AMOUNTS``); messages write them with ``money``, which follows ``amounts``
    unless given. Charts read ``amounts`` for their euro axes and labels.
    """

    def __init__(self, lang: str, money: MoneyFormat | None = None, amounts: str = "exact"):
        self.lang = lang if lang in LANGUAGES else "en"
        self.amounts = amounts if amounts in fmt.AMOUNTS else "exact"
        self.money: MoneyFormat = money or partial(fmt.money_as, amounts=self.amounts)

    def __call__(self, key: str, **values: Any) -> str:
        return translate(key, self.lang, money_format=self.money, **values)

    def strategy(self, strategy: str) -> str:
        return translate(f"strategy.{strategy}.name", self.lang)
