"""Start quickly: a dozen questions a director answers from memory, then a first recommendation.

The answers become a complete case in ``decision.model.quick.quick_case``: the director's own
numbers are theirs, every other estimate a default from docs/DOMAIN.md with its source. The
dysfunction's calculator (hours a week x cost per hour) stands above the form, so that its monthly
cost shows as soon as a field is left; the rest is one form, read when it is submitted. An answer
that cannot be read keeps its sentence under its field and nothing is opened.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from decision.model.case import DIAGNOSIS_AREAS
from decision.model.problems import describe_problems
from decision.model.quick import (
    CONTRACT_KINDS,
    EXAMPLE,
    QUICK_QUESTIONS,
    SIZES,
    QuickAnswers,
    monthly_cost,
    quick_case,
)
from ui import case_state, display, typed

KEY = "quick"  # every widget key of the page starts with it
ANSWERS = [True, False]
SCORES = [1, 2, 3, 4, 5]
SEVERITIES = [0, 1, 2, 3, 4]
# The label and help of each answer; the label names it in a sentence when it is missing or refused.
LABELS = {
    "hours_per_week": ("quick_start.hours_label", "quick_start.hours_help"),
    "hourly_rate": ("quick_start.rate_label", "quick_start.rate_help"),
    "size": ("quick_start.size_label", "quick_start.size_help"),
    "contract_kind": ("quick_start.kind_label", "quick_start.kind_help"),
    "contract_value": ("quick_start.value_label", "quick_start.value_help"),
    "yearly_fee": ("quick_start.fee_label", "quick_start.fee_help"),
    "remaining_term_months": ("quick_start.term_label", "quick_start.term_help"),
    "notice_months": ("quick_start.notice_label", "quick_start.notice_help"),
    "liability_cap": ("quick_start.cap_label", "quick_start.cap_help"),
    "severity": ("quick_start.diagnosis_heading", "quick_start.diagnosis_text"),
    "weekly_board_agenda": ("triage_page.board_label", "triage_page.board_help"),
    "continuity_threat": ("triage_page.continuity_label", "triage_page.continuity_help"),
    "client_recognises_supplier": ("triage_page.client_label", "triage_page.client_help"),
    "supplier_values_client": ("triage_page.supplier_label", "triage_page.supplier_help"),
}

t = display.t()
lang = display.lang()


def example(name: str, value: Any) -> str:
    """The widget key of one answer, holding the example answer until the director changes it."""
    key = f"{KEY}.{name}"
    st.session_state.setdefault(key, value)
    return key


def score_label(score: int) -> str:
    return f"{score} · {t(f'triage_page.scale.{score}')}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def choice(
    container: Any, label: str, name: str, options: list[Any], format_func: Any, help_text: str, value: Any
) -> Any:
    """A required choice among a few options (a segmented control), seeded with the example."""
    return container.segmented_control(
        label,
        options,
        format_func=format_func,
        required=True,
        wrap=True,
        help=help_text,
        key=example(name, value),
        persist_state="session",
    )


def number(container: Any, name: str, kind: str, value: float | None) -> typed.Entry:
    label, help_text = LABELS[name]
    return typed.number_field(t(label), f"{KEY}.{name}", kind, value, container=container, help=t(help_text))


def label_of(name: str) -> str:
    """The label of an answer, or its name when it has none."""
    return t(LABELS[name][0]) if name in LABELS else name


st.title(t("quick_start.title"))
st.markdown(t("quick_start.intro", count=QUICK_QUESTIONS))
st.info(t("quick_start.example"), icon=":material/edit_note:")

# -- 1. the dysfunction, with its calculator (outside the form, so that it shows at once) ------
st.markdown("## " + t("quick_start.dysfunction_heading"))  # h2: the page title is the h1
hours_column, rate_column, cost_column = st.columns(3, vertical_alignment="bottom")
entries: dict[str, typed.Entry] = {
    "hours_per_week": number(hours_column, "hours_per_week", "number", EXAMPLE.hours_per_week),
    "hourly_rate": number(rate_column, "hourly_rate", "euro", EXAMPLE.hourly_rate),
}
hours, rate = entries["hours_per_week"].value, entries["hourly_rate"].value
with cost_column.container(border=True):
    if hours is not None and rate is not None:
        st.markdown(t("quick_start.calculator", hours=hours, price_hour=rate, amount_month=monthly_cost(hours, rate)))
    else:
        st.caption(t("quick_start.calculator_wait"))

# -- 2-4. the rest, in one form ----------------------------------------------------------------
with st.form(f"{KEY}.form", enter_to_submit=False):
    st.markdown("## " + t("quick_start.organisation_heading"))  # h2: the page title is the h1
    size_column, kind_column = st.columns(2)
    size = size_column.selectbox(
        t("quick_start.size_label"),
        SIZES,
        format_func=lambda size: t(f"quick_start.size.{size}"),
        help=t("quick_start.size_help"),
        key=example("size", EXAMPLE.size),
        persist_state="session",
    )
    contract_kind = kind_column.selectbox(
        t("quick_start.kind_label"),
        CONTRACT_KINDS,
        format_func=lambda kind: capitalised(t(f"quick_start.kind.{kind}")),
        help=t("quick_start.kind_help"),
        key=example("contract_kind", EXAMPLE.contract_kind),
        persist_state="session",
    )
    value_column, fee_column = st.columns(2)
    entries["contract_value"] = number(value_column, "contract_value", "euro", EXAMPLE.contract_value)
    entries["yearly_fee"] = number(fee_column, "yearly_fee", "euro", EXAMPLE.yearly_fee)
    term_column, notice_column, cap_column = st.columns(3)
    entries["remaining_term_months"] = number(
        term_column, "remaining_term_months", "months", EXAMPLE.remaining_term_months
    )
    entries["notice_months"] = number(notice_column, "notice_months", "months", EXAMPLE.notice_months)
    entries["liability_cap"] = number(cap_column, "liability_cap", "euro", EXAMPLE.liability_cap)

    st.markdown("## " + t("quick_start.diagnosis_heading"))  # h2: the page title is the h1
    st.caption(t("quick_start.diagnosis_text"))
    severity: dict[str, Any] = {}
    area_columns = st.columns(2)
    for index, area in enumerate(DIAGNOSIS_AREAS):
        severity[area] = choice(
            area_columns[index % 2],
            t(f"diagnosis.area.{area}.name"),
            f"severity.{area}",
            SEVERITIES,
            str,  # the scale's words stand in the caption above: seven rows of five words would not fit
            t(f"diagnosis.area.{area}.complaint"),
            EXAMPLE.severity[area],
        )

    st.markdown("## " + t("quick_start.triage_heading"))  # h2: the page title is the h1
    acute_left, acute_right = st.columns(2)
    yes_no = {True: t("triage_page.yes"), False: t("triage_page.no")}.__getitem__
    board = choice(
        acute_left,
        t("triage_page.board_label"),
        "weekly_board_agenda",
        ANSWERS,
        yes_no,
        t("triage_page.board_help"),
        EXAMPLE.weekly_board_agenda,
    )
    continuity = choice(
        acute_right,
        t("triage_page.continuity_label"),
        "continuity_threat",
        ANSWERS,
        yes_no,
        t("triage_page.continuity_help"),
        EXAMPLE.continuity_threat,
    )

    # The recognition scores one under the other: side by side their five answers would not fit on a line.
    client = choice(
        st,
        t("triage_page.client_label"),
        "client_recognises_supplier",
        SCORES,
        score_label,
        f"{t('triage_page.client_help')} {t('quick_start.scale_help')}",
        EXAMPLE.client_recognises_supplier,
    )
    supplier = choice(
        st,
        t("triage_page.supplier_label"),
        "supplier_values_client",
        SCORES,
        score_label,
        f"{t('triage_page.supplier_help')} {t('quick_start.scale_help')}",
        EXAMPLE.supplier_values_client,
    )
    submitted = st.form_submit_button(
        t("quick_start.submit"),
        type="primary",
        help=t("quick_start.submit_help"),
        icon=":material/balance:",
        key=f"{KEY}.submit",
    )


def answers() -> tuple[QuickAnswers | None, list[str]]:
    """The form's answers, or None and a sentence per answer that is missing or refused."""
    problems: list[str] = []
    data: dict[str, Any] = {
        "size": size,
        "contract_kind": contract_kind,
        "severity": severity,
        "weekly_board_agenda": board,
        "continuity_threat": continuity,
        "client_recognises_supplier": client,
        "supplier_values_client": supplier,
    }
    for name, entry in entries.items():
        if entry.message is not None:
            problems.append(t("quick_start.problem", label=label_of(name), message=entry.message))
        elif entry.value is None and name != "liability_cap":
            problems.append(t("quick_start.missing", label=label_of(name)))
        else:
            data[name] = entry.value
    if problems:
        return None, problems
    try:
        return QuickAnswers.model_validate(data), []
    except ValidationError as error:
        for problem in describe_problems(error):
            label = label_of(problem.path.split(".")[0])
            problems.append(t("quick_start.problem", label=label, message=problem.message(lang)))
        return None, problems


if submitted:
    given, problems = answers()
    if given is None:
        st.error(
            "\n".join([t("quick_start.refused"), *(f"- {display.literal(line)}" for line in problems)]),
            icon=":material/error:",
        )
    else:
        case_state.open_new(quick_case(given, lang))
        st.switch_page("app_pages/comparison.py")
