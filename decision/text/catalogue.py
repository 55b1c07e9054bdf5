"""Message catalogues: decision/text/locales/<lang>/*.toml.

Every key is ``<file stem>.<key>``; values are str.format templates.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

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
