"""Variants: named sets of assumptions side by side, and both parties' own estimates.

Everything is computed in decision/variants.py; every variant is evaluated
through the cached ``cache.evaluation``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from decision.analysis import inputs, variants
from decision.analysis.variants import Difference, PartyGap
from decision.model.case import Estimate, Variant
from decision.model.problems import CaseError
from ui import cache, case_state, display, typed, widgets
from ui.charts import draw
from ui.charts.variants import variants_chart

PARTY_OPTIONS = ("none", "client", "supplier")


def name_line(variant: Variant) -> str:
    """The variant's name (user text, escaped) with its party, for markdown."""
    party = f" · {t(f'common.{variant.party}')}" if variant.party else ""
    return f"**{display.literal(variant.name)}**{party}"


def save_section() -> None:
    st.markdown("## " + t("variants.save_header"))  # h2: the page title is the h1
    # Enter in the name field does not save: the form has a second question (whose view) to answer first.
    with st.form("variants_save", clear_on_submit=True, enter_to_submit=False, border=True):
        name = st.text_input(
            t("variants.name"),
            max_chars=widgets.max_chars(Variant, "name"),
            placeholder=t("variants.name_placeholder"),
            help=t("variants.name_help"),
            key="variants_name",
        )
        party = st.radio(
            t("variants.party"),
            PARTY_OPTIONS,
            format_func=lambda p: t(f"variants.party_{p}"),
            horizontal=True,
            help=t("variants.party_help"),
            key="variants_party",
        )
        submitted = st.form_submit_button(t("variants.save"), type="primary")
    if submitted:
        if not name.strip():
            st.error(t("variants.name_missing"))
            return
        store(variants.capture(case, name, None if party == "none" else party))


def store(variant: Variant) -> None:
    try:
        case_state.set_case(variants.save(case_state.case(), variant))
    except CaseError:
        st.error(t("variants.too_many", count=variants.MAX_STORED))
        return
    st.session_state["variants_notice"] = t("variants.saved", name=display.literal(variant.name))
    st.rerun()


def apply(name: str) -> None:
    current = case_state.case()
    case_state.set_case(variants.apply(current, variants.find(current, name)))
    st.session_state["variants_notice"] = t("variants.applied", name=display.literal(name))


def remove(name: str) -> None:
    case_state.set_case(variants.remove(case_state.case(), name))


def stored_section() -> None:
    st.markdown("## " + t("variants.stored_header"))  # h2: the page title is the h1
    if not case.variants:
        st.info(t("variants.none_yet"))
        return
    for index, variant in enumerate(case.variants):
        with st.container(border=True):
            label = name_line(variant)
            if variants.apply(case, variant) == case:
                label += f" · *{t('variants.is_current')}*"
            st.markdown(label)
            with st.container(horizontal=True):
                st.button(
                    t("variants.apply"),
                    key=f"variants_apply_{index}",
                    help=t("variants.apply_help"),
                    on_click=apply,
                    args=(variant.name,),
                    icon=":material/input:",
                )
                st.button(
                    t("variants.remove"),
                    key=f"variants_remove_{index}",
                    on_click=remove,
                    args=(variant.name,),
                    icon=":material/delete:",
                    type="tertiary",
                )


def compare_section() -> None:
    names = [variant.name for variant in case.variants]
    if not names:
        return
    st.markdown("## " + t("variants.compare_header"))  # h2: the page title is the h1
    chosen = st.multiselect(
        t("variants.compare", count=variants.MAX_COMPARED),
        names,
        default=names[: variants.MAX_COMPARED],
        max_selections=variants.MAX_COMPARED,
        help=t("variants.compare_help"),
        placeholder=t("variants.compare_empty"),
        key=widgets.fresh_key("variants_compared", *names),
    )
    if not chosen:
        st.info(t("variants.compare_empty"))
        return
    evaluations = variants.evaluate_all(case, chosen, cache.evaluation)
    for column, (name, evaluation) in zip(st.columns(len(evaluations)), evaluations.items()):
        with column.container(border=True):
            st.markdown(f"**{display.literal(name)}**")
            best = evaluation.recommendation.strategy
            st.metric(t("variants.recommended"), t.strategy(best))
            st.caption(t("variants.expected", amount=evaluation.strategies[best].mean))
    draw(variants_chart(evaluations, t))
    st.caption(t("variants.chart_caption"))
    rows = []
    for name, evaluation in evaluations.items():
        row = {
            t("variants.col_variant"): name,
            t("variants.col_recommended"): t.strategy(evaluation.recommendation.strategy),
        }
        for strategy, result in evaluation.strategies.items():
            row[t("variants.col_mean_of", strategy=strategy)] = display.money(result.mean)
            row[t("variants.col_p90_of", strategy=strategy)] = display.money(result.p90)
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def input_label(path: str) -> str:
    """The input's label with its unit ("Cost of the dysfunction (€ per month)")."""
    label = t(f"inputs.{path}.label")
    kind = variants.kind(path)
    return label if kind in ("strategy", "choice", "flag") else f"{label} ({t(f'inputs.unit.{kind}')})"


def estimates_frame(client: Variant, supplier: Variant) -> pd.DataFrame:
    rows = []
    for spec in variants.estimates_held(client, supplier):
        row: dict[str, object] = {"input": input_label(spec.path)}
        for party, view in (("client", client), ("supplier", supplier)):
            estimate = variants.estimate(view, spec.path)
            for part in inputs.PARTS:
                # Written as the page's language writes numbers, and read back the same way (typed.read): a
                # number column read "40.000" typed in Dutch as 40, without a word.
                row[f"{party}_{part}"] = (
                    ""
                    if estimate is None
                    else typed.shown(inputs.to_display(spec.kind, getattr(estimate, part)), spec.kind)
                )
        rows.append(row)
    return pd.DataFrame(rows)


def estimates_editor(client: Variant, supplier: Variant) -> None:
    frame = estimates_frame(client, supplier)
    columns: dict[str, object] = {"input": st.column_config.TextColumn(t("variants.editor_input"), width="large")}
    for party in variants.PARTIES:
        for part in inputs.PARTS:
            columns[f"{party}_{part}"] = st.column_config.TextColumn(
                t("variants.column", party=t(f"common.{party}"), part=t(f"inputs.part.{part}")),
                max_chars=typed.MAX_CHARS,
            )
    key = widgets.fresh_key("variants_estimates", client.model_dump_json(), supplier.model_dump_json())
    with st.form("variants_estimates_form", border=False):
        edited = st.data_editor(
            frame,
            column_config=columns,
            disabled=["input"],
            hide_index=True,
            width="stretch",
            key=key,
            num_rows="fixed",
        )
        submitted = st.form_submit_button(t("variants.save_estimates"), type="primary")
    if submitted:
        save_estimates(edited, client, supplier)


def save_estimates(edited: pd.DataFrame, client: Variant, supplier: Variant) -> None:
    updated: dict[str, Variant] = {}
    messages: list[str] = []
    for party, view in (("client", client), ("supplier", supplier)):
        entries: dict[str, tuple[float | None, ...]] = {}
        unread: list[str] = []
        for row, spec in enumerate(variants.estimates_held(client, supplier)):
            values = []
            for part in inputs.PARTS:
                value, problem = typed.read(cell(edited.iloc[row][f"{party}_{part}"]), spec.kind, markdown=True)
                values.append(value)
                if problem is not None:
                    where = f"{t(f'common.{party}')} · {t(spec.label_key)} · {t(f'inputs.part.{part}')}"
                    unread.append(f"{where}: {problem}")
            entries[spec.path] = tuple(values)
        if unread:  # what cannot be read is not guessed at: the sentence says how to write it
            messages += unread
            continue
        problems = variants.entry_problems(entries)
        for path, reasons in problems.items():
            spec = inputs.BY_PATH[path]
            label = f"{t(f'common.{party}')} · {t(spec.label_key)}"
            messages += [inputs.describe_problem(spec, label, reason, t.lang) for reason in reasons]
        if not problems:
            updated[party] = variants.with_estimates(view, entries)
    if messages:
        for message in messages:
            st.error(message)
        return
    new_case = case_state.case()
    for view in updated.values():
        new_case = variants.save(new_case, view)
    case_state.set_case(new_case)
    st.session_state["variants_notice"] = t("variants.estimates_saved")
    st.rerun()


def cell(value: object) -> str | None:
    """A cell as typed (empty: None)."""
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)  # type: ignore[arg-type]


def shown(difference: Difference, item: object) -> str:
    """One side of a difference as the director reads it."""
    if difference.kind == "strategy":
        return t.strategy(str(item))
    if isinstance(item, Estimate):
        return inputs.format_estimate(inputs.BY_PATH[difference.path], item, t.lang, t.money)
    return inputs.format_value(difference.kind, item, t.lang, t.money)  # type: ignore[arg-type]


def gap_section(gap: PartyGap) -> None:
    if not gap.effects:
        # With amounts hidden there is no table above to change the figures in.
        st.info(t("variants.no_differences_hidden" if display.amounts_hidden() else "variants.no_differences"))
        return
    st.markdown(f"**{t('variants.differences_header')}**")
    rows = [
        {
            t("variants.col_input"): input_label(effect.difference.path),
            t("variants.col_client"): shown(effect.difference, effect.difference.first),
            t("variants.col_supplier"): shown(effect.difference, effect.difference.second),
            t("variants.col_flip"): t.strategy(effect.strategy) if effect.flips else t("variants.no_flip"),
        }
        for effect in gap.effects
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    if gap.changes_recommendation:
        st.warning(
            t(
                "variants.gap_changes",
                client_choice=t.strategy(gap.client_strategy),
                supplier_choice=t.strategy(gap.supplier_strategy),
            ),
            icon=":material/warning:",
        )
    else:
        st.success(t("variants.gap_same", choice=t.strategy(gap.client_strategy)), icon=":material/check_circle:")
    if gap.decisive:
        st.markdown(t("variants.decisive", inputs=", ".join(input_label(e.difference.path) for e in gap.decisive)))
    else:
        st.caption(t("variants.not_decisive"))


def parties_section() -> None:
    st.markdown("## " + t("variants.parties_header"))  # h2: the page title is the h1
    st.markdown(t("variants.parties_intro"))
    client = variants.of_party(case, "client")
    supplier = variants.of_party(case, "supplier")
    if client is None or supplier is None:
        with st.container(horizontal=True):
            if client is None and st.button(t("variants.start_client"), key="variants_start_client"):
                store(variants.capture(case, unique_name(t("variants.client_view_name")), "client"))
            if supplier is None and st.button(t("variants.start_supplier"), key="variants_start_supplier"):
                store(variants.capture(case, unique_name(t("variants.supplier_view_name")), "supplier"))
        return
    if display.amounts_hidden():  # a shared screen: the table writes both parties' numbers in full
        st.info(t("variants.estimates_hidden"), icon=":material/visibility_off:")
    else:
        estimates_editor(client, supplier)
    gap_section(variants.party_gap(case, client, supplier, cache.evaluation))


def unique_name(name: str) -> str:
    """``name``, or "name 2", "name 3", ... when a variant has that name already."""
    taken = {variant.name for variant in case.variants}
    number = 2
    candidate = name
    while candidate in taken:
        candidate = f"{name} {number}"
        number += 1
    return candidate


t = display.t()
case = case_state.case()

st.title(t("variants.title"))
st.markdown(t("variants.intro"))
notice = st.session_state.pop("variants_notice", None)
if notice:
    st.success(notice, icon=":material/check_circle:")

left, right = st.columns([2, 3], gap="large")
with left:
    save_section()
with right:
    stored_section()
compare_section()
parties_section()
