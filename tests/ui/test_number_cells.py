"""Number columns of the table editors as text: written and read as the page's language writes numbers.

A number column of st.data_editor read Dutch "40.000" as 40 and "1.200" as 1,2, without a word (a consultant
saw it on Variants and SMART agreement). ``typed.NumberCells`` writes the cells as the language does and
reads them back with the app's one number reader, refusing what it cannot read with a sentence.
"""

from __future__ import annotations

import pandas as pd

from decision.text.i18n import translate
from ui.typed import NumberCells

CELLS = NumberCells(
    kinds={"baseline": "number", "cost": "euro", "chance": "percent"},
    labels={"baseline": "Nulmeting", "cost": "Kosten", "chance": "Kans"},
    per_cent=frozenset({"chance"}),
    lang="nl",
)


def test_cells_are_written_as_the_language_writes_numbers():
    frame = pd.DataFrame(
        {"baseline": [1200.0, None], "cost": [40_000.0, 2.5], "chance": [0.1, -0.05], "note": ["a", "b"]}
    )
    shown = CELLS.show(frame)
    assert list(shown["baseline"]) == ["1.200", ""]
    assert list(shown["cost"]) == ["40.000", "2,5"]
    assert list(shown["chance"]) == ["10", "-5"]  # points, as the column shows them
    assert list(shown["note"]) == ["a", "b"]  # other columns as they were
    assert list(frame["baseline"])[0] == 1200.0  # the frame itself unchanged


def test_an_empty_table_gets_text_columns():
    shown = CELLS.show(pd.DataFrame({"baseline": pd.Series([], dtype="float64"), "cost": [], "chance": []}))
    assert all(pd.api.types.is_string_dtype(shown[c]) for c in ("baseline", "cost", "chance"))


def test_cells_are_read_as_the_language_writes_numbers():
    values, problems = CELLS.read({"baseline": "1.200", "cost": "€ 40.000", "chance": "10", "note": "x"})
    assert problems == []
    assert values == {"baseline": 1200.0, "cost": 40_000.0, "chance": 0.1, "note": "x"}
    values, problems = CELLS.read({"baseline": "1,5", "cost": ""})  # a decimal comma; an emptied cell
    assert (values, problems) == ({"baseline": 1.5, "cost": None}, [])


def test_what_cannot_be_read_is_refused_with_its_sentence():
    values, problems = CELLS.read({"cost": "veertig", "baseline": "12"})
    assert values["baseline"] == 12.0 and values["cost"] is None
    assert problems == ["Kosten: " + translate("typed.not_a_number", "nl", text="veertig")]
