"""The model workbook on the Board report page and the agreement document on the SMART agreement page:
both buttons are there, named in the file's language, and give a workbook and a document when clicked."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest

from decision.model.presets import EXAMPLE, load_preset
from decision.text.i18n import translate

REPORT = "app_pages/report.py"
AGREEMENT = "app_pages/agreement.py"
STEM = "erp-at-a-mid-size-manufacturer"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def offered(monkeypatch) -> dict[str, dict]:
    """Every download button the pages offer, by label: the arguments it was given."""
    import streamlit as st
    from streamlit.delta_generator import DeltaGenerator

    buttons: dict[str, dict] = {}
    offer, offer_here = DeltaGenerator.download_button, st.download_button

    def recorded(self, label, *args, **kwargs):  # in a column: column.download_button(...)
        buttons[label] = kwargs
        return offer(self, label, *args, **kwargs)

    def recorded_here(label, *args, **kwargs):  # on the page itself: st.download_button(...)
        buttons[label] = kwargs
        return offer_here(label, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recorded)
    monkeypatch.setattr(st, "download_button", recorded_here)
    return buttons


def without_language(preset: str = EXAMPLE):
    """The preset with no language of its own: its files follow the interface's language."""
    case = load_preset(preset)
    return case.model_copy(update={"profile": case.profile.model_copy(update={"language": None})})


def test_the_model_workbook_on_the_board_report_page_in_the_reports_language(app_at, offered):
    """The English example in the Dutch interface: the button speaks Dutch, the workbook follows the report's
    language (the case's, English, until another is chosen) in its file name and its sheets."""
    at = app_at(REPORT, EXAMPLE, "nl")
    assert not at.exception
    label = translate("export.page.download_xlsx", "nl")
    assert label == "Model downloaden (Excel)" and label in [button.label for button in at.get("download_button")]
    workbook = offered[label]
    assert workbook["file_name"] == f"{STEM}-model.xlsx" and workbook["mime"] == XLSX
    assert callable(workbook["data"]), "made when clicked, not on every run of the page"
    assert openpyxl.load_workbook(io.BytesIO(workbook["data"]())).sheetnames[0] == "Assumptions"
    at.button_group(key="report_lang").set_value("nl").run()
    assert not at.exception
    assert offered[label]["file_name"] == f"{STEM}-rekenmodel.xlsx"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_agreement_document_on_the_agreement_page(app_at, offered, lang):
    """A case without a language of its own: the document is in the interface's language, and named so."""
    at = app_at(None, None, lang)
    at.session_state["case"] = without_language()
    at.switch_page(AGREEMENT).run()
    assert not at.exception
    label = translate("export.page.download_docx", lang)
    assert label in [button.label for button in at.get("download_button")]
    suffix = {"en": "agreement", "nl": "afspraak"}[lang]
    document = offered[label]
    assert document["file_name"] == f"{STEM}-{suffix}.docx" and document["mime"] == DOCX
    title = {"en": "Agreement draft: ", "nl": "Conceptafspraak: "}[lang]
    assert docx.Document(io.BytesIO(document["data"]())).paragraphs[0].text.startswith(title)


def test_the_agreement_document_follows_the_cases_language(app_at, offered):
    at = app_at(AGREEMENT, EXAMPLE, "nl")  # an English case in the Dutch interface
    assert not at.exception
    assert offered[translate("export.page.download_docx", "nl")]["file_name"] == f"{STEM}-agreement.docx"
