"""Diagnosis, where it pinches: the seven complaint areas of the source text.

Per area the severity 0-4 as the client sees it, optionally as the supplier
sees it, and the evidence; a chart of all areas at the top.
"""

from __future__ import annotations

import streamlit as st

from decision.model.case import DIAGNOSIS_AREAS, AreaRating
from ui import case_state, display, typed, widgets
from ui.charts import draw
from ui.charts.diagnosis import MAX_SEVERITY, diagnosis_chart

SEVERITIES = list(range(MAX_SEVERITY + 1))
EVIDENCE_MAX_CHARS = widgets.max_chars(AreaRating, "evidence")


def severity_label(severity: int) -> str:
    return f"{severity} · {t(f'diagnosis.severity.{severity}')}"


def area_inputs(area: str, rating: AreaRating) -> None:
    """One area: what the source text says about it and the evidence on the left, both views on the right."""
    about, views = st.columns([2, 3], gap="medium")
    with about:
        st.markdown(f"**{t(f'diagnosis.area.{area}.name')}**")
        st.caption(t(f"diagnosis.area.{area}.complaint"))
        key = f"diagnosis.{area}.evidence"
        if not typed.masked_text(st, t("diagnosis.evidence_label"), key, rating.evidence, height=100):
            st.text_area(
                t("diagnosis.evidence_label"),
                max_chars=EVIDENCE_MAX_CHARS,
                height=100,
                help=t("diagnosis.evidence_help"),
                **widgets.bound(key, key, rating.evidence),
            )
    with views:
        st.segmented_control(
            t("diagnosis.client_label"),
            SEVERITIES,
            format_func=severity_label,
            required=True,
            wrap=True,
            help=t("diagnosis.client_help"),
            **widgets.bound(f"diagnosis.{area}.client", f"diagnosis.{area}.client", rating.client),
        )
        st.segmented_control(
            t("diagnosis.supplier_label"),
            SEVERITIES,
            format_func=severity_label,
            wrap=True,
            help=t("diagnosis.supplier_help"),
            **widgets.bound(f"diagnosis.{area}.supplier", f"diagnosis.{area}.supplier", rating.supplier),
        )


t = display.t()
diagnosis = case_state.case().diagnosis

st.title(t("diagnosis.title"))
st.markdown(t("diagnosis.intro"))

draw(diagnosis_chart(diagnosis, t))
st.caption(t("diagnosis.chart_caption"))
unrated = [t(f"diagnosis.area.{area}.name") for area in DIAGNOSIS_AREAS if getattr(diagnosis, area).supplier is None]
if unrated:
    st.info(t("diagnosis.not_assessed", areas=", ".join(unrated)))

for area in DIAGNOSIS_AREAS:
    with st.container(border=True):
        area_inputs(area, getattr(diagnosis, area))

if st.button(t("diagnosis.next"), type="primary", key="diagnosis.next"):
    st.switch_page("app_pages/triage.py")
