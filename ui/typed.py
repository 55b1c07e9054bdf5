"""The one number field of the app: a text field that reads what a director types the way their
language writes it ("400.000", "4,5", "1,2 mln" in Dutch; "400,000", "4.5", "1.2m" in English),
shows the value back in that convention, and refuses what is ambiguous with a sentence that
says how to write it (``decision.text.typed``). Never a silent reinterpretation: an entry that
cannot be read stays in its field with its sentence, and the case keeps its value.

Two ways to use it:

- ``number_field``: draw the field and read it in the page's body (the Assumptions page applies
  an estimate when its three values are read);
- ``bound_number``: a field bound to one case field (the Case page): read and applied in its
  change callback, its sentence shown below it. ``bound_date`` does the same for a date.

Values are in the unit the field shows: percentages as 4.5 for 4,5%, amounts in euros. With
``per_year`` a monthly amount is typed per year and returned per month; the caption says so.

In a workshop with hidden amounts (``masked``) a money field shows "€ •••", disabled, and says why
in its help; what it held is kept, and read as before. A page with a field of its own draws it
with ``text_input`` to get the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from babel.dates import format_date

from decision.model.registry import MONEY_KINDS, PERCENT_KINDS
from decision.text import fmt
from decision.text.fmt import HIDDEN_AMOUNT, LOCALES
from decision.text.i18n import translate
from decision.text.typed import Typed, read_date, read_number, show_number
from ui import case_state, display, widgets

# Where a field's sentence is kept between its change callback and the page's next run.
MESSAGES = "typed_messages"
# The most characters a number or date field takes: "€ 1.000.000.000.000,00" and more, never a text.
MAX_CHARS = 40
# A date as each language's field shows it: day-month-year, in English with the month's name
# (04/12/2026 is read month-first by some readers, so it would not read back).
DATE_FORMATS = {"nl": "dd-MM-y", "en": "d MMM y"}
# The same, as a table's date column writes it (Moment.js tokens, st.column_config.DateColumn).
DATE_COLUMN_FORMATS = {"nl": "DD-MM-YYYY", "en": "D MMM YYYY"}
# What a money field shows in a workshop with hidden amounts.
MASK = f"€ {HIDDEN_AMOUNT}"


def typed_kind(kind: str) -> str:
    """The registry's kind of an input as ``read_number`` reads it: money, percent, months or number."""
    if kind in MONEY_KINDS:
        return "money"
    if kind in PERCENT_KINDS or kind in ("share", "share_year", "rate", "percent"):
        return "percent"
    if kind in ("months", "horizon"):
        return "months"
    return "number"


def masked(kind: str) -> bool:
    """True when a field of this kind shows no figure: an amount in a workshop with hidden amounts."""
    return typed_kind(kind) == "money" and display.amounts_hidden()


def masked_field(label: str, key: str, *, container: Any = None, label_visibility: str = "visible") -> None:
    """The stand-in of the money field ``key`` while amounts are hidden: "€ •••", disabled, its help
    saying why. The field's own entry stays in the session, untouched."""
    where = container if container is not None else st
    where.text_input(
        label,
        value=MASK,
        key=f"{key}.masked",
        disabled=True,
        help=display.t()("workshop.masked_help"),
        label_visibility=label_visibility,
    )


def masked_text(where: Any, label: str, key: str, text: str | None, *, area: bool = True, **options: Any) -> bool:
    """In a workshop with hidden amounts, a free text that names amounts ("vaste prijs € 925.000") as a
    disabled field with the amounts as dots, its help saying why; True when it drew that stand-in (the
    caller draws no field then). The text itself stays in the case and the session, untouched."""
    if not display.amounts_hidden():  # at the desk: no search through the page's texts on every rerun
        return False
    written = text or ""
    hidden = fmt.mask_amounts(written)
    if hidden == written:
        return False
    widget = where.text_area if area else where.text_input
    # Keyed on what it shows, so that another text (another case) is another field.
    digest = hashlib.sha1(hidden.encode("utf-8")).hexdigest()[:10]
    widget(
        label,
        value=hidden,
        key=f"{key}.masked.{digest}",
        disabled=True,
        help=display.t()("workshop.masked_text_help"),
        **options,
    )
    return True


def text_input(where: Any, label: str, kind: str, *, key: str, **kwargs: Any) -> str | None:
    """``where.text_input(label, key=key, **kwargs)`` for a value of ``kind``; a ``masked`` field is drawn
    as its stand-in (``masked_field``) and the text it holds is returned as it stands."""
    if masked(kind):
        masked_field(label, key, container=where, label_visibility=kwargs.get("label_visibility", "visible"))
        kept = st.session_state.get(key)
        return kept if isinstance(kept, str) else None
    return where.text_input(label, key=key, **kwargs)


def shown(value: float | None, kind: str, lang: str | None = None) -> str:
    """A value as its field shows it: "400.000", "4,5", "" when empty; amounts to the cent at most."""
    if value is None:
        return ""
    decimals = 2 if typed_kind(kind) == "money" else 6
    return show_number(round(float(value), decimals), lang or display.lang(), decimals=decimals)


def read(
    text: str | None, kind: str, lang: str | None = None, *, markdown: bool = False
) -> tuple[float | None, str | None]:
    """What ``text`` says in the language: ``(value, None)``, ``(None, None)`` when empty, or
    ``(None, sentence)`` when it cannot be read (the sentence shows how to write it). With
    ``markdown`` what was typed is quoted in the sentence as text (``display.literal``), for a
    sentence shown as Markdown (``st.error``)."""
    language = lang or display.lang()
    if text is None or not text.strip():
        return None, None
    try:
        return read_number(text, language, typed_kind(kind)), None
    except Typed as refused:
        return None, sentence(refused, language, markdown)


def sentence(refused: Typed, lang: str, markdown: bool = False) -> str:
    """Why what was typed cannot be read, in ``lang``; with ``markdown`` what was typed is quoted as text."""
    values = {
        name: display.literal(value) if markdown and name in ("text", "word") and isinstance(value, str) else value
        for name, value in refused.values.items()
    }
    return translate(refused.key, lang, **values)


@dataclass(frozen=True)
class Entry:
    """What a number field holds: its text, the value read from it (None when empty or unreadable)
    and the sentence when it cannot be read."""

    text: str
    value: float | None
    message: str | None

    @property
    def empty(self) -> bool:
        return not self.text.strip()


# A rate per year is typed as a few percent ("4,5"); a share or a chance as a part of a hundred ("60").
RATE_KINDS = frozenset({"share_year", "rate"})


def placeholder(kind: str, lang: str | None = None) -> str:
    """An example of how to type a value of this kind in the language."""
    example = "rate" if kind in RATE_KINDS else typed_kind(kind)
    return translate(f"typed.example.{example}", lang or display.lang())


def number_field(
    label: str,
    key: str,
    kind: str,
    value: float | None,
    *,
    container: Any = None,
    help: str | None = None,
    disabled: bool = False,
    per_year: bool = False,
    label_visibility: str = "visible",
) -> Entry:
    """A number field seeded with ``value`` (display units; shown again only when the case's value
    changes, ``widgets.seed``), read in the page's body. Its sentence, if any, is shown below it.

    With ``per_year`` the field shows and reads twelve times ``value`` and returns the monthly amount.
    A ``masked`` field shows no figure: it returns what it holds, with no sentence or caption shown.
    """
    where = container if container is not None else st
    factor = 12.0 if per_year else 1.0
    widgets.seed(key, shown(None if value is None else value * factor, kind))
    if masked(kind):
        masked_field(label, key, container=where, label_visibility=label_visibility)
        text = st.session_state.get(key)
        text = text if isinstance(text, str) else ""
        number, message = read(text, kind)
        return Entry(text, None if number is None else number / factor, message)
    text = where.text_input(
        label,
        key=key,
        help=help,
        disabled=disabled,
        placeholder=placeholder(kind),
        label_visibility=label_visibility,
        max_chars=MAX_CHARS,
        persist_state="session",
    )
    number, message = read(text, kind)
    if message is not None:
        where.error(read(text, kind, markdown=True)[1], icon=":material/error:")
    elif number is not None and per_year:
        where.caption(display.t()("typed.per_year_stored", amount=number / factor))
    return Entry(text or "", None if number is None else number / factor, message)


def bound_number(
    label: str,
    key: str,
    path: str,
    value: float | None,
    kind: str,
    *,
    to_case: Callable[[float], Any] | None = None,
    optional: bool = False,
    help: str | None = None,
    container: Any = None,
    refused: Callable[[float | None], str] | None = None,
) -> None:
    """A number field bound to the case field ``path`` (``value`` in display units): a readable entry
    is applied at once (``to_case`` converts it to the case's units) and shown back in the language's
    way of writing ("400000" becomes "400.000"), an empty one clears an ``optional`` field; an entry
    that cannot be read, or that the case refuses, stays in the field with its sentence below it,
    and the case keeps its value. ``refused`` says, for the value read (None: emptied), why the
    case refuses it, naming the field; without it the case's own problem lines are shown. A ``masked``
    field shows no figure and no sentence, and changes nothing."""
    where = container if container is not None else st
    widgets.seed(key, shown(value, kind))
    if masked(kind):
        masked_field(label, key, container=where)
        return
    where.text_input(
        label,
        key=key,
        help=help,
        placeholder=placeholder(kind),
        max_chars=MAX_CHARS,
        on_change=_apply,
        args=(key, path, kind, to_case, optional, refused),
        persist_state="session",
    )
    _show_message(key, where)


def _show_message(key: str, where: Any) -> None:
    message = st.session_state.get(MESSAGES, {}).get(key)
    if message and widgets.rejected(key):
        where.error(message, icon=":material/error:")


def _apply(
    key: str,
    path: str,
    kind: str,
    to_case: Callable[[float], Any] | None,
    optional: bool,
    refused: Callable[[float | None], str] | None,
) -> None:
    messages: dict[str, str] = st.session_state.setdefault(MESSAGES, {})
    messages.pop(key, None)
    text = st.session_state.get(key) or ""
    number, message = read(text, kind, markdown=True)
    if message is None and number is None and not optional:
        message = display.t()("typed.empty")
    elif message is None:
        problems = case_state.try_update({path: None if number is None else to_case(number) if to_case else number})
        if problems:
            message = refused(number) if refused is not None else " ".join(problems)
        else:
            _show_back(key, shown(number, kind))
    if message:
        messages[key] = message


def _show_back(key: str, text: str) -> None:
    """The field shows what the case now holds, written the language's way ("400000" becomes "400.000")."""
    st.session_state[key] = text
    widgets.remember({key: text})


def shown_date(value: dt.date | None, lang: str | None = None) -> str:
    """A date as its field shows it: 31-12-2026 in Dutch, 31 Dec 2026 in English; "" when empty."""
    if value is None:
        return ""
    language = lang or display.lang()
    return format_date(value, format=DATE_FORMATS.get(language, DATE_FORMATS["en"]), locale=LOCALES[language])


def read_typed_date(
    text: str | None, lang: str | None = None, *, markdown: bool = False
) -> tuple[dt.date | None, str | None]:
    """What ``text`` says as a date: ``(date, None)``, ``(None, None)`` when empty, or ``(None, sentence)``
    (``markdown`` as for ``read``)."""
    language = lang or display.lang()
    if text is None or not text.strip():
        return None, None
    try:
        return read_date(text, language), None
    except Typed as refused:
        return None, sentence(refused, language, markdown)


def bound_date(
    label: str,
    key: str,
    path: str,
    value: dt.date | None,
    *,
    help: str | None = None,
    container: Any = None,
    refused: Callable[[dt.date], str] | None = None,
) -> None:
    """A date field bound to the case field ``path``, like ``bound_number``: typed as the language
    writes dates (``decision.text.typed.read_date``), applied at once and shown back in the field's
    form; emptied, the case holds no date; an entry that cannot be read, or a date the case refuses
    (``refused`` says why, naming the field), stays with its sentence and the case keeps its date."""
    where = container if container is not None else st
    widgets.seed(key, shown_date(value))
    where.text_input(
        label,
        key=key,
        help=help,
        placeholder=display.t()("typed.example.date"),
        max_chars=MAX_CHARS,
        on_change=_apply_date,
        args=(key, path, refused),
        persist_state="session",
    )
    _show_message(key, where)


def _apply_date(key: str, path: str, refused: Callable[[dt.date], str] | None) -> None:
    messages: dict[str, str] = st.session_state.setdefault(MESSAGES, {})
    messages.pop(key, None)
    date, message = read_typed_date(st.session_state.get(key), markdown=True)
    if message is None:
        problems = case_state.try_update({path: date})
        if problems:
            message = refused(date) if refused is not None and date is not None else " ".join(problems)
        else:
            _show_back(key, shown_date(date))
    if message:
        messages[key] = message


@dataclass(frozen=True)
class NumberCells:
    """The number columns of a table editor (``widgets.table_editor``) as text fields: written as the page's
    language writes numbers (``shown``) and read back the same way (``read``), so that "40.000" typed in
    Dutch is forty thousand, and what cannot be read is refused with its sentence, never guessed at.

    ``kinds``: each field's kind as the registry names it ("euro", "percent", "months", "number");
    ``labels``: its column's name, which starts the sentence; ``per_cent``: fields the case stores as
    fractions (0.10) and the column shows in percent (10).
    """

    kinds: dict[str, str]
    labels: dict[str, str]
    per_cent: frozenset[str] = frozenset()
    lang: str | None = None  # the page's language unless given

    def hidden(self) -> tuple[str, ...]:
        """The amount columns while a workshop hides amounts: shown as "€ •••", to be disabled by the caller."""
        return tuple(field for field, kind in self.kinds.items() if masked(kind))

    def show(self, frame: pd.DataFrame) -> pd.DataFrame:
        written = frame.copy()
        hidden = self.hidden()
        for field, kind in self.kinds.items():
            scale = 100.0 if field in self.per_cent else 1.0
            written[field] = pd.Series(
                [
                    ""
                    if value is None or value != value
                    else MASK
                    if field in hidden
                    else shown(float(value) * scale, kind, self.lang)
                    for value in frame[field]
                ],
                index=frame.index,
                dtype="str",  # also when the table is empty: a text column cannot edit a float one
            )
        return written

    def read(self, row: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        values, problems = dict(row), []
        hidden = self.hidden()
        for field, kind in self.kinds.items():
            if field not in row:
                continue
            text = row[field]
            if field in hidden:  # a masked amount is not an entry: the case keeps its value
                values.pop(field)
                continue
            value, problem = read(None if text is None else str(text), kind, self.lang)
            if problem is not None:
                problems.append(f"{self.labels[field]}: {problem}")
            scale = 100.0 if field in self.per_cent else 1.0
            values[field] = None if value is None else value / scale
        return values, problems
