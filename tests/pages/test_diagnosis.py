"""Diagnosis page and its chart: the seven areas, both parties' severity, the evidence."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from decision.model.case import DIAGNOSIS_AREAS, AreaRating, Diagnosis
from decision.model.presets import EXAMPLE, load_preset, preset_ids
from decision.report.chart_style import CLIENT_COLOUR, SUPPLIER_COLOUR
from decision.text.i18n import Translator
from ui.charts.diagnosis import diagnosis_chart, severity_table

PAGE = "app_pages/diagnosis.py"
AREA_NAMES = [
    "Functionality",
    "Account management",
    "Supplier's invoicing",
    "Service desk",
    "Change requests",
    "Process knowledge",
    "Releases",
]


def chart_spec(at) -> dict:
    [chart] = at.get("vega_lite_chart")
    return json.loads(chart.proto.spec)


def chart_data(at) -> pd.DataFrame:
    [chart] = at.get("vega_lite_chart")
    [dataset] = chart.proto.datasets
    return convert_arrow_bytes_to_pandas_df(dataset.data.data)


@pytest.mark.parametrize("preset", preset_ids())
def test_every_preset_renders_its_ratings_and_a_chart(app_at, preset):
    diagnosis = load_preset(preset).diagnosis
    at = app_at(PAGE, preset)
    assert not at.exception
    for area in DIAGNOSIS_AREAS:
        rating = getattr(diagnosis, area)
        assert at.segmented_control(key=f"diagnosis.{area}.client").value == rating.client
        assert at.segmented_control(key=f"diagnosis.{area}.supplier").value == rating.supplier
        assert at.text_area(key=f"diagnosis.{area}.evidence").value == rating.evidence
    assert sorted(m.value for m in at.markdown if m.value.strip("*") in AREA_NAMES) == sorted(
        f"**{n}**" for n in AREA_NAMES
    )
    assert chart_spec(at)["mark"]["type"] == "bar"
    assert at.caption[0].value.startswith("Longest bars: where it pinches most.")


def test_dutch(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    assert at.title[0].value == "Diagnose: waar wringt de schoen"
    assert "**Proceskennis**" in [m.value for m in at.markdown]
    assert "De ontwikkelaars snappen niets van uw bedrijfsprocessen." in [c.value for c in at.caption]


def test_client_severity_changes_the_case_and_the_chart(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.segmented_control(key="diagnosis.invoicing.client").set_value(3).run()
    assert not at.exception
    assert at.session_state["case"].diagnosis.invoicing == AreaRating(
        client=3, supplier=1, evidence=load_preset(EXAMPLE).diagnosis.invoicing.evidence
    )
    rows = chart_data(at).query('area == "Supplier\'s invoicing"')
    assert dict(zip(rows.party, rows.severity)) == {"Client": 3, "Supplier": 1}


def test_clearing_the_suppliers_view_leaves_it_unassessed(app_at):
    at = app_at(PAGE, EXAMPLE)
    assert not at.info
    at.segmented_control(key="diagnosis.releases.supplier").set_value(None).run()
    assert at.session_state["case"].diagnosis.releases.supplier is None
    assert [i.value for i in at.info] == ["The supplier's view has not been entered for: Releases."]


def test_evidence_changes_the_case(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.text_area(key="diagnosis.service_desk.evidence").set_value("12 of 30 P1 tickets within SLA").run()
    assert at.session_state["case"].diagnosis.service_desk.evidence == "12 of 30 P1 tickets within SLA"


def test_next_goes_to_triage(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.button(key="diagnosis.next").click().run()
    assert at.title[0].value == "Triage"


# -- the chart builder -----------------------------------------------------------------


def test_severity_table_of_the_example():
    table = severity_table(load_preset(EXAMPLE).diagnosis, Translator("en"))
    client = table[table.party == "Client"].set_index("area").severity.to_dict()
    supplier = table[table.party == "Supplier"].set_index("area").severity.to_dict()
    assert client == dict(zip(AREA_NAMES, [4, 3, 1, 3, 3, 4, 2]))
    assert supplier == dict(zip(AREA_NAMES, [2, 1, 1, 2, 1, 1, 2]))
    assert table.loc[(table.area == "Process knowledge") & (table.party == "Client"), "meaning"].item() == "severe"


def test_an_unrated_supplier_view_has_no_bar():
    diagnosis = Diagnosis(functionality=AreaRating(client=2), invoicing=AreaRating(client=0, supplier=3))
    table = severity_table(diagnosis, Translator("nl"))
    assert len(table) == 7 + 1
    assert table[table.party == "Leverancier"].area.tolist() == ["Facturatie door de leverancier"]


def test_chart_uses_the_fixed_party_colours_and_the_source_order():
    spec = diagnosis_chart(Diagnosis(), Translator("en")).to_dict()
    colour = spec["encoding"]["color"]["scale"]
    assert colour == {"domain": ["Client", "Supplier"], "range": [CLIENT_COLOUR, SUPPLIER_COLOUR]}
    assert spec["encoding"]["y"]["scale"]["domain"] == AREA_NAMES
    assert spec["encoding"]["x"]["axis"]["values"] == [0, 1, 2, 3, 4]
