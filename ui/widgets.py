"""Widgets bound to the open case: seeded from it, a change applied at once, its problems shown next to it.

A bound widget is seeded with the case's value and seeded again only when the
case's value for it changes (another case opened, an edit on another page, the
other tab's version loaded), so an entry the case did not accept stays in its
field, with its message, until it is corrected or the case changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, Protocol

import pandas as pd
import streamlit as st
from pydantic import BaseModel

from decision.analysis.agreement import apply_table_edits
from ui import case_state, display

# The values the widgets last showed of the open case, by widget key (emptied when a case is opened).
SHOWN = case_state.SHOWN_KEY


def seed(key: str, value: Any) -> None:
    """Show the case's value in the widget ``key`` unless the widget holds an entry for this same value."""
    shown = st.session_state.setdefault(SHOWN, {})
    if key not in st.session_state or key not in shown or shown[key] != value:
        st.session_state[key] = value
        shown[key] = value


def remember(values: dict[str, Any]) -> None:
    """The case now holds these widget values (just applied): no need to seed them again."""
    st.session_state.setdefault(SHOWN, {}).update(values)


def rejected(key: str) -> bool:
    """True when the bound widget holds an entry the case did not accept."""
    shown = st.session_state.get(SHOWN, {})
    return key in shown and st.session_state.get(key) != shown[key]


def error_if_rejected(key: str, message: str) -> None:
    """``message`` below the bound widget ``key`` while it holds an entry the case did not accept."""
    if rejected(key):
        st.error(message, icon=":material/error:")


def bound(
    key: str,
    path: str,
    value: Any,
    to_case: Callable[[Any], Any] | None = None,
    problems: str | None = None,
) -> dict[str, Any]:
    """Widget keyword arguments that bind a keyed widget to the case field ``path``.

    ``value`` is the case's value in the widget's units; ``to_case`` converts a
    widget value back (e.g. percent to share). A change is applied with
    ``case_state.try_update``; a rejected entry stays in the widget (nothing
    typed is lost, see ``rejected``). With ``problems`` (a page's problem slot,
    see ``show_problems``) the problems of the change are kept there under ``key``.
    """
    seed(key, value)
    return {"key": key, "on_change": _apply, "args": (key, path, to_case, problems), "persist_state": "session"}


def _apply(key: str, path: str, to_case: Callable[[Any], Any] | None, problems: str | None) -> None:
    value = st.session_state[key]
    found = case_state.try_update({path: to_case(value) if to_case and value is not None else value})
    if problems is not None:
        keep_problems(problems, key, found)


# -- the problems of a page's last change, next to the field that made it ------------


def keep_problems(slot: str, where: str, problems: list[str]) -> None:
    """The problems of the last change on a page (kept in ``slot``), made by the field ``where``."""
    st.session_state[slot] = (where, problems)


def show_problems(slot: str, where: str, heading: str) -> None:
    """The problems of the last change, when the field ``where`` made it: ``heading`` and one line each."""
    made_by, problems = st.session_state.get(slot) or ("", [])
    if made_by == where and problems:
        st.error(heading + "\n\n" + "\n".join(f"- {display.literal(p)}" for p in problems))


# -- a table editor bound to a list in the case -------------------------------------


# What each table editor started from, by its name: its key, the case's rows then (the base its edits
# are counted from, as st.data_editor counts them), the frame it shows, and the case's rows after its
# last edit.
TABLES = "_table_editors"


def table_key(name: str) -> str:
    """The editor's key. It stays the same while the user edits: a new key would make a new editor and
    drop what was typed in another cell while the last edit was being applied. It changes when the
    editor must start again from the case's rows: another language (its columns), another amounts setting
    (a workshop's hidden amounts are written as dots), ``refresh_table``."""
    return f"{name}_{st.session_state.get(f'{name}_version', 0)}_{display.lang()}_{display.amounts()}"


def refresh_table(name: str) -> None:
    """The table editor ``name`` shows the case's rows again (after a change made elsewhere on the page)."""
    st.session_state[f"{name}_version"] = st.session_state.get(f"{name}_version", 0) + 1


class Cells(Protocol):
    """How a table editor shows and reads its number columns (``typed.NumberCells``): as text in the page's
    language, read back the same way, since a number column read Dutch "40.000" as 40 without a word."""

    def show(self, frame: pd.DataFrame) -> pd.DataFrame: ...

    def read(self, row: dict[str, Any]) -> tuple[dict[str, Any], list[str]]: ...


def table_editor(
    name: str,
    path: str,
    frame: pd.DataFrame,
    fields: tuple[str, ...],
    problems: str,
    cells: Cells | None = None,
    **options: Any,
) -> None:
    """A ``st.data_editor`` over the case's list at ``path`` (rows may be added and removed).

    An edit is merged into the case's rows and applied at once; its problems are
    kept in the slot ``problems`` under ``name`` (``show_problems``). The editor keeps
    showing the ``frame`` it started from, with the user's edits on it, under the same
    key; it starts again from the case's rows (``frame``) when those changed elsewhere
    (another case, another tab, another widget) or an edit was refused. An empty cell
    shows empty (``placeholder``), not "None".
    """
    rows = case_state.value_at(path)
    started = st.session_state.setdefault(TABLES, {}).get(name)
    if started is not None and started["rows"] != rows:
        refresh_table(name)
    if started is None or started["rows"] != rows or started["key"] != table_key(name):
        shown = frame if cells is None else cells.show(frame)
        started = {"key": table_key(name), "base": rows, "frame": shown, "rows": rows}
        st.session_state[TABLES][name] = started
    st.data_editor(
        started["frame"],
        key=started["key"],
        num_rows="dynamic",
        width="stretch",
        hide_index=True,
        column_order=fields,
        on_change=_apply_table,
        args=(name, path, fields, problems, cells),
        **{"placeholder": "", **options},
    )


def _apply_table(name: str, path: str, fields: tuple[str, ...], problems: str, cells: Cells | None = None) -> None:
    started = st.session_state[TABLES][name]
    edits = dict(st.session_state[started["key"]])
    unread: list[str] = []
    if cells is not None:  # the number cells as typed, read as the page's language writes numbers

        def read(row: dict[str, Any]) -> dict[str, Any]:
            values, found = cells.read(dict(row))
            unread.extend(found)
            return values

        edits["edited_rows"] = {index: read(row) for index, row in edits.get("edited_rows", {}).items()}
        edits["added_rows"] = [read(row) for row in edits.get("added_rows", [])]
    if unread:  # not guessed at: the sentence says how to write it, and the case keeps its rows
        keep_problems(problems, name, unread)
        refresh_table(name)
        return
    changed = apply_table_edits(started["base"], edits, fields)
    found = case_state.try_update({path: changed})
    keep_problems(problems, name, found)
    if found:  # refused: the editor starts again from the case's last valid rows
        refresh_table(name)
    else:
        started["rows"] = case_state.value_at(path)


def column(kind: Callable[..., Any], catalogue_key: str, **options: Any) -> Any:
    """A table column (``st.column_config.*Column``) labelled ``catalogue_key``, its help ``catalogue_key_help``."""
    t = display.t()
    return kind(t(catalogue_key), help=t(f"{catalogue_key}_help"), **options)


# -- limits -----------------------------------------------------------------------------


def max_chars(model: type[BaseModel], field: str) -> int:
    """The case schema's limit of a text (``max_chars(Estimate, "source")`` is 1000), for the widget
    that edits it: the user sees the limit, and the widget never holds more than the case accepts."""
    for constraint in model.model_fields[field].metadata:
        limit = getattr(constraint, "max_length", None)
        if limit is not None:
            return int(limit)
    raise ValueError(f"{model.__name__}.{field} has no max_length")


# -- keys --------------------------------------------------------------------------------


def fresh_key(prefix: str, *shown: str) -> str:
    """A key that changes with what the widget shows, so the widget starts afresh (a label the browser
    would keep showing, rows of another case)."""
    digest = hashlib.sha1("\x1f".join(shown).encode()).hexdigest()[:10]
    return f"{prefix}_{digest}"


def per_case(key: str) -> str:
    """The widget ``key`` keeps its value across pages, but starts from its default in a newly opened case."""
    opened_in = f"{key}_case"
    if st.session_state.get(opened_in) != case_state.case_id():
        st.session_state.pop(key, None)
        st.session_state[opened_in] = case_state.case_id()
    return key


def per_language(key: str, default: Any) -> dict[str, Any]:
    """Widget keyword arguments for a choice whose option labels change with the language.

    A radio whose labels change loses its shown selection in the browser, so there
    is one widget per language; the choice is kept in ``key`` and each one starts from it.
    """
    widget = f"{key}_{display.lang()}"
    if widget not in st.session_state:
        st.session_state[widget] = st.session_state.get(key, default)
    return {"key": widget, "on_change": _keep_choice, "args": (key, widget)}


def _keep_choice(key: str, widget: str) -> None:
    st.session_state[key] = st.session_state[widget]
