"""Saying a message in a language: ``translate`` and the ``Translator`` of a page.

The domain returns message keys with values (``Reason``), never sentences, so that
pages, reports and the command line can say them in either language. Every value is
said by ``decision.text.say.say_value``: the one way a value becomes text.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from decision.text import fmt
from decision.text.catalogue import LANGUAGES, MoneyFormat, catalogue
from decision.text.say import say_value

__all__ = ["LANGUAGES", "MoneyFormat", "Translator", "catalogue", "translate"]


def translate(
    key: str,
    lang: str = "en",
    *,
    money_format: MoneyFormat = fmt.money,
    literal: bool = False,
    **values: Any,
) -> str:
    """The message ``key`` in ``lang`` with its values said; the key itself if unknown.

    A value called ``kind`` is not said: it names the input kind the message's numbers are in.
    ``literal`` says numbers as a case file writes them (for the problems of a file).
    """
    template = catalogue(lang).get(key) or catalogue("en").get(key) or key
    kind = values.get("kind")
    file = key.split(".", 1)[0]
    said = {
        name: say_value(name, value, lang, file=file, money=money_format, kind=kind, literal=literal)
        for name, value in values.items()
    }
    return template.format(**said)


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
