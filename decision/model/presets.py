"""The preset cases shipped in data/.

A preset's file is in English. Its title in each language is the catalogue's
``start.preset_title.<id>`` (the English one the same as the file's), and its texts in another
language (the profile, each estimate's source and note, the diagnosis's evidence, the SMART
criteria's wording) are in ``data/<lang>/<id>.json``: the same nesting as the preset, holding only
those texts (``TEXT_FIELDS``). A case opened from a preset in Dutch is a Dutch case: Dutch
texts and ``profile.language`` "nl", so its memo is Dutch too. The numbers are the file's own;
a translation that names a field the preset lacks, or a field that is not text, is refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from decision.model.case import Case
from decision.model.loader import load_case
from decision.text.i18n import translate

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
EXAMPLE = "erp-manufacturer"
# The fields a translation may give, wherever they sit in the case (a name may also be a group's:
# "supplier" is the profile's supplier name and the supplier's estimates; only the text is translated).
TEXT_FIELDS = frozenset(
    {"organisation", "system", "supplier", "contract", "source", "note", "evidence", "metric", "unit", "measured_by"}
)


class TranslationError(ValueError):
    """A preset's translation that does not fit its preset; the message names the field."""


def translation_path(preset_id: str, lang: str) -> Path:
    return DATA_DIR / lang / f"{preset_id}.json"


def translated(base: Any, texts: Any, where: str = "") -> Any:
    """``base`` (a case as JSON data) with the texts of ``texts`` in place of its own.

    ``texts`` has the nesting of ``base`` and only fields of ``TEXT_FIELDS`` that are text in
    ``base``; a list has as many items as ``base``'s. Anything else raises TranslationError.
    """
    if isinstance(texts, dict) and isinstance(base, dict):
        unknown = sorted(set(texts) - set(base))
        if unknown:
            raise TranslationError(f"{where or '(case)'}: no field {unknown[0]!r} in the preset")
        return {key: translated(value, texts[key], f"{where}.{key}".lstrip(".")) if key in texts else value
                for key, value in base.items()}  # fmt: skip
    if isinstance(texts, list) and isinstance(base, list):
        if len(texts) != len(base):
            raise TranslationError(f"{where}: {len(texts)} items, the preset has {len(base)}")
        return [translated(b, t, f"{where}[{i}]") for i, (b, t) in enumerate(zip(base, texts))]
    field = where.rsplit(".", 1)[-1]
    if isinstance(texts, str) and isinstance(base, str) and field in TEXT_FIELDS:
        return texts
    raise TranslationError(f"{where}: not a text the preset's translation may give")


def preset_ids() -> list[str]:
    """Preset names (file stems), the example first."""
    names = sorted(p.stem for p in DATA_DIR.glob("*.json"))
    return sorted(names, key=lambda name: name != EXAMPLE)


def preset_title(preset_id: str, lang: str) -> str:
    """The preset's title in ``lang``."""
    return translate(f"start.preset_title.{preset_id}", lang)


def load_preset(preset_id: str, lang: str | None = None) -> Case:
    """The preset case; with ``lang``, in that language: its title, and its texts where the preset
    has a translation (``data/<lang>/<id>.json``). Without, as its file has it (English)."""
    if preset_id not in preset_ids():
        raise KeyError(preset_id)
    case = load_case(str(DATA_DIR / f"{preset_id}.json"))
    if lang is None:
        return case
    path = translation_path(preset_id, lang)
    if path.is_file():
        data = translated(case.model_dump(mode="json"), json.loads(path.read_text(encoding="utf-8")))
        data["profile"]["language"] = lang
        case = Case.model_validate(data)
    return case.model_copy(update={"title": preset_title(preset_id, lang)})
