"""The board report: the memo of the open case as HTML and PDF, with a preview."""

import datetime as dt

import streamlit as st

from decision.report.memo import report_language
from decision.report.xlsx import model_workbook
from decision.store.library import file_stem
from decision.text.i18n import LANGUAGES, translate
from ui import cache, case_state, completeness, display
from ui.settings import LANGUAGE_NAMES

t = display.t()
case = case_state.case()

st.title(t("nav.report"))
st.caption(t("report.page.intro"))


def page() -> None:
    """The downloads and the preview, for a case a recommendation can rest on."""

    lang = st.segmented_control(
        t("report.page.language"),
        LANGUAGES,
        default=report_language(case, display.lang()),
        format_func=LANGUAGE_NAMES.__getitem__,
        key="report_lang",
        help=t("report.page.language_help"),
    ) or report_language(case, display.lang())

    today = dt.date.today()
    with st.spinner(t("report.page.making")):
        html_memo = cache.memo_html(case, lang, today)

    # The file is named in the memo's language, not the interface's: an English memo is a "board-memo".
    stem = f"{file_stem(case.title)}-{translate('report.page.file_suffix', lang)}"
    html_col, pdf_col, xlsx_col = st.columns(3)
    html_col.download_button(
        t("report.page.download_html"),
        data=html_memo.encode("utf-8"),
        file_name=f"{stem}.html",
        mime="text/html",
        icon=":material/code:",
        type="primary",
        width="stretch",
        help=t("report.page.download_html_help"),
        key="report_html",
    )
    # The PDF is set when it is asked for (a deferred download): it takes a second the preview need not wait for.
    pdf_col.download_button(
        t("report.page.download_pdf"),
        data=lambda: cache.memo_pdf(case, lang, today),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        width="stretch",
        help=t("report.page.download_pdf_help"),
        key="report_pdf",
    )
    # The workbook is made when it is asked for (a deferred download): its per-month costs take a second.
    xlsx_col.download_button(
        t("export.page.download_xlsx"),
        data=lambda: model_workbook(case, lang, cache.ITERATIONS, cache.SEED),
        file_name=f"{file_stem(case.title)}-{translate('export.page.file_suffix_xlsx', lang)}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_chart:",
        width="stretch",
        help=t("export.page.download_xlsx_help"),
        key="report_xlsx",
    )

    st.header(t("report.page.preview"))
    if display.amounts_hidden():  # a workshop on a shared screen: the memo writes every amount in full
        st.info(t("report.page.preview_hidden"), icon=":material/visibility_off:")
        return
    with st.container(border=True):
        st.iframe(html_memo, height=900, alt=t("report.page.preview"))


if not completeness.no_advice_yet(case, "report"):
    page()
