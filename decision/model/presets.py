"""The preset cases shipped in data/.

A preset's file holds its title in English; its title in each language is the catalogue's
``start.preset_title.<id>`` (the English one the same as the file's), so that a case opened
from a preset in Dutch gets its Dutch title.
"""

from __future__ import annotations

from pathlib import Path

from decision.model.case import Case
from decision.model.loader import load_case
from decision.text.i18n import translate

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
EXAMPLE = "erp-manufacturer"


def preset_ids() -> list[str]:
    """Preset names (file stems), the example first."""
    names = sorted(p.stem for p in DATA_DIR.glob("*.json"))
    return sorted(names, key=lambda name: name != EXAMPLE)


def preset_title(preset_id: str, lang: str) -> str:
    """The preset's title in ``lang``."""
    return translate(f"start.preset_title.{preset_id}", lang)


def load_preset(preset_id: str, lang: str | None = None) -> Case:
    """The preset case; with ``lang``, titled in that language (without, as its file has it)."""
    if preset_id not in preset_ids():
        raise KeyError(preset_id)
    case = load_case(str(DATA_DIR / f"{preset_id}.json"))
    return case if lang is None else case.model_copy(update={"title": preset_title(preset_id, lang)})
