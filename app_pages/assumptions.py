"""Assumptions: every input of each strategy as an estimate with its source (the ledger).

Each estimate is entered as one number with a certainty (low and high derived from it,
``decision.analysis.guess``) or as three numbers (low, most likely, high), in the language's way
of writing numbers (``ui.typed``); an amount per month may be typed per year. Each row says
whose number the case holds (the director's own, a default with its source, or still empty)
and, where docs/DOMAIN.md gives them, typical values with their source. Each tab's label says
how many of its estimates are filled in.

Widgets are keyed ``asm.<path>.<part>`` (``best`` and ``certainty`` for one number) and keep what
was typed across page switches (``persist_state="session"``). Each widget is seeded from the
case (``widgets.seed``) and seeded again only when the case's value for it changes, so an entry
the case did not accept stays in its field with its message until it is corrected. An estimate
is applied as a whole, when its three values are present and valid; its order is checked only
then. One number is applied only once a certainty is chosen: a range of the director's own shows
no certainty, so switching it to one number changes nothing until they choose one.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from decision.analysis import completeness, guess
from decision.analysis.inputs import (
    PARTS,
    InputSpec,
    bound_problems,
    describe_problem,
    estimate_change,
    estimate_problems,
    format_estimate,
    format_value,
    from_display,
    groups_of,
    inputs_of,
    to_display,
)
from decision.engine.simulation import case_estimate
from decision.model import options
from decision.model.case import Estimate
from decision.model.registry import BY_PATH, FALLBACKS, MAX_EURO, left_empty
from decision.model.triage import Reason
from decision.text.i18n import LANGUAGES, catalogue
from ui import case_state, display, settings, typed, widgets

LEDGER_HEIGHT = 68  # two lines: long sources stay readable
ENTRIES = ("one", "three")
PERIODS = ("month", "year")
GROUP_KEY = "asm.group"  # the group whose tab is open (tab labels change as estimates are filled in)

t = display.t()
lang = display.lang()


def entry_choice(key: str, seen: tuple[Any, ...], default: str) -> dict[str, Any]:
    """Widget keyword arguments of the choice between one number and three, kept under ``key`` (one
    widget per language, see ``widgets.per_language``). It starts from ``default`` again when the
    case's estimate changed elsewhere (another case opened, an edit on another page): ``seen`` is
    the estimate the choice was made for (``remember_entry`` after this row applied one)."""
    if st.session_state.get(f"{key}_seen") != seen:
        for name in (key, *(f"{key}_{code}" for code in LANGUAGES)):
            st.session_state.pop(name, None)
        st.session_state[f"{key}_seen"] = seen
    return widgets.per_language(key, default)


def estimate_seen(estimate: Estimate, origin: str) -> tuple[Any, ...]:
    return (estimate.low, estimate.mode, estimate.high, origin)


def remember_entry(key: str, spec: InputSpec) -> None:
    """This row has just applied an entry: the choice of one number or three stays as the director
    made it (three numbers 0 / 10 / 20 are also "10, about", and the row jumped to one number)."""
    case = case_state.case()
    st.session_state[f"{key}_seen"] = estimate_seen(case_estimate(case, spec.path), completeness.origin_of(case, spec))


def spread_text(kind: str, certainty: str) -> str:
    """ "±20%" or, for percentages, "±10 procentpunten"."""
    size = guess.spread(kind, certainty)
    if guess.in_points(kind):
        return t("assumptions.spread.points", points=round(size * 100))
    return t("assumptions.spread.relative", share=size)


def origin_line(spec: InputSpec, origin: str, estimate: Estimate) -> None:
    """Whose number this is, when it is not the director's own."""
    case = case_state.case()
    if origin == "empty":
        st.caption(":material/edit: " + t("assumptions.origin.empty"))
    elif origin == "default" and spec.stand_in and left_empty(case, spec):
        st.caption(":material/info: " + t("assumptions.origin.stand_in", name=t(BY_PATH[spec.stand_in].label_key)))
    elif origin == "default" and estimate.source:
        st.caption(":material/info: " + t("assumptions.origin.default_source", source=display.literal(estimate.source)))
    elif origin == "default":
        st.caption(":material/info: " + t("assumptions.origin.default"))


def typical_line(path: str) -> None:
    """Typical values from docs/DOMAIN.md with their source, for the inputs it gives figures for."""
    typical = catalogue(lang).get(f"inputs.{path}.typical")
    if typical:
        st.caption(t("assumptions.typical", text=typical))


def said_together(names: list[str]) -> str:
    """ "laag, meest waarschijnlijk en hoog"."""
    *first, last = names
    return f"{', '.join(first)} {t('assumptions.and')} {last}" if first else last


def part_problems(spec: InputSpec, values: dict[str, float | None]) -> list[Reason]:
    """The bounds problems of the values typed so far (the order is checked when all three are there)."""
    problems: list[Reason] = []
    for part, value in values.items():
        if value is None:
            continue
        if spec.minimum is not None and value < spec.minimum:
            problems.append(Reason("inputs.error.below", {"part": part, "value": value, "limit": spec.minimum}))
        if spec.maximum is not None and value > spec.maximum:
            problems.append(Reason("inputs.error.above", {"part": part, "value": value, "limit": spec.maximum}))
    return problems


def one_number(
    spec: InputSpec,
    label: str,
    key: str,
    shown: dict[str, float] | None,
    certainty_now: str | None,
    columns: list[Any],
    per_year: bool,
) -> tuple[dict[str, float] | None, list[str], str | None]:
    """One number and how sure: the derived estimate (stored units), the problems, and what is still missing."""
    best_column, certainty_column = columns
    best_column.caption(t("assumptions.best"))
    entry = typed.number_field(
        t("assumptions.aria.best", field=label),
        f"{key}.best",
        spec.kind,
        None if shown is None else shown["mode"],
        container=best_column,
        per_year=per_year,
        label_visibility="collapsed",
    )
    certainty_key = f"{key}.certainty.{lang}"
    widgets.seed(certainty_key, certainty_now)
    certainty_column.caption(t("assumptions.certainty.heading"), help=t("assumptions.certainty.help"))
    certainty = certainty_column.segmented_control(
        t("assumptions.aria.certainty", field=label),
        guess.CERTAINTIES,
        format_func=lambda c: t(f"assumptions.certainty.{c}"),
        key=certainty_key,
        label_visibility="collapsed",
        persist_state="session",
    )
    if certainty is not None:
        certainty_column.caption(t("assumptions.around", spread=spread_text(spec.kind, certainty)))
    if entry.message is not None:
        return None, [], None
    if entry.value is None:
        return None, [], None if shown is None else t("assumptions.missing.best")
    value = from_display(spec.kind, entry.value)
    problems = bound_problems(spec.path, spec.kind, value, spec.minimum, spec.maximum)
    if problems:
        return None, [describe_problem(spec, label, problem, lang) for problem in problems], None
    if certainty is None:
        return None, [], t("assumptions.missing.certainty")
    low, mode, high = guess.derive(spec, value, certainty)
    st.caption(
        t(
            "assumptions.derived",
            low=low,
            mode=mode,
            high=high,
            kind=spec.kind,
        )
    )
    return {"low": low, "mode": mode, "high": high}, [], None


def three_numbers(
    spec: InputSpec, label: str, key: str, shown: dict[str, float] | None, columns: list[Any], per_year: bool
) -> tuple[dict[str, float] | None, list[str], str | None]:
    """Low, most likely and high: the estimate (stored units) when all three are there, the problems,
    and which values are still missing."""
    values: dict[str, float | None] = {}
    unreadable = False
    for part, column in zip(PARTS, columns):
        column.caption(t(f"assumptions.{part}"))
        entry = typed.number_field(
            t(f"assumptions.aria.{part}", field=label),
            f"{key}.{part}",
            spec.kind,
            None if shown is None else shown[part],
            container=column,
            per_year=per_year,
            label_visibility="collapsed",
        )
        unreadable = unreadable or entry.message is not None
        values[part] = None if entry.value is None else from_display(spec.kind, entry.value)
    missing = [part for part, value in values.items() if value is None]
    if len(missing) == len(PARTS) and shown is None and not unreadable:
        return None, [], None  # still empty, and nothing typed yet (the row's origin line says so)
    if missing:
        problems = part_problems(spec, values)
        messages = [describe_problem(spec, label, problem, lang) for problem in problems]
        names = said_together([t(f"assumptions.part_name.{part}") for part in missing])
        return None, messages, None if unreadable else t("assumptions.missing.parts", parts=names)
    low, mode, high = (values[part] for part in PARTS)
    problems = estimate_problems(spec, low, mode, high)
    if problems:
        return None, [describe_problem(spec, label, problem, lang) for problem in problems], None
    return {part: float(value) for part, value in values.items() if value is not None}, [], None


def ledger_text(column: Any, key: str, name: str) -> str:
    """An estimate's source or note (``name``): its text field, or with amounts hidden and amounts in the
    text, the text with its amounts as dots (``typed.masked_text``), which keeps what the field held."""
    held = st.session_state.get(f"{key}.{name}", "")
    if typed.masked_text(column, t(f"assumptions.{name}"), f"{key}.{name}", held, height=LEDGER_HEIGHT):
        return held
    return column.text_area(
        t(f"assumptions.{name}"),
        key=f"{key}.{name}",
        help=t(f"assumptions.{name}_help"),
        placeholder=t(f"assumptions.{name}_placeholder"),
        height=LEDGER_HEIGHT,
        max_chars=widgets.max_chars(Estimate, name),
        persist_state="session",
    )


def estimate_row(spec: InputSpec) -> None:
    """One estimate: one number with a certainty or three numbers, distribution, source and note;
    applied when complete and valid."""
    case = case_state.case()
    label = t(spec.label_key)
    estimate = case_estimate(case, spec.path)
    origin = completeness.origin_of(case, spec)
    key = f"asm.{spec.path}"
    # An empty estimate shows empty fields, not the new case's placeholder numbers.
    shown = None if origin == "empty" else {part: to_display(spec.kind, getattr(estimate, part)) for part in PARTS}
    certainty_now = (
        "about" if origin == "empty" else guess.certainty_of(spec, estimate.low, estimate.mode, estimate.high)
    )
    for name in ("distribution", "source", "note"):
        widgets.seed(f"{key}.{name}", getattr(estimate, name))

    with st.container(border=True, key=f"asm.row.{spec.path}"):
        heading, choices = st.columns(2, vertical_alignment="center")
        with choices, st.container(horizontal=True, horizontal_alignment="right"):
            entry_mode = st.segmented_control(
                t("assumptions.aria.entry", field=label),
                ENTRIES,
                format_func=lambda e: t(f"assumptions.entry.{e}"),
                required=True,
                label_visibility="collapsed",
                persist_state="session",
                **entry_choice(
                    f"{key}.entry", estimate_seen(estimate, origin), "one" if certainty_now is not None else "three"
                ),
            )
            per_year = False
            if spec.kind == "euro_month":
                period = st.segmented_control(
                    t("assumptions.aria.period", field=label),
                    PERIODS,
                    format_func=lambda p: t(f"assumptions.period.{p}"),
                    required=True,
                    label_visibility="collapsed",
                    persist_state="session",
                    **widgets.per_language(f"{key}.period", "month"),
                )
                per_year = period == "year"
        unit = t("inputs.unit.euro_year" if per_year else f"inputs.unit.{spec.kind}")
        heading.markdown(f"**{label}** · {unit}", help=t(spec.help_key))
        origin_line(spec, origin, estimate)
        typical_line(spec.path)

        one = entry_mode == "one"
        *value_columns, distribution_column = st.columns([3, 3, 2] if one else [2, 2, 2, 2])
        if one:
            stored, messages, missing = one_number(spec, label, key, shown, certainty_now, value_columns, per_year)
        else:
            stored, messages, missing = three_numbers(spec, label, key, shown, value_columns, per_year)
        distribution_column.caption(t("assumptions.distribution"), help=t("assumptions.distribution_help"))
        distribution = distribution_column.selectbox(
            t("assumptions.aria.distribution", field=label),
            ("pert", "triangular"),
            format_func=lambda d: t(f"assumptions.{d}"),
            key=f"{key}.distribution",
            label_visibility="collapsed",
            persist_state="session",
        )
        source, note = (ledger_text(column, key, name) for name, column in zip(("source", "note"), st.columns([3, 2])))

        if stored is not None:
            change = estimate_change(
                case_state.case(), spec, {**stored, "distribution": distribution, "source": source, "note": note}
            )
            if change is not None:
                messages = case_state.try_update({spec.path: change})
                if not messages:
                    remember_entry(f"{key}.entry", spec)
                    if change["source"] != source:
                        # The default's source was dropped with its numbers: the next run shows the
                        # field empty (its widgets are not remembered, so they are set from the case).
                        st.rerun()
                    widgets.remember(
                        {f"{key}.distribution": distribution, f"{key}.source": source, f"{key}.note": note}
                    )
        for message in messages:
            st.error(message, icon=":material/warning:")
        in_case = format_estimate(spec, case_estimate(case_state.case(), spec.path), lang, t.money)
        still_empty = completeness.origin_of(case_state.case(), spec) == "empty"
        if missing is not None:
            st.caption(missing if still_empty else f"{missing} {t('assumptions.not_applied', value=in_case)}")
        elif still_empty:
            pass  # the origin line says it still needs a number
        elif messages or stored is None:
            st.caption(t("assumptions.not_applied", value=in_case))
        else:
            st.caption(t("assumptions.in_case", value=in_case))


def apply_single(path: str, key: str, value: Any, kind: str, problems: list[Any]) -> None:
    """Apply one non-estimate field, or show why it cannot be applied."""
    label = t(f"inputs.{path}.label")
    messages = [describe_problem(kind, label, problem, lang) for problem in problems]
    group, name = path.split(".")
    if not messages and getattr(getattr(case_state.case(), group), name) != value:
        messages = case_state.try_update({path: value})
        if not messages:
            widgets.remember({key: st.session_state[key]})
    for message in messages:
        st.error(message, icon=":material/warning:")


def liability_cap() -> None:
    legal = case_state.case().legal
    cap = legal.liability_cap
    widgets.seed("asm.legal.liability_cap.none", cap is None)
    with st.container(border=True, key="asm.row.legal.liability_cap"):
        label = t("inputs.legal.liability_cap.label")
        st.markdown(f"**{label}** · {t('inputs.unit.euro')}", help=t("inputs.legal.liability_cap.help"))
        typical_line("legal.liability_cap")
        no_cap = st.checkbox(
            t("inputs.legal.liability_cap.no_cap"), key="asm.legal.liability_cap.none", persist_state="session"
        )
        entry = typed.number_field(
            f"{label} ({t('inputs.unit.euro')})",
            "asm.legal.liability_cap",
            "euro",
            float(cap) if cap is not None else legal.claim.high,
            disabled=no_cap,
        )
        if no_cap:
            if cap is not None:
                case_state.try_update({"legal.liability_cap": None})
                widgets.remember({"asm.legal.liability_cap.none": True})
        elif entry.message is None:
            problems = bound_problems("legal.liability_cap", "euro", entry.value, 0.0, MAX_EURO)
            apply_single("legal.liability_cap", "asm.legal.liability_cap", entry.value, "euro", problems)
            if not problems:
                widgets.remember({"asm.legal.liability_cap.none": False})


def solve_choices() -> None:
    solve = case_state.case().solve
    widgets.seed("asm.solve.fallback", solve.fallback)
    with st.container(border=True):
        st.markdown(f"**{t('assumptions.other')}**")
        share_column, fallback_column = st.columns(2)
        label = t("inputs.solve.client_share.label")
        entry = typed.number_field(
            f"{label} ({t('inputs.unit.share')})",
            "asm.solve.client_share",
            "share",
            to_display("share", solve.client_share),
            container=share_column,
            help=t("inputs.solve.client_share.help"),
        )
        with share_column:
            if entry.message is None:
                share = None if entry.value is None else from_display("share", entry.value)
                problems = bound_problems("solve.client_share", "share", share, 0.0, 1.0)
                apply_single("solve.client_share", "asm.solve.client_share", share, "share", problems)
            st.caption(
                t("assumptions.in_case", value=format_value("share", case_state.case().solve.client_share, lang))
            )
        with share_column:
            repair_share()
        fallback = fallback_column.selectbox(
            t("inputs.solve.fallback.label"),
            FALLBACKS,
            format_func=t.strategy,
            key="asm.solve.fallback",
            help=t("inputs.solve.fallback.help"),
            persist_state="session",
        )
        with fallback_column:
            apply_single("solve.fallback", "asm.solve.fallback", fallback, "share", [])


def residual_grows() -> None:
    """Whether the dysfunction left after a fix keeps growing (MODEL.md 7.6): a switch bound to the case."""
    with st.container(border=True, key="asm.row.current.residual_grows"):
        st.toggle(
            t("inputs.current.residual_grows.label"),
            help=t("inputs.current.residual_grows.help"),
            **widgets.bound(
                "asm.current.residual_grows", "current.residual_grows", case_state.case().current.residual_grows
            ),
        )
        typical_line("current.residual_grows")


# What a switched-off go/no-go review held, by case id: switching it on again in this session restores it.
KEPT_GATE = "asm.gate_kept"


def switch_gate(key: str) -> None:
    """A go/no-go review of the attempt on (pre-filled halfway, or what it held before) or off (no gate)."""
    kept: dict[str, Any] = st.session_state.setdefault(KEPT_GATE, {})
    case = case_state.case()
    if not st.session_state[key]:
        if case.solve.gate_months is not None:
            kept[case_state.case_id()] = case.solve.gate_months.model_dump(mode="json")
        case_state.try_update({"solve.gate_months": None})
        return
    before = kept.get(case_state.case_id())
    if before is None or case_state.try_update({"solve.gate_months": before}):
        case_state.try_update({"solve.gate_months": options.prefill_gate(case, lang)})


def gate_row() -> None:
    """The go/no-go review (MODEL.md 7.3): a switch; on, its month as an estimate like any other."""
    key = "asm.solve.gate_on"
    on = case_state.case().solve.gate_months is not None
    widgets.seed(key, on)
    with st.container(border=True, key="asm.row.solve.gate_on"):
        st.toggle(
            t("assumptions.gate.switch"),
            key=key,
            help=t("assumptions.gate.switch_help"),
            on_change=switch_gate,
            args=(key,),
            persist_state="session",
        )
        if not on:
            st.caption(t("assumptions.gate.off"))
    if on:
        estimate_row(BY_PATH["solve.gate_months"])


def repair_share() -> None:
    """The share of the programme that is repair (MODEL.md 7.3, 7.8): an optional percentage."""
    value = case_state.case().solve.repair_share
    typed.bound_number(
        f"{t('inputs.solve.repair_share.label')} ({t('inputs.unit.share')})",
        "asm.solve.repair_share",
        "solve.repair_share",
        None if value is None else to_display("share", value),
        "share",
        to_case=lambda shown: from_display("share", shown),
        optional=True,
        help=t("inputs.solve.repair_share.help"),
    )
    st.caption(
        t("assumptions.in_case", value=format_value("share", value, lang))
        if value is not None
        else t("assumptions.repair_share_empty")
    )
    typical_line("solve.repair_share")


def fallback_choice(group: str) -> None:
    """What follows when another partner's transition fails, or no exit is agreed: a choice bound to the case."""
    spec = BY_PATH[f"{group}.fallback"]
    held = getattr(case_state.case(), group)
    with st.container(border=True, key=f"asm.row.{spec.path}"):
        st.selectbox(
            t(spec.label_key),
            spec.choices,
            format_func=t.strategy,
            help=t(spec.help_key),
            **widgets.bound(f"asm.{spec.path}", spec.path, held.fallback),
        )


def tab_label(group: str, count: completeness.Count) -> str:
    """ "Huidige situatie ✓", or "Huidige situatie · 3 van 5 ingevuld" while some are empty."""
    name = t(f"inputs.group.{group}")
    if count.complete:
        return t("assumptions.tab.complete", group=name)
    return t("assumptions.tab.filled", group=name, filled=count.own + count.default, total=count.total)


def count_line(count: completeness.Count) -> str:
    """ "5 schattingen: 3 van u, 1 standaardwaarde, 1 nog leeg" (the parts that are not zero)."""
    number = "one" if count.total == 1 else "other"
    total = t(f"assumptions.count.total_{number}", n=count.total)
    if count.own == count.total:
        return t(f"assumptions.count.all_own_{number}", total=total)
    parts = []
    if count.own:
        parts.append(t("assumptions.count.own", n=count.own))
    if count.default:
        parts.append(t(f"assumptions.count.default_{'one' if count.default == 1 else 'other'}", n=count.default))
    if count.empty:
        parts.append(t("assumptions.count.empty", n=count.empty))
    return t("assumptions.count.line", total=total, parts=", ".join(parts))


def keep_group(groups_by_label: dict[str, str]) -> None:
    st.session_state[GROUP_KEY] = groups_by_label.get(st.session_state.get("asm.tabs", ""))


st.title(t("nav.assumptions"))
st.write(t("assumptions.intro"))
st.caption(t("assumptions.applies"))

shown_groups = groups_of(case_state.case())
counts = {group: completeness.count(case_state.case(), group) for group in shown_groups}
labels = {group: tab_label(group, counts[group]) for group in shown_groups}
linked = settings.tab_from_url(shown_groups)
if linked is not None:  # a link to this tab (Case's link to an option's estimates) opens it
    st.session_state[GROUP_KEY] = linked
    st.session_state["asm.tabs"] = labels[linked]
open_group = st.session_state.get(GROUP_KEY)
if open_group not in shown_groups:
    open_group = shown_groups[0]
tabs = st.tabs(
    [labels[group] for group in shown_groups],
    default=labels[open_group],
    key="asm.tabs",
    on_change=keep_group,
    args=({label: group for group, label in labels.items()},),
)
for group, tab in zip(shown_groups, tabs):
    with tab:
        st.caption(t(f"assumptions.group_intro.{group}"))
        st.markdown(count_line(counts[group]))
        for spec in inputs_of(group):
            if spec.path == "solve.gate_detection":
                gate_row()
            estimate_row(spec)
        if group == "current":
            residual_grows()
        if group in options.OPTIONS:
            fallback_choice(group)
        if group == "legal":
            liability_cap()
        if group == "solve":
            solve_choices()

if st.button(t("assumptions.next"), type="primary", key="asm.next"):
    st.switch_page("app_pages/comparison.py")

# A tab's label and count line were drawn before its rows applied what was typed: draw them again.
if {group: completeness.count(case_state.case(), group) for group in shown_groups} != counts:
    st.rerun()
