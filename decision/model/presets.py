"""The preset cases shipped in data/."""

from __future__ import annotations

from pathlib import Path

from decision.model.case import Case
from decision.model.loader import load_case

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
EXAMPLE = "erp-manufacturer"


def preset_ids() -> list[str]:
    """Preset names (file stems), the example first."""
    names = sorted(p.stem for p in DATA_DIR.glob("*.json"))
    return sorted(names, key=lambda name: name != EXAMPLE)


def load_preset(preset_id: str) -> Case:
    if preset_id not in preset_ids():
        raise KeyError(preset_id)
    return load_case(str(DATA_DIR / f"{preset_id}.json"))
