"""The house style of every chart, in the app and in the board memo.

One fixed, colour-blind-safe colour per strategy (Okabe-Ito), the two parties'
colours, the euro axis in k€ / M€ with the language's decimal mark, and amounts
in labels and tooltips written as a workshop wants them (exact, rounded or hidden).
"""

from __future__ import annotations

import textwrap

import altair as alt

from decision.model import registry
from decision.text import fmt
from decision.text.i18n import Translator, translate

CLIENT_COLOUR = "#0072B2"
SUPPLIER_COLOUR = "#CC79A7"


def strategy_scale(t: Translator, strategies: tuple[str, ...] | None = None) -> alt.Scale:
    """Colour scale keyed by the translated strategy names, in the fixed order: the ``strategies``
    a case has (all of the registry's when not given), each in its own fixed colour."""
    specs = [s for s in registry.STRATEGY_SPECS if strategies is None or s.key in strategies]
    return alt.Scale(domain=[t.strategy(s.key) for s in specs], range=[s.colour for s in specs])


def _decimal(lang: str) -> str:
    return "," if lang == "nl" else "."


def _sign(ref: str) -> str:
    # Vega's format() writes a minus as U+2212; Babel writes "-". The sign goes where Babel puts it.
    return f"({ref} < 0 ? '-' : '')"


def _short_expr(ref: str, lang: str) -> str:
    """A Vega expression writing the amount ``ref`` as ``fmt.money_short`` does: "k€ 250", "M€ 1,2"."""
    size, sign = f"abs({ref})", _sign(ref)
    return (
        f"round({size} / 1e3) >= 1e3 ? 'M€ ' + {sign} + replace(format({size} / 1e6, '.1f'), '.', '{_decimal(lang)}')"
        f" : round({size}) >= 1e3 ? 'k€ ' + {sign} + format({size} / 1e3, '.0f')"
        f" : '€ ' + {sign} + format({size}, '.0f')"
    )


def _exact_expr(ref: str, lang: str) -> str:
    """A Vega expression writing the amount ``ref`` in whole euros as ``fmt.money`` does: "€1,234", "€ 1.234"."""
    whole = f"format(abs({ref}), ',.0f')"
    sign = _sign(f"round({ref})")
    if lang == "nl":
        return f"'€\u00a0' + {sign} + replace({whole}, regexp(',', 'g'), '.')"
    return f"{sign} + '€' + {whole}"


def euro_axis(title: str, lang: str, amounts: str = "exact") -> alt.Axis:
    """An axis in k€ / M€ with the language's decimal mark.

    With hidden amounts (a workshop, ``fmt.AMOUNTS``) the axis has no figures and a second
    line of its title says so (one line would not fit along a chart's height).
    """
    lines = title_lines(title)
    if amounts == "hidden":
        return alt.Axis(title=[*lines, translate("chart.axis_hidden", lang)], labels=False)
    return alt.Axis(title=lines if len(lines) > 1 else title, labelExpr=_short_expr("datum.value", lang))


# An axis title longer than this is written on more lines, a closing parenthesis on a line of its own:
# a half-page chart with long option names ("Andere implementatiepartner") leaves ~250 px for it, and
# a y-axis title in a workshop's large type has the chart's height.
TITLE_LINE = 32
SHORT_BRACKET = 5  # "(€)" stays on the line before it


def title_lines(title: str) -> list[str]:
    """``title`` as the lines of an axis title: "Totale kosten over de horizon (contante waarde)" becomes
    ["Totale kosten over de horizon", "(contante waarde)"], and a longer text is wrapped at words
    ("Verwachte winst ten opzichte van het alternatief (€)" takes two lines, its "(€)" on the second);
    a title of at most TITLE_LINE characters stays one line."""
    if len(title) <= TITLE_LINE:
        return [title]
    head, bracket, tail = title.rpartition(" (")
    if not bracket or not head or not title.endswith(")"):
        return textwrap.wrap(title, TITLE_LINE)
    lines = textwrap.wrap(head, TITLE_LINE)
    if len(tail) + 1 <= SHORT_BRACKET:
        lines[-1] += " (" + tail
    else:
        lines.append("(" + tail)
    return lines


def euro_label(field: str, lang: str, amounts: str = "exact") -> str:
    """A Vega expression for the text or tooltip of the amount in ``field``, as ``fmt.money_as`` writes it.

    For charts of a few dozen points; the thousand points of the Comparison page's charts are written
    in their rows by ``fmt.money_many``, which costs the browser less on every what-if.
    """
    if amounts == "hidden":
        return f"'{fmt.HIDDEN_AMOUNT}'"
    if amounts == "rounded":
        return _short_expr(f"datum.{field}", lang)
    return _exact_expr(f"datum.{field}", lang)
